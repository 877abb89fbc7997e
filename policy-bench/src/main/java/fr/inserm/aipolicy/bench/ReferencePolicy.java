package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.usage.CodeTarget;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Subscription;
import fr.inserm.aipolicy.usage.Usage;
import java.util.Set;

/**
 * The conditions of policy 2.1's 52 rules in plain Java if/else: the lower bound of the benchmarks.
 * Everything else (effects, clauses, contacts, assumption metadata, how they combine) is the
 * {@link RuleTable} read from the engine at start-up. {@code EqualityTest} checks it equal to the
 * engine over hosting × purpose × every category subset × generative and on random usages.
 */
public final class ReferencePolicy {

    /** The rule ids whose conditions this class holds: bit {@code i} of a mask is {@code RULES[i]}. */
    static final String[] RULES = {"D1", "D1b", "D2", "D3", "D4", "D5", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8",
        "P1", "P2", "P3", "P4", "O1", "O1b", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "O10", "O11",
        "A1", "A2", "A3", "A4", "A5", "A6", "A7", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "U10", "U11",
        "U12", "S9", "U13", "U14"};

    private static final long D1 = 1L;
    private static final long D1B = 1L << 1;
    private static final long D2 = 1L << 2;
    private static final long D3 = 1L << 3;
    private static final long D4 = 1L << 4;
    private static final long D5 = 1L << 5;
    private static final long S1 = 1L << 6;
    private static final long S2 = 1L << 7;
    private static final long S3 = 1L << 8;
    private static final long S4 = 1L << 9;
    private static final long S5 = 1L << 10;
    private static final long S6 = 1L << 11;
    private static final long S7 = 1L << 12;
    private static final long S8 = 1L << 13;
    private static final long P1 = 1L << 14;
    private static final long P2 = 1L << 15;
    private static final long P3 = 1L << 16;
    private static final long P4 = 1L << 17;
    private static final long O1 = 1L << 18;
    private static final long O1B = 1L << 19;
    private static final long O2 = 1L << 20;
    private static final long O3 = 1L << 21;
    private static final long O4 = 1L << 22;
    private static final long O5 = 1L << 23;
    private static final long O6 = 1L << 24;
    private static final long O7 = 1L << 25;
    private static final long O8 = 1L << 26;
    private static final long O9 = 1L << 27;
    private static final long O10 = 1L << 28;
    private static final long O11 = 1L << 29;
    private static final long A1 = 1L << 30;
    private static final long A2 = 1L << 31;
    private static final long A3 = 1L << 32;
    private static final long A4 = 1L << 33;
    private static final long A5 = 1L << 34;
    private static final long A6 = 1L << 35;
    private static final long A7 = 1L << 36;
    private static final long U1 = 1L << 37;
    private static final long U2 = 1L << 38;
    private static final long U3 = 1L << 39;
    private static final long U4 = 1L << 40;
    private static final long U5 = 1L << 41;
    private static final long U6 = 1L << 42;
    private static final long U7 = 1L << 43;
    private static final long U8 = 1L << 44;
    private static final long U9 = 1L << 45;
    private static final long U10 = 1L << 46;
    private static final long U11 = 1L << 47;
    private static final long U12 = 1L << 48;
    private static final long S9 = 1L << 49;
    private static final long U13 = 1L << 50;
    private static final long U14 = 1L << 51;

    private final RuleTable table;
    private final HostingConfirmation confirmation;

    /**
     * Reads the rule table from the engine.
     *
     * @param engine the engine whose rules, catalogue and tool catalogue this reference decides with
     * @throws IllegalStateException when the engine's rules are not the ones whose conditions are here
     */
    public ReferencePolicy(PolicyEngine engine) {
        this.table = new RuleTable(engine, RULES);
        this.confirmation = new HostingConfirmation(engine.tools());
    }

    /**
     * The shared rule table, in this class's bit order.
     *
     * @return the table
     */
    public RuleTable table() {
        return table;
    }

    HostingConfirmation confirmation() {
        return confirmation;
    }

    /**
     * Decides a usage, not strictly.
     *
     * @param usage the usage
     * @return the result
     */
    public RuleTable.Result decide(Usage usage) {
        return table.combine(applied(usage), false);
    }

    /**
     * Decides a usage.
     *
     * @param usage the usage
     * @param strict whether the decision is strict
     * @return the result
     */
    public RuleTable.Result decide(Usage usage, boolean strict) {
        return table.combine(applied(usage), strict);
    }

    private static boolean t(Boolean b) {
        return b != null && b;
    }

    private static boolean f(Boolean b) {
        return b != null && !b;
    }

