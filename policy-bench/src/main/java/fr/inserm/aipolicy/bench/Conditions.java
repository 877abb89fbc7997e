package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.usage.CodeTarget;
import fr.inserm.aipolicy.usage.DataCategory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The 52 rules' conditions once, as a small expression tree over the attributes a peer's request
 * carries, so that Cedar and XACML are written from one text of the conditions (each DRL condition
 * transcribed, over the raw usage fields) rather than twice by hand. Attributes: {@code hosting},
 * {@code purpose} (strings), {@code categories} (a set of strings), {@code generative} and
 * {@code hostingConfirmed} (booleans, always present), {@code parametersBillions} (a number, may be
 * absent) and every context field by its JSON name (absent when not stated).
 */
final class Conditions {
    private Conditions() {
    }

    /** A condition. */
    sealed interface Cond permits Eq, IsTrue, IsFalse, Stated, Has, Above, And, Or, Not {
    }

    /** A string attribute is present and equals a value. */
    record Eq(String attribute, String value) implements Cond {
    }

    /** A boolean attribute is present and true. */
    record IsTrue(String attribute) implements Cond {
    }

    /** A boolean attribute is present and false. */
    record IsFalse(String attribute) implements Cond {
    }

    /** An attribute is present (a context field stated). */
    record Stated(String attribute) implements Cond {
    }

    /** The categories hold a category. */
    record Has(String category) implements Cond {
    }

    /** A number attribute is present and greater than a bound. */
    record Above(String attribute, double bound) implements Cond {
    }

    /** All of the conditions. */
    record And(List<Cond> all) implements Cond {
    }

    /** Any of the conditions. */
    record Or(List<Cond> any) implements Cond {
    }

    /** Not the condition. */
    record Not(Cond cond) implements Cond {
    }

    static Cond and(Cond... all) {
        return new And(List.of(all));
    }

    static Cond or(Cond... any) {
        return new Or(List.of(any));
    }

    static Cond not(Cond cond) {
        return new Not(cond);
    }

    static Cond hosting(String value) {
        return new Eq("hosting", value);
    }

    static Cond purpose(String... values) {
        return or(Arrays.stream(values).map(v -> (Cond) new Eq("purpose", v)).toArray(Cond[]::new));
    }

    static Cond isTrue(String field) {
        return new IsTrue(field);
    }

    static Cond isFalse(String field) {
        return new IsFalse(field);
    }

    static Cond stated(String field) {
        return new Stated(field);
    }

    static Cond has(DataCategory... categories) {
        return or(Arrays.stream(categories).map(c -> (Cond) new Has(c.name())).toArray(Cond[]::new));
    }

    static final Cond EXTERNAL = or(hosting("EXTERNAL"), hosting("EXTERNAL_SOVEREIGN"));
    static final Cond SENSITIVE = has(Stream.of(DataCategory.values()).filter(DataCategory::isSensitive)
            .toArray(DataCategory[]::new));
    static final Cond UNKNOWN = has(DataCategory.UNKNOWN);
    static final Cond NO_DATA = not(has(DataCategory.values()));
    static final Cond GENERATIVE = isTrue("generative");
    static final Cond FUNDED = new Eq("subscription", "INSERM_FUNDED");
    static final Cond SENSITIVE_CODE = or(Stream.of(CodeTarget.values()).filter(CodeTarget::isHighlySensitive)
            .map(t -> (Cond) new Eq("codeTarget", t.name())).toArray(Cond[]::new));
    static final Cond CODE = or(purpose("CODE_GENERATION"), stated("codeTarget"), stated("expertReview"));
    static final Cond AGREED = and(isTrue("dpiaCompleted"), isTrue("subcontractingAgreement"));
    static final Cond NOT_AUTOMATED = not(purpose("AUTOMATED_PROCESSING"));
    static final Cond CLEAR_DATA = and(not(SENSITIVE), not(UNKNOWN));
    static final Cond SCRAPING_PURPOSE = purpose("MODEL_TRAINING", "DATA_ANALYSIS", "AUTOMATED_PROCESSING",
            "SYNTHETIC_DATA_GENERATION");

