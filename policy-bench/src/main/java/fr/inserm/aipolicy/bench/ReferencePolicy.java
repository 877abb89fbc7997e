package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.CodeTarget;
import fr.inserm.aipolicy.Context;
import fr.inserm.aipolicy.DataCategory;
import fr.inserm.aipolicy.Hosting;
import fr.inserm.aipolicy.Purpose;
import fr.inserm.aipolicy.RuleEffect;
import fr.inserm.aipolicy.Subscription;
import fr.inserm.aipolicy.Usage;
import fr.inserm.aipolicy.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule table of the policy (docs/policy.md) plus the project's extra rules S7, D1b and A5, in plain Java
 * if/else: the lower bound of the benchmarks. {@code ReferencePolicyTest} checks it equal to the
 * engine over the whole hosting × purpose × category space and over seeded-random contexts, and
 * checks this table's effects and clauses against the engine's own rule metadata, so neither can
 * drift from the other.
 */
public final class ReferencePolicy {

    /** The rule ids in rule-table order (effect, then id): the bit {@code i} of a mask is {@code RULES[i]}. */
    static final String[] RULES = {"D1", "D1b", "D2", "D3", "D4", "D5", "S1", "S2", "S3", "S4", "S5", "S6", "S7",
        "P1", "P2", "O1", "O2", "O3", "O4", "O5", "O6", "O7", "A1", "A2", "A3", "A4", "A5"};
    /** The effect of each rule, by index in {@link #RULES}. */
    static final RuleEffect[] EFFECTS = new RuleEffect[RULES.length];
    /** The clauses each rule cites, by index in {@link #RULES}. */
    static final String[][] CLAUSES = new String[RULES.length][];
    /** The clause catalogue's ids, in catalogue order: the bit {@code i} of a citation mask is {@code CATALOGUE[i]}. */
    static final String[] CATALOGUE = {"R1", "R2", "R2.1", "R2.2", "R3", "R3.1", "R4.1", "R4.2", "R4.3", "R4.4",
        "R5.1", "R5.2", "R5.3", "R6.1", "R6.2", "R7.1", "R7.2", "E1.1", "E1.2", "E1.3", "E2", "E3", "E4", "E5", "E6",
        "E7", "E8", "E9", "E10", "CNIL-1", "CNIL-2", "CNIL-3", "CNIL-4", "CNIL-5", "CNIL-6"};

    private static final long[] CITES = new long[RULES.length];
    private static final int DENY_MASK;
    private static final int ESCALATE_MASK;
    private static final int ALLOW_MASK;
    private static final int OBLIGATION_MASK;
    private static final int ADVICE_MASK;

    static {
        Object[][] table = {
            {"DENY", "R4.1 R3"}, {"DENY", "R5.3 R4.1 R3"}, {"DENY", "R4.3"}, {"DENY", "R5.1"}, {"DENY", "R4.2"},
            {"DENY", "R7.2"},
            {"ESCALATE", "R3.1"}, {"ESCALATE", "R4.4"}, {"ESCALATE", "R5.2"}, {"ESCALATE", "R1 CNIL-5"},
            {"ESCALATE", "R7.1"}, {"ESCALATE", "CNIL-2 E6"}, {"ESCALATE", "R7.2 R7.1"},
            {"ALLOW", "R4.1"}, {"ALLOW", "CNIL-4"},
            {"OBLIGATION", "R4.2"}, {"OBLIGATION", "R6.1 E4"}, {"OBLIGATION", "R6.2 E1.2"}, {"OBLIGATION", "E1.3"},
            {"OBLIGATION", "R6.1"}, {"OBLIGATION", "E2"}, {"OBLIGATION", "E5 E3"},
            {"ADVICE", "R2.2 E7"}, {"ADVICE", "R2.1"}, {"ADVICE", "R7.2"}, {"ADVICE", "CNIL-4"}, {"ADVICE", "E3"},
        };
        List<String> catalogue = List.of(CATALOGUE);
        int deny = 0;
        int escalate = 0;
        int allow = 0;
        int obligation = 0;
        int advice = 0;
        for (int i = 0; i < RULES.length; i++) {
            EFFECTS[i] = RuleEffect.valueOf((String) table[i][0]);
            CLAUSES[i] = ((String) table[i][1]).split(" ");
            for (String clause : CLAUSES[i]) {
                int index = catalogue.indexOf(clause);
                if (index < 0) {
                    throw new IllegalStateException("clause " + clause + " of " + RULES[i] + " not in the catalogue");
                }
                CITES[i] |= 1L << index;
            }
            switch (EFFECTS[i]) {
                case DENY -> deny |= 1 << i;
                case ESCALATE -> escalate |= 1 << i;
                case ALLOW -> allow |= 1 << i;
                case OBLIGATION -> obligation |= 1 << i;
                case ADVICE -> advice |= 1 << i;
            }
        }
        DENY_MASK = deny;
        ESCALATE_MASK = escalate;
        ALLOW_MASK = allow;
        OBLIGATION_MASK = obligation;
        ADVICE_MASK = advice;
    }

