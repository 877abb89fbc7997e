package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.Usage;

/**
 * The implementations under benchmark, built once per JVM and only when first asked for, and the
 * check that one of them agrees with the reference on every input of a workload.
 */
final class Subjects {
    private static PolicyEngine engine;
    private static NaiveDrools naive;
    private static CedarPolicy cedar;
    private static final ReferencePolicy REFERENCE = new ReferencePolicy();

    private Subjects() {
    }

    static synchronized PolicyEngine engine() {
        if (engine == null) {
            engine = PolicyEngine.builder().build();
        }
        return engine;
    }

    static synchronized NaiveDrools naive() {
        if (naive == null) {
            naive = new NaiveDrools();
        }
        return naive;
    }

    static synchronized CedarPolicy cedar() {
        if (cedar == null) {
            cedar = new CedarPolicy();
        }
        return cedar;
    }

    static ReferencePolicy reference() {
        return REFERENCE;
    }

    /**
     * Decides one usage with a named implementation.
     *
     * @param subject engine, reference, naiveDrools or cedar
     * @param usage the usage
     * @return the outcome
     */
    static Outcome outcome(String subject, Usage usage) {
        return switch (subject) {
            case "engine" -> Outcome.of(engine().evaluate(usage));
            case "reference" -> REFERENCE.decide(usage).outcome();
            case "naiveDrools" -> naive().decide(usage).outcome();
            case "cedar" -> cedar().decide(usage).outcome();
            default -> throw new IllegalArgumentException("no subject " + subject);
        };
    }

    /**
     * Fails unless a subject and the reference give the same outcome for every usage.
     *
     * @throws IllegalStateException naming the first usage on which they differ
     */
    static void checkAgainstReference(String subject, Usage[] usages) {
        for (int i = 0; i < usages.length; i++) {
            Outcome expected = REFERENCE.decide(usages[i]).outcome();
            Outcome actual = outcome(subject, usages[i]);
            if (!expected.equals(actual)) {
                throw new IllegalStateException(subject + " differs from the reference on input " + i + ": "
                        + usages[i] + "\n  reference: " + expected + "\n  " + subject + ": " + actual);
            }
        }
    }
}
