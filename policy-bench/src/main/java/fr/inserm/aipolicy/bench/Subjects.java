package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.usage.Usage;

/**
 * The implementations under benchmark, built once per JVM and only when first asked for, and the
 * check that one of them agrees with the reference on every input of a workload.
 */
final class Subjects {
    private static PolicyEngine engine;
    private static PolicyEngine engineLogged;
    private static ReferencePolicy reference;
    private static NaiveDrools naive;
    private static CedarPolicy cedar;
    private static XacmlPolicy xacml;

    private Subjects() {
    }

    static synchronized PolicyEngine engine() {
        if (engine == null) {
            engine = PolicyEngine.builder().build();
        }
        return engine;
    }

    /**
     * The engine with the decision log listening: each decision's log line is written as the SLF4J
     * logger would be given it, on the events' own thread, and dropped (the cost without the disk).
     */
    static synchronized PolicyEngine engineLogged() {
        if (engineLogged == null) {
            fr.inserm.aipolicy.event.DecisionLog log = fr.inserm.aipolicy.event.DecisionLog.builder().build();
            engineLogged = PolicyEngine.builder().listener(event -> log.json(event)).build();
        }
        return engineLogged;
    }

    static synchronized ReferencePolicy reference() {
        if (reference == null) {
            reference = new ReferencePolicy(engine());
        }
        return reference;
    }

    static synchronized NaiveDrools naive() {
        if (naive == null) {
            naive = new NaiveDrools(reference());
        }
        return naive;
    }

    static synchronized CedarPolicy cedar() {
        if (cedar == null) {
            cedar = new CedarPolicy(reference());
        }
        return cedar;
    }

    static synchronized XacmlPolicy xacml() {
        if (xacml == null) {
            xacml = new XacmlPolicy(reference());
        }
        return xacml;
    }

    /**
     * Decides one usage with a named implementation.
     *
     * @param subject engine, engineLogged, reference, naiveDrools, cedar or xacml
     * @param usage the usage
     * @return the outcome
     */
    static Outcome outcome(String subject, Usage usage) {
        RuleTable table = reference().table();
        return switch (subject) {
            case "engine" -> Outcome.of(engine().evaluate(usage));
            case "engineLogged" -> Outcome.of(engineLogged().evaluate(usage));
            case "reference" -> table.outcome(reference().decide(usage, false));
            case "naiveDrools" -> table.outcome(naive().decide(usage, false));
            case "cedar" -> table.outcome(cedar().decide(usage, false));
            case "xacml" -> table.outcome(xacml().decide(usage, false));
            default -> throw new IllegalArgumentException("no subject " + subject);
        };
    }

    /**
     * Fails unless a subject and the reference give the same outcome for every usage (each distinct
     * usage once: an inventory repeats 2,000 profiles, and Cedar takes up to a millisecond a call).
     *
     * @throws IllegalStateException naming the first usage on which they differ
     */
    static void checkAgainstReference(String subject, Usage[] usages) {
        for (Usage usage : new java.util.LinkedHashSet<>(java.util.List.of(usages))) {
            Outcome expected = outcome("reference", usage);
            Outcome actual = outcome(subject, usage);
            if (!expected.equals(actual)) {
                throw new IllegalStateException(subject + " differs from the reference on " + usage
                        + "\n  reference: " + expected + "\n  " + subject + ": " + actual);
            }
        }
    }
}