    private static final int D1 = 0;
    private static final int D1B = 1;
    private static final int D2 = 2;
    private static final int D3 = 3;
    private static final int D4 = 4;
    private static final int D5 = 5;
    private static final int S1 = 6;
    private static final int S2 = 7;
    private static final int S3 = 8;
    private static final int S4 = 9;
    private static final int S5 = 10;
    private static final int S6 = 11;
    private static final int S7 = 12;
    private static final int P1 = 13;
    private static final int P2 = 14;
    private static final int O1 = 15;
    private static final int O2 = 16;
    private static final int O3 = 17;
    private static final int O4 = 18;
    private static final int O5 = 19;
    private static final int O6 = 20;
    private static final int O7 = 21;
    private static final int A1 = 22;
    private static final int A2 = 23;
    private static final int A3 = 24;
    private static final int A4 = 25;
    private static final int A5 = 26;

    /**
     * A decision of the reference: the verdict and two bit masks.
     *
     * @param verdict the verdict
     * @param applied bit {@code i} set when {@code RULES[i]} applied
     * @param cited bit {@code i} set when {@code CATALOGUE[i]} is cited
     */
    public record Result(Verdict verdict, int applied, long cited) {

        /**
         * The same result as lists of ids.
         *
         * @return the outcome
         */
        public Outcome outcome() {
            List<String> rules = new ArrayList<>();
            for (int i = 0; i < RULES.length; i++) {
                if ((applied & (1 << i)) != 0) {
                    rules.add(RULES[i]);
                }
            }
            List<String> clauses = new ArrayList<>();
            for (int i = 0; i < CATALOGUE.length; i++) {
                if ((cited & (1L << i)) != 0) {
                    clauses.add(CATALOGUE[i]);
                }
            }
            return new Outcome(verdict, List.copyOf(rules), List.copyOf(clauses));
        }
    }

    /**
     * Decides a usage with the rule table.
     *
     * @param usage the usage
     * @return the verdict, applied rules and cited clauses
     */
    public Result decide(Usage usage) {
        return combine(applied(usage));
    }

