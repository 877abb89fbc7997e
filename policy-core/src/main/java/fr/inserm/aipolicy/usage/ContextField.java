package fr.inserm.aipolicy.usage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one definition of the fields under {@code context} (docs/policy.md): their JSON names, their
 * types, the values a user can state and what a person could state instead to be allowed (the
 * remedy the alternatives try). The JSON reader and writer, the builders' checks, the decision
 * cache's key, the alternatives, the diff's input space, the web page's questions, the OpenAPI
 * description, CSV columns and the test generators all derive from this list; adding a field means
 * a component of {@link Context}, an entry here, and its texts: the page's question in English and
 * French and, with a remedy, the policy's label for that change.
 *
 * <p>Every field is optional: not stating it is not the same as stating {@code false}.
 */
public enum ContextField {
    /** The user has been trained on AI systems (R1, INSERM-2). */
    USER_TRAINED("userTrained", Boolean.class, Context::userTrained, Boolean.TRUE, 1, null),
    /** Who pays for a platform subscription (R5). */
    SUBSCRIPTION("subscription", Subscription.class, Context::subscription, Subscription.NONE, 11, null),
    /** This Inserm-funded subscription to a sovereign platform has been exceptionally authorised (R5.2). */
    SUBSCRIPTION_AUTHORISED("subscriptionAuthorised", Boolean.class, Context::subscriptionAuthorised, Boolean.TRUE, 7,
            c -> c.subscription() == Subscription.INSERM_FUNDED),
    /** What generated code is for (R4.3). */
    CODE_TARGET("codeTarget", CodeTarget.class, Context::codeTarget, CodeTarget.GENERAL, 12, null),
    /** An expert will systematically review generated code (R4.2). */
    EXPERT_REVIEW("expertReview", Boolean.class, Context::expertReview, Boolean.TRUE, 2, null),
    /** A data protection impact assessment was carried out with the DPO (R4.4). */
    DPIA_COMPLETED("dpiaCompleted", Boolean.class, Context::dpiaCompleted, Boolean.TRUE, 3, null),
    /** A subcontracting agreement is signed with the provider (R4.4). */
    SUBCONTRACTING_AGREEMENT("subcontractingAgreement", Boolean.class, Context::subcontractingAgreement, Boolean.TRUE, 4,
            null),
    /** The lawfulness of the training data has been checked (R7.1). */
    TRAINING_DATA_LAWFUL("trainingDataLawful", Boolean.class, Context::trainingDataLawful, Boolean.TRUE, 5, null),
    /** Data are collected by web scraping (R7.2). */
    WEB_SCRAPING("webScraping", Boolean.class, Context::webScraping, Boolean.FALSE, 10, null),
    /** The scraped sites' terms and conditions are respected (R7.2). */
    SCRAPING_TERMS_RESPECTED("scrapingTermsRespected", Boolean.class, Context::scrapingTermsRespected, Boolean.TRUE, 6,
            null),
    /** The data could be obtained through an API instead of scraping (R7.2). */
    API_AVAILABLE("apiAvailable", Boolean.class, Context::apiAvailable, null, 0, null),
    /** The output decides about individuals (CNIL-2, E6). */
    AUTOMATED_DECISION_ON_PEOPLE("automatedDecisionOnPeople", Boolean.class, Context::automatedDecisionOnPeople,
            Boolean.FALSE, 9, null),
    /** The result goes into a scientific publication (E1.2). */
    FOR_PUBLICATION("forPublication", Boolean.class, Context::forPublication, null, 0, null),
    /** The user deploys or runs the system for other people (CNIL's questions and answers). */
    DEPLOYED_FOR_OTHERS("deployedForOthers", Boolean.class, Context::deployedForOthers, Boolean.FALSE, 8, null);

    private static final List<ContextField> ALL = List.of(values());
    private static final List<ContextField> WITH_REMEDY = ALL.stream().filter(f -> f.remedy != null)
            .sorted(Comparator.comparingInt(f -> f.remedyOrder)).toList();

    private final String jsonName;
    private final Class<?> type;
    private final Function<Context, Object> getter;
    private final List<Object> values;
    private final Object remedy;
    private final int remedyOrder;
    private final Predicate<Context> remedyWhen;

    /**
     * @param remedy the value a person could state instead, that the alternatives try: {@code true} for
     *     something to do (tried when not stated as done), another value for something to give up
     *     (tried when another value is stated); null when the field is nothing to change
     * @param remedyOrder where the alternatives try it among the fields with a remedy
     * @param remedyWhen when the remedy is worth trying at all, or null for always
     */
    ContextField(String jsonName, Class<?> type, Function<Context, Object> getter, Object remedy, int remedyOrder,
            Predicate<Context> remedyWhen) {
        this.jsonName = jsonName;
        this.type = type;
        this.getter = getter;
        this.remedy = remedy;
        this.remedyOrder = remedyOrder;
        this.remedyWhen = remedyWhen;
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
        throw new InvalidUsageException(path(), Wording.of("notAccepted", "\"" + value + "\""), acceptedTexts());
    }

    /**
     * The fields a person could change to be allowed, in the order the alternatives try them: first
     * what the rules ask to be done ({@code userTrained}, {@code expertReview}, ... stated true), then
     * what they object to ({@code deployedForOthers} or {@code webScraping} given up, {@code subscription}
     * to none, {@code codeTarget} to general).
     *
     * @return the fields with a {@link #remedy()}
     */
    public static List<ContextField> withRemedy() {
        return WITH_REMEDY;
    }

    /**
     * The value a person could state instead, that the alternatives try.
     *
     * @return the value, or {@code null} when the field is nothing a person changes to be allowed
     */
    public Object remedy() {
        return remedy;
    }

    /**
     * Whether the remedy is worth trying on a context: something to do that is not stated as done, or
     * something to give up that is stated (and, for an authorisation, only where it is asked for).
     *
     * @param context the usage's context
     * @return whether to try stating {@link #remedy()} instead
     */
    public boolean remedyApplies(Context context) {
        if (remedy == null || remedyWhen != null && !remedyWhen.test(context)) {
            return false;
        }
        Object current = valueIn(context);
        return Boolean.TRUE.equals(remedy) ? !Boolean.TRUE.equals(current) : current != null && !current.equals(remedy);
    }

    /**
     * A value as JSON and CSV write it.
     *
     * @param value a value of a field
     * @return {@code true}, {@code false} or the enum constant's name
     */
    public static String text(Object value) {
        return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }
}