    /**
     * The rules that apply to a usage: each rule's DRL condition, over what {@code UsageFacts} shows of it.
     *
     * @param usage the usage
     * @return bit {@code i} set when {@code RULES[i]} applies
     */
    long applied(Usage usage) {
        Hosting hosting = usage.hosting();
        Purpose purpose = usage.purpose();
        Context c = usage.context();
        Set<DataCategory> categories = usage.dataCategories();
        boolean external = hosting.isExternal();
        boolean sensitive = usage.includesSensitiveData();
        boolean unknown = categories.contains(DataCategory.UNKNOWN);
        boolean generative = usage.tool().generative();
        boolean confirmed = confirmation.confirms(usage.tool().name(), hosting);
        Subscription subscription = c.subscription();
        boolean funded = subscription == Subscription.INSERM_FUNDED;
        CodeTarget target = c.codeTarget();
        boolean sensitiveCode = target != null && target.isHighlySensitive();
        boolean code = purpose == Purpose.CODE_GENERATION || target != null || c.expertReview() != null;
        boolean health = categories.contains(DataCategory.IDENTIFIABLE_HEALTH_DATA);
        boolean pseudonymised = categories.contains(DataCategory.PSEUDONYMISED_DATA);
        boolean agreed = t(c.dpiaCompleted()) && t(c.subcontractingAgreement());
        boolean forOthers = t(c.deployedForOthers());
        boolean automated = purpose == Purpose.AUTOMATED_PROCESSING;
        boolean training = purpose == Purpose.MODEL_TRAINING;
        boolean sovereign = hosting == Hosting.EXTERNAL_SOVEREIGN;
        Boolean scraping = c.webScraping();
        Boolean terms = c.scrapingTermsRespected();
        Boolean decidesOnPeople = c.automatedDecisionOnPeople();
        long m = O2 | O3;
        if (external) {
            m |= A4;
            if (sensitive) {
                m |= D1;
            } else if (!unknown) {
                m |= P1;
                if ((automated || forOthers) && agreed) {
                    m |= P3;
                }
            }
            if (unknown) {
                m |= S1;
            }
            if (sensitiveCode) {
                m |= D2;
            }
            if (code) {
                m |= O1;
                if (f(c.expertReview())) {
                    m |= D4;
                }
            }
            if (automated && !agreed) {
                m |= S2;
            }
            if (forOthers && !agreed) {
                m |= S8;
            }
            if (target == null && (purpose == Purpose.CODE_GENERATION || purpose == Purpose.DATA_ANALYSIS
                    || automated || purpose == Purpose.OTHER || c.expertReview() != null)) {
                m |= U4;
            }
            if (categories.isEmpty()) {
                m |= U12;
            }
            if (generative && !automated) {
                if (hosting == Hosting.EXTERNAL) {
                    if (funded) {
                        m |= D3;
                    } else if (subscription == null) {
                        m |= U2;
                    }
                } else if (!t(c.subscriptionAuthorised())) {
                    if (funded) {
                        m |= S3;
                    } else if (subscription == null) {
                        m |= U3;
                    }
                }
            }
            if (sovereign) {
                if (sensitive && (funded || subscription == Subscription.PERSONAL)) {
                    m |= D1B;
                }
                if (funded && t(c.subscriptionAuthorised()) && !sensitive && !unknown) {
                    m |= P4;
                }
            }
        } else {
            m |= P2;
            if (f(c.expertReview())) {
                if (sensitiveCode) {
                    m |= S9;
                } else if (target == null) {
                    m |= U13;
                }
            }
            if (!confirmed) {
                boolean local = hosting == Hosting.LOCAL;
                if (sensitive) {
                    m |= local ? U8 : U9;
                } else if (unknown) {
                    m |= local ? U10 : U11;
                }
            }
        }
        if (sensitiveCode) {
            m |= O1B;
        }
        if (t(scraping)) {
            if (terms == null) {
                m |= S7;
            } else if (!terms) {
                m |= D5;
            }
            if (t(c.apiAvailable())) {
                m |= A3;
            }
        } else if (scraping == null && (training || purpose == Purpose.DATA_ANALYSIS || automated
                || purpose == Purpose.SYNTHETIC_DATA_GENERATION)) {
            if (terms == null) {
                m |= U5;
            } else if (!terms) {
                m |= U6;
            }
        }
        Boolean trained = c.userTrained();
        if (trained == null) {
            m |= U1;
        } else if (!trained) {
            m |= S4;
        }
        Boolean lawful = c.trainingDataLawful();
        if (training && !t(lawful) || f(lawful)) {
            m |= S5;
        }
        if (purpose == Purpose.SYNTHETIC_DATA_GENERATION && lawful == null
                && (health || pseudonymised || categories.contains(DataCategory.PERSONAL_DATA))) {
            m |= U14;
        }
        if (t(c.forPublication()) && (purpose == Purpose.DATA_ANALYSIS || automated
                || purpose == Purpose.SYNTHETIC_DATA_GENERATION || purpose == Purpose.IMAGE_GENERATION)) {
            m |= O6;
        }
        if (training) {
            m |= O5 | O6;
            if (health || pseudonymised) {
                m |= A5 | A6;
            } else if (categories.contains(DataCategory.ANONYMISED_WITH_APPROVAL)
                    || categories.contains(DataCategory.ANONYMISED_WITHOUT_APPROVAL)) {
                m |= A6;
            }
        }
        if (decidesOnPeople == null) {
            if (purpose == Purpose.HR_ADMINISTRATION || automated || purpose == Purpose.DATA_ANALYSIS || training
                    || purpose == Purpose.OTHER || health || pseudonymised
                    || categories.contains(DataCategory.PERSONAL_DATA)) {
                m |= U7;
            }
        } else if (decidesOnPeople) {
            m |= S6;
        }
        if (purpose == Purpose.HR_ADMINISTRATION || training || t(decidesOnPeople)) {
            m |= A7;
        }
        if (t(c.forPublication())) {
            m |= O4;
        }
        if (purpose == Purpose.SYNTHETIC_DATA_GENERATION || purpose == Purpose.IMAGE_GENERATION
                || categories.contains(DataCategory.SYNTHETIC_DATA)) {
            m |= O7;
        }
        if (health) {
            m |= O8;
        }
        if (forOthers) {
            m |= O9 | O10 | O11;
        }
        Double size = usage.tool().parametersBillions();
        if (size != null && size > 10) {
            m |= A1;
        }
        if (generative && (purpose == Purpose.DATA_ANALYSIS || automated)) {
            m |= A2;
        }
        return m;
    }
}