    /** Each rule's condition, as its DRL file states it. */
    static final Map<String, Cond> RULES = Map.ofEntries(
            Map.entry("D1", and(EXTERNAL, SENSITIVE)),
            Map.entry("D1b", and(hosting("EXTERNAL_SOVEREIGN"), SENSITIVE,
                    or(new Eq("subscription", "PERSONAL"), FUNDED))),
            Map.entry("D2", and(EXTERNAL, SENSITIVE_CODE)),
            Map.entry("D3", and(hosting("EXTERNAL"), FUNDED, GENERATIVE, NOT_AUTOMATED)),
            Map.entry("D4", and(EXTERNAL, CODE, isFalse("expertReview"))),
            Map.entry("D5", and(isTrue("webScraping"), isFalse("scrapingTermsRespected"))),
            Map.entry("S1", and(EXTERNAL, UNKNOWN)),
            Map.entry("S2", and(purpose("AUTOMATED_PROCESSING"), EXTERNAL, not(AGREED))),
            Map.entry("S3", and(hosting("EXTERNAL_SOVEREIGN"), FUNDED, GENERATIVE, NOT_AUTOMATED,
                    not(isTrue("subscriptionAuthorised")))),
            Map.entry("S4", isFalse("userTrained")),
            Map.entry("S5", or(and(purpose("MODEL_TRAINING"), not(isTrue("trainingDataLawful"))),
                    isFalse("trainingDataLawful"))),
            Map.entry("S6", isTrue("automatedDecisionOnPeople")),
            Map.entry("S7", and(isTrue("webScraping"), not(stated("scrapingTermsRespected")))),
            Map.entry("S8", and(isTrue("deployedForOthers"), EXTERNAL, not(AGREED))),
            Map.entry("S9", and(not(EXTERNAL), SENSITIVE_CODE, isFalse("expertReview"))),
            Map.entry("P1", and(EXTERNAL, CLEAR_DATA)),
            Map.entry("P2", not(EXTERNAL)),
            Map.entry("P3", and(or(purpose("AUTOMATED_PROCESSING"), isTrue("deployedForOthers")), EXTERNAL, CLEAR_DATA,
                    AGREED)),
            Map.entry("P4", and(hosting("EXTERNAL_SOVEREIGN"), FUNDED, isTrue("subscriptionAuthorised"), CLEAR_DATA)),
            Map.entry("O1", and(EXTERNAL, CODE)),
            Map.entry("O1b", SENSITIVE_CODE),
            Map.entry("O2", and()),
            Map.entry("O3", and()),
            Map.entry("O4", isTrue("forPublication")),
            Map.entry("O5", purpose("MODEL_TRAINING")),
            Map.entry("O6", or(purpose("MODEL_TRAINING"), and(isTrue("forPublication"), purpose("DATA_ANALYSIS",
                    "AUTOMATED_PROCESSING", "SYNTHETIC_DATA_GENERATION", "IMAGE_GENERATION")))),
            Map.entry("O7", or(purpose("SYNTHETIC_DATA_GENERATION", "IMAGE_GENERATION"), has(DataCategory.SYNTHETIC_DATA))),
            Map.entry("O8", has(DataCategory.IDENTIFIABLE_HEALTH_DATA)),
            Map.entry("O9", isTrue("deployedForOthers")),
            Map.entry("O10", isTrue("deployedForOthers")),
            Map.entry("O11", isTrue("deployedForOthers")),
            Map.entry("A1", new Above("parametersBillions", 10)),
            Map.entry("A2", and(purpose("DATA_ANALYSIS", "AUTOMATED_PROCESSING"), GENERATIVE)),
            Map.entry("A3", and(isTrue("webScraping"), isTrue("apiAvailable"))),
            Map.entry("A4", EXTERNAL),
            Map.entry("A5", and(purpose("MODEL_TRAINING"),
                    has(DataCategory.IDENTIFIABLE_HEALTH_DATA, DataCategory.PSEUDONYMISED_DATA))),
            Map.entry("A6", and(purpose("MODEL_TRAINING"), has(DataCategory.IDENTIFIABLE_HEALTH_DATA,
                    DataCategory.PSEUDONYMISED_DATA, DataCategory.ANONYMISED_WITH_APPROVAL,
                    DataCategory.ANONYMISED_WITHOUT_APPROVAL))),
            Map.entry("A7", or(purpose("HR_ADMINISTRATION", "MODEL_TRAINING"), isTrue("automatedDecisionOnPeople"))),
            Map.entry("U1", not(stated("userTrained"))),
            Map.entry("U2", and(hosting("EXTERNAL"), not(stated("subscription")), GENERATIVE, NOT_AUTOMATED)),
            Map.entry("U3", and(hosting("EXTERNAL_SOVEREIGN"), not(stated("subscription")), GENERATIVE, NOT_AUTOMATED,
                    not(isTrue("subscriptionAuthorised")))),
            Map.entry("U4", and(EXTERNAL, not(stated("codeTarget")),
                    or(purpose("CODE_GENERATION", "DATA_ANALYSIS", "AUTOMATED_PROCESSING", "OTHER"), stated("expertReview")))),
            Map.entry("U5", and(not(stated("webScraping")), not(stated("scrapingTermsRespected")), SCRAPING_PURPOSE)),
            Map.entry("U6", and(not(stated("webScraping")), isFalse("scrapingTermsRespected"), SCRAPING_PURPOSE)),
            Map.entry("U7", and(not(stated("automatedDecisionOnPeople")),
                    or(purpose("HR_ADMINISTRATION", "AUTOMATED_PROCESSING", "DATA_ANALYSIS", "MODEL_TRAINING", "OTHER"),
                            has(DataCategory.PERSONAL_DATA, DataCategory.IDENTIFIABLE_HEALTH_DATA,
                                    DataCategory.PSEUDONYMISED_DATA)))),
            Map.entry("U8", and(hosting("LOCAL"), SENSITIVE, not(isTrue("hostingConfirmed")))),
            Map.entry("U9", and(hosting("INTERNAL"), SENSITIVE, not(isTrue("hostingConfirmed")))),
            Map.entry("U10", and(hosting("LOCAL"), not(SENSITIVE), UNKNOWN, not(isTrue("hostingConfirmed")))),
            Map.entry("U11", and(hosting("INTERNAL"), not(SENSITIVE), UNKNOWN, not(isTrue("hostingConfirmed")))),
            Map.entry("U12", and(EXTERNAL, NO_DATA)),
            Map.entry("U13", and(not(EXTERNAL), not(stated("codeTarget")), isFalse("expertReview"))),
            Map.entry("U14", and(purpose("SYNTHETIC_DATA_GENERATION"), not(stated("trainingDataLawful")),
                    has(DataCategory.IDENTIFIABLE_HEALTH_DATA, DataCategory.PSEUDONYMISED_DATA,
                            DataCategory.PERSONAL_DATA))));

