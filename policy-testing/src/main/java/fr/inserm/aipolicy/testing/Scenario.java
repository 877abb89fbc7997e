package fr.inserm.aipolicy.testing;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One case of a scenario file: a described usage and what its decision must hold. Read by
 * {@link ScenarioFiles}; run against any engine by {@link #run(PolicyEngine)}, so the rule tests,
 * {@code aipolicy test} and {@code aipolicy diff} read and judge scenarios the same way.
 *
 * <p>In {@code expect}: {@code verdict} and {@code escalateTo} are exact; {@code cites},
 * {@code obligations}, {@code advice} and {@code assumptions} (field names, with or without
 * {@code context.}) must be included, or be exactly those with {@code "exact": true};
 * {@code assumptionsExactly} lists the assumed fields, no more, no fewer;
 * {@code fires} and {@code doesNotFire} name rule ids; {@code "refused": "field"} means the usage
 * must be refused naming that field. {@code "strict": true} beside {@code usage} asks for a strict
 * decision; {@code "why"} beside it is a note for the reader (the clause that decides), not checked.
 *
 * @param file the scenario file's name
 * @param name the case's name
 * @param usageJson the usage (or request) as JSON
 * @param strict whether the case asks for a strict decision
 * @param expect what the decision must hold
 */
public record Scenario(String file, String name, String usageJson, boolean strict, Expectation expect) {

    /**
     * What a case expects. A null list means "not checked".
     *
     * @param verdict the exact verdict, or null when the usage must be refused
     * @param refused the field the refusal must name, or null when a decision is expected
     * @param cites clause ids the decision must cite
     * @param obligations obligation ids it must hold
     * @param advice advice ids it must hold
     * @param assumptions fields it must list as assumed
     * @param escalateTo the exact contacts
     * @param fires rule ids that must apply
     * @param doesNotFire rule ids that must not apply
     * @param exact whether obligations, advice and assumptions must be exactly those given
     * @param assumptionsExactly the fields it must list as assumed, no more, no fewer
     */
    public record Expectation(String verdict, String refused, List<String> cites, List<String> obligations,
            List<String> advice, List<String> assumptions, List<String> escalateTo, List<String> fires,
            List<String> doesNotFire, boolean exact, List<String> assumptionsExactly) {
        /**
         * An expectation without {@code assumptionsExactly}.
         *
         * @param verdict see the record
         * @param refused see the record
         * @param cites see the record
         * @param obligations see the record
         * @param advice see the record
         * @param assumptions see the record
         * @param escalateTo see the record
         * @param fires see the record
         * @param doesNotFire see the record
         * @param exact see the record
         */
        public Expectation(String verdict, String refused, List<String> cites, List<String> obligations,
                List<String> advice, List<String> assumptions, List<String> escalateTo, List<String> fires,
                List<String> doesNotFire, boolean exact) {
            this(verdict, refused, cites, obligations, advice, assumptions, escalateTo, fires, doesNotFire, exact, null);
        }
    }

    /**
     * What running a case gave.
     *
     * @param scenario the case
     * @param decision the decision, or null when the usage was refused
     * @param refusal the refusal, or null when the usage was decided
     * @param problems how the result differs from the expectation; empty when the case passes
     */
    public record Outcome(Scenario scenario, Decision decision, InvalidUsageException refusal, List<String> problems) {
        /** @return whether the case passed */
        public boolean passed() {
            return problems.isEmpty();
        }

        /**
         * A failure report a rule maintainer can act on: the usage, the expectation, the problems, the
         * rules that applied and the whole decision.
         *
         * @return the report
         */
        public String report() {
            return "scenario \"" + scenario.name + "\" (" + scenario.file + ")\n"
                    + "  usage:    " + scenario.usageJson + (scenario.strict ? " (strict)" : "") + "\n"
                    + "  expected: " + scenario.expect + "\n"
                    + "  problems: " + String.join("; ", problems) + "\n"
                    + (decision == null ? "  refused:  " + (refusal == null ? "-" : refusal.getMessage())
                            : "  rules:    " + decision.appliedRules() + "\n  decision: " + PolicyJson.writePretty(decision));
        }
    }

    /**
     * Decides the case with an engine and compares the result with the expectation. The usage is
     * read as a request, as the command line and the web endpoint read it (the tool catalogue may
     * supply the hosting).
     *
     * @param engine the engine
     * @return the outcome
     */
    public Outcome run(PolicyEngine engine) {
        EvaluationRequest request;
        Decision decision;
        try {
            request = request(engine);
            decision = engine.evaluate(request.usage(), request.strict());
        } catch (InvalidUsageException e) {
            List<String> problems = new ArrayList<>();
            if (expect.refused == null) {
                problems.add("expected a decision, but the usage was refused: " + e.getMessage());
            } else if (!expect.refused.equals(e.field())) {
                problems.add("refused: expected the refusal to name " + expect.refused + ", it named " + e.field()
                        + " (" + e.getMessage() + ")");
            }
            return new Outcome(this, null, e, List.copyOf(problems));
        }
        return new Outcome(this, decision, null, List.copyOf(mismatches(decision)));
    }

    /**
     * Reads the case's usage as a request, as the command line and the web endpoint read it.
     *
     * @param engine the engine whose tool catalogue may supply the hosting
     * @return the request, with {@link EvaluationRequest#strict()} set when the case asks for it
     * @throws InvalidUsageException when the usage is refused
     */
    public EvaluationRequest request(PolicyEngine engine) {
        EvaluationRequest request = PolicyJson.readRequest(usageJson, engine.tools());
        return strict ? request.strict(true) : request;
    }

    /**
     * How a decision differs from this case's expectation.
     *
     * @param decision the decision
     * @return the differences; empty when it matches
     */
    public List<String> mismatches(Decision decision) {
        List<String> problems = new ArrayList<>();
        if (expect.refused != null) {
            problems.add("refused: expected the usage to be refused naming " + expect.refused + ", got a "
                    + decision.verdict());
            return problems;
        }
        if (!decision.verdict().name().equals(expect.verdict)) {
            problems.add("verdict: expected " + expect.verdict + ", got " + decision.verdict());
        }
        if (expect.cites != null) {
            for (String id : expect.cites) {
                if (!decision.cites(id)) {
                    problems.add("cites: expected " + id + " among " + decision.citedClauseIds());
                }
            }
        }
        if (expect.fires != null) {
            for (String id : expect.fires) {
                if (!decision.appliedRules().contains(id)) {
                    problems.add("fires: expected rule " + id + " to apply, applied " + decision.appliedRules());
                }
            }
        }
        if (expect.doesNotFire != null) {
            for (String id : expect.doesNotFire) {
                if (decision.appliedRules().contains(id)) {
                    problems.add("doesNotFire: expected rule " + id + " not to apply, applied " + decision.appliedRules());
                }
            }
        }
        compare(problems, "obligations", expect.obligations, decision.obligationIds(), expect.exact);
        compare(problems, "advice", expect.advice, decision.adviceIds(), expect.exact);
        compare(problems, "assumptions", expect.assumptions == null ? null
                : expect.assumptions.stream().map(Scenario::shortField).toList(),
                decision.assumptions().stream().map(Assumption::field).map(Scenario::shortField).toList(), expect.exact);
        compare(problems, "assumptionsExactly", expect.assumptionsExactly == null ? null
                : expect.assumptionsExactly.stream().map(Scenario::shortField).toList(),
                decision.assumptions().stream().map(Assumption::field).map(Scenario::shortField).toList(), true);
        compare(problems, "escalateTo", expect.escalateTo, decision.escalateTo().stream().map(Enum::name).toList(), true);
        return problems;
    }

    private static String shortField(String field) {
        return field.startsWith("context.") ? field.substring("context.".length()) : field;
    }

    private static void compare(List<String> problems, String field, List<String> expected, List<String> actual,
            boolean exact) {
        if (expected == null) {
            return;
        }
        TreeSet<String> want = new TreeSet<>(expected);
        TreeSet<String> got = new TreeSet<>(actual);
        if (exact ? !want.equals(got) : !got.containsAll(want)) {
            problems.add(field + ": expected " + (exact ? "exactly " : "at least ") + want + ", got " + got);
        }
    }

    @Override
    public String toString() {
        return file + ": " + name;
    }
}