    /**
     * The rules that apply to a usage.
     *
     * @param usage the usage
     * @return bit {@code i} set when {@code RULES[i]} applies
     */
    static int applied(Usage usage) {
        Hosting hosting = usage.hosting();
        Purpose purpose = usage.purpose();
        Context c = usage.context();
        boolean external = hosting.isExternal();
        boolean sensitive = usage.includesSensitiveData();
        boolean generative = usage.tool().generative();
        Subscription subscription = c.subscription();
        int m = 0;
        if (external && sensitive) {
            m |= 1 << D1;
        }
        if (hosting == Hosting.EXTERNAL_SOVEREIGN && sensitive
                && (subscription == Subscription.PERSONAL || subscription == Subscription.INSERM_FUNDED)) {
            m |= 1 << D1B;
        }
        if (purpose == Purpose.CODE_GENERATION && external) {
            CodeTarget target = c.codeTarget();
            if (target != null && target.isHighlySensitive()) {
                m |= 1 << D2;
            }
            if (Boolean.FALSE.equals(c.expertReview())) {
                m |= 1 << D4;
            }
            m |= 1 << O1;
        }
        if (hosting == Hosting.EXTERNAL && subscription == Subscription.INSERM_FUNDED) {
            m |= 1 << D3;
        }
        boolean scraping = Boolean.TRUE.equals(c.webScraping());
        if (scraping) {
            Boolean terms = c.scrapingTermsRespected();
            if (terms == null) {
                m |= 1 << S7;
            } else if (!terms) {
                m |= 1 << D5;
            }
            if (Boolean.TRUE.equals(c.apiAvailable())) {
                m |= 1 << A3;
            }
        }
        if (external) {
            if (usage.includes(DataCategory.UNKNOWN)) {
                m |= 1 << S1;
            }
            if (purpose == Purpose.AUTOMATED_PROCESSING
                    && !(Boolean.TRUE.equals(c.dpiaCompleted()) && Boolean.TRUE.equals(c.subcontractingAgreement()))) {
                m |= 1 << S2;
            }
            if (!sensitive) {
                m |= 1 << P1;
            }
            m |= 1 << A4;
        } else {
            m |= 1 << P2;
        }
        if (hosting == Hosting.EXTERNAL_SOVEREIGN && subscription == Subscription.INSERM_FUNDED) {
            m |= 1 << S3;
        }
        if (Boolean.FALSE.equals(c.userTrained())) {
            m |= 1 << S4;
        }
        if (purpose == Purpose.MODEL_TRAINING) {
            if (!Boolean.TRUE.equals(c.trainingDataLawful())) {
                m |= 1 << S5;
            }
            m |= 1 << O5 | 1 << O6;
            if (usage.includes(DataCategory.IDENTIFIABLE_HEALTH_DATA) || usage.includes(DataCategory.PSEUDONYMISED_DATA)) {
                m |= 1 << A5;
            }
        }
        if (Boolean.TRUE.equals(c.automatedDecisionOnPeople())) {
            m |= 1 << S6;
        }
        if (generative) {
            m |= 1 << O2;
            if (purpose == Purpose.DATA_ANALYSIS) {
                m |= 1 << A2;
            }
        }
        if (Boolean.TRUE.equals(c.forPublication())) {
            m |= 1 << O3;
        }
        if (purpose == Purpose.HR_ADMINISTRATION) {
            m |= 1 << O4;
        }
        if (purpose == Purpose.SYNTHETIC_DATA_GENERATION) {
            m |= 1 << O7;
        }
        if (usage.tool().isLargerThan(10)) {
            m |= 1 << A1;
        }
        return m;
    }

    /**
     * Combines applied rules as the engine's DecisionAssembler does: deny overrides escalate, which
     * overrides allow; ALLOW rules are reasons only on an ALLOW; obligations only when not DENY;
     * advice always.
     *
     * @param applied the applied-rule mask
     * @return the result
     */
    static Result combine(int applied) {
        Verdict verdict = (applied & DENY_MASK) != 0 ? Verdict.DENY
                : (applied & ESCALATE_MASK) != 0 ? Verdict.ESCALATE : Verdict.ALLOW;
        int citing = applied & (DENY_MASK | ESCALATE_MASK | ADVICE_MASK);
        if (verdict == Verdict.ALLOW) {
            citing |= applied & ALLOW_MASK;
        }
        if (verdict != Verdict.DENY) {
            citing |= applied & OBLIGATION_MASK;
        }
        long cited = 0;
        for (int rest = citing; rest != 0; rest &= rest - 1) {
            cited |= CITES[Integer.numberOfTrailingZeros(rest)];
        }
        return new Result(verdict, applied, cited);
    }
}