    /**
     * A condition in Cedar, over the request's {@code context}.
     *
     * @param cond the condition
     * @return the Cedar expression
     */
    static String cedar(Cond cond) {
        if (cond instanceof Eq e) {
            return "(context has " + e.attribute() + " && context." + e.attribute() + " == \"" + e.value() + "\")";
        } else if (cond instanceof IsTrue t) {
            return "(context has " + t.attribute() + " && context." + t.attribute() + " == true)";
        } else if (cond instanceof IsFalse f) {
            return "(context has " + f.attribute() + " && context." + f.attribute() + " == false)";
        } else if (cond instanceof Stated s) {
            return "(context has " + s.attribute() + ")";
        } else if (cond instanceof Has h) {
            return "context.categories.contains(\"" + h.category() + "\")";
        } else if (cond instanceof Above a) {
            return "(context has " + a.attribute() + " && context." + a.attribute() + ".greaterThan(decimal(\""
                    + a.bound() + "\")))";
        } else if (cond instanceof And a) {
            return a.all().isEmpty() ? "true" : join(a.all(), " && ");
        } else if (cond instanceof Or o) {
            return o.any().isEmpty() ? "false" : join(o.any(), " || ");
        }
        return "!" + cedar(((Not) cond).cond());
    }

    private static String join(List<Cond> conds, String operator) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < conds.size(); i++) {
            out.append(i == 0 ? "" : operator).append(cedar(conds.get(i)));
        }
        return out.append(')').toString();
    }
}
