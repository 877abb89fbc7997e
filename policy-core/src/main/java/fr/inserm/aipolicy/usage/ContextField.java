package fr.inserm.aipolicy.usage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The one definition of the fields under {@code context} (the policy (docs/policy.md)): their JSON names, their
 * types and the values a user can state. The JSON reader and writer, the builders' checks, the
 * decision cache's key, the alternatives, the diff's input space, the web page's questions, CSV
 * columns and the test generators all derive from this list; adding a field means a component of
 * {@link Context}, an entry here, and its label and question in the policy's bundles.
 *
 * <p>Every field is optional: not stating it is not the same as stating {@code false}.
 */
public enum ContextField {
    /** The user has been trained on AI systems (R1, INSERM-2). */
    USER_TRAINED("userTrained", Boolean.class, Context::userTrained),
    /** Who pays for a platform subscription (R5). */
    SUBSCRIPTION("subscription", Subscription.class, Context::subscription),
    /** This Inserm-funded subscription to a sovereign platform has been exceptionally authorised (R5.2). */
    SUBSCRIPTION_AUTHORISED("subscriptionAuthorised", Boolean.class, Context::subscriptionAuthorised),
    /** What generated code is for (R4.3). */
    CODE_TARGET("codeTarget", CodeTarget.class, Context::codeTarget),
    /** An expert will systematically review generated code (R4.2). */
    EXPERT_REVIEW("expertReview", Boolean.class, Context::expertReview),
    /** A data protection impact assessment was carried out with the DPO (R4.4). */
    DPIA_COMPLETED("dpiaCompleted", Boolean.class, Context::dpiaCompleted),
    /** A subcontracting agreement is signed with the provider (R4.4). */
    SUBCONTRACTING_AGREEMENT("subcontractingAgreement", Boolean.class, Context::subcontractingAgreement),
    /** The lawfulness of the training data has been checked (R7.1). */
    TRAINING_DATA_LAWFUL("trainingDataLawful", Boolean.class, Context::trainingDataLawful),
    /** Data are collected by web scraping (R7.2). */
    WEB_SCRAPING("webScraping", Boolean.class, Context::webScraping),
    /** The scraped sites' terms and conditions are respected (R7.2). */
    SCRAPING_TERMS_RESPECTED("scrapingTermsRespected", Boolean.class, Context::scrapingTermsRespected),
    /** The data could be obtained through an API instead of scraping (R7.2). */
    API_AVAILABLE("apiAvailable", Boolean.class, Context::apiAvailable),
    /** The output decides about individuals (CNIL-2, E6). */
    AUTOMATED_DECISION_ON_PEOPLE("automatedDecisionOnPeople", Boolean.class, Context::automatedDecisionOnPeople),
    /** The result goes into a scientific publication (E1.2). */
    FOR_PUBLICATION("forPublication", Boolean.class, Context::forPublication),
    /** The user deploys or runs the system for other people (CNIL's questions and answers). */
    DEPLOYED_FOR_OTHERS("deployedForOthers", Boolean.class, Context::deployedForOthers);

    private static final List<ContextField> ALL = List.of(values());

    private final String jsonName;
    private final Class<?> type;
    private final Function<Context, Object> getter;
    private final List<Object> values;

    ContextField(String jsonName, Class<?> type, Function<Context, Object> getter) {
        this.jsonName = jsonName;
        this.type = type;
        this.getter = getter;
        List<Object> stated = new ArrayList<>();
        if (type == Boolean.class) {
            stated.add(Boolean.TRUE);
            stated.add(Boolean.FALSE);
        } else {
            Collections.addAll(stated, type.getEnumConstants());
        }
        this.values = List.copyOf(stated);
    }

    /**
     * All fields, in the order of {@link Context}'s components.
     *
     * @return the fields
     */
    public static List<ContextField> all() {
        return ALL;
    }

    /**
     * Finds a field by its JSON name.
     *
     * @param jsonName the name under {@code context}, such as {@code userTrained}
     * @return the field, or {@code null} when no field has that name
     */
    public static ContextField byJsonName(String jsonName) {
        for (ContextField field : ALL) {
            if (field.jsonName.equals(jsonName)) {
                return field;
            }
        }
        return null;
    }

    /**
     * The field's name in JSON, under {@code context}.
     *
     * @return the name, such as {@code userTrained}
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The field's full path in a usage, as error messages and assumptions name it.
     *
     * @return the path, such as {@code context.userTrained}
     */
    public String path() {
        return "context." + jsonName;
    }

    /**
     * The Java type of the field's values: {@link Boolean} or an enum.
     *
     * @return the type
     */
    public Class<?> type() {
        return type;
    }

    /**
     * Every value a user can state for this field ({@code true} and {@code false}, or the enum's
     * constants), in a fixed order.
     *
     * @return the values
     */
    public List<Object> statedValues() {
        return values;
    }

    /**
     * The values as they are written in JSON and CSV.
     *
     * @return {@code true}, {@code false} or the enum constants' names
     */
    public List<String> acceptedTexts() {
        return values.stream().map(ContextField::text).toList();
    }

    /**
     * The value a context states for this field.
     *
     * @param context the context
     * @return the value, or {@code null} when not stated
     */
    public Object valueIn(Context context) {
        return getter.apply(context);
    }

    /**
     * Reads a value written as text (a CSV cell, a form field): {@code true}/{@code false} or an enum
     * constant's name; a blank text means "not stated".
     *
     * @param text the text
     * @return the value, or {@code null} for a blank text
     * @throws InvalidUsageException naming this field's path when the text is not an accepted value
     */
    public Object parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        for (Object accepted : values) {
            if (text(accepted).equals(value)) {
                return accepted;
            }
        }
        throw new InvalidUsageException(path(), "\"" + value + "\" is not an accepted value", acceptedTexts());
    }

    static String text(Object value) {
        return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }
}
