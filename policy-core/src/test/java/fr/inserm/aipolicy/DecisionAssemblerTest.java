package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Obligation;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.decision.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the rules that applied combine into one decision. */
class DecisionAssemblerTest {
    static final List<Clause> CATALOGUE = List.of(clause("R1"), clause("R3"), clause("R4.1"), clause("R6.1"),
            clause("E4"), clause("CNIL-4"));
    static final DecisionAssembler ASSEMBLER = new DecisionAssembler(CATALOGUE, "9", "sha256:x",
            new DecisionAssembler.PolicyMessages() {
                @Override
                public List<String> noPermitClauses() {
                    return List.of("R3");
                }

                @Override
                public String noPermit(java.util.Locale locale) {
                    return "nothing permits it";
                }

                @Override
                public String strict(java.util.Locale locale, List<String> questions) {
                    return "answer: " + String.join(" ", questions);
                }
            });

    static final PolicyRule DENY = rule("D1", RuleEffect.DENY, null, List.of(), "R4.1", "R3");
    static final PolicyRule ESCALATE = rule("S4", RuleEffect.ESCALATE, null, List.of(Contact.TRAINING_UNIT), "R1");
    static final PolicyRule ESCALATE_DPO = rule("S9", RuleEffect.ESCALATE, null, List.of(Contact.DPO, Contact.CDO), "R3");
    static final PolicyRule PERMIT = rule("P2", RuleEffect.ALLOW, null, List.of(), "CNIL-4");
    static final PolicyRule VERIFY = rule("O2", RuleEffect.OBLIGATION, "VERIFY_OUTPUTS", List.of(), "R6.1", "E4");
    static final PolicyRule VERIFY_TOO = rule("O9", RuleEffect.OBLIGATION, "VERIFY_OUTPUTS", List.of(), "R1");
    static final PolicyRule ADVICE = rule("A4", RuleEffect.ADVICE, "PREFER_INTERNAL_SYSTEM", List.of(), "CNIL-4");

    static Clause clause(String id) {
        return new Clause(id, "s", "§", "t " + id, "en", "text " + id);
    }

    static PolicyRule rule(String id, RuleEffect effect, String item, List<Contact> contacts, String... clauses) {
        return new PolicyRule(id, id + " name", effect, List.of(clauses), contacts, item, "text of " + id, "x.drl");
    }

    @Test
    void allowCitesThePermitAndKeepsObligationsAndAdvice() {
        Decision d = ASSEMBLER.assemble(List.of(VERIFY, ADVICE, PERMIT));
        assertEquals(Verdict.ALLOW, d.verdict());
        assertEquals(List.of("P2"), d.reasons().stream().map(Reason::rule).toList());
        assertEquals(List.of("VERIFY_OUTPUTS"), d.obligationIds());
        assertEquals(List.of("PREFER_INTERNAL_SYSTEM"), d.adviceIds());
        assertEquals(List.of("R6.1", "E4", "CNIL-4"), d.citedClauseIds());
        assertTrue(d.escalateTo().isEmpty());
        assertEquals(List.of("P2", "O2", "A4"), d.appliedRules());
        assertEquals("9", d.policyVersion());
    }

    @Test
    void denyOverridesEscalateAndDropsObligationsAndPermits() {
        Decision d = ASSEMBLER.assemble(List.of(PERMIT, ESCALATE, VERIFY, DENY, ADVICE));
        assertEquals(Verdict.DENY, d.verdict());
        assertEquals(List.of("D1", "S4"), d.reasons().stream().map(Reason::rule).toList());
        assertEquals(List.of(Verdict.DENY, Verdict.ESCALATE), d.reasons().stream().map(Reason::effect).toList());
        assertTrue(d.obligations().isEmpty());
        assertEquals(List.of("PREFER_INTERNAL_SYSTEM"), d.adviceIds());
        assertTrue(d.escalateTo().isEmpty(), "nobody to ask on a DENY");
        assertEquals(List.of("R1", "R3", "R4.1", "CNIL-4"), d.citedClauseIds());
        assertEquals(List.of("D1", "S4", "P2", "O2", "A4"), d.appliedRules());
    }

    @Test
    void escalateOverridesAllowAndNamesEveryContactOnce() {
        Decision d = ASSEMBLER.assemble(List.of(PERMIT, ESCALATE_DPO, VERIFY, ESCALATE));
        assertEquals(Verdict.ESCALATE, d.verdict());
        assertEquals(List.of(Contact.DPO, Contact.CDO, Contact.TRAINING_UNIT), d.escalateTo());
        assertEquals(List.of("VERIFY_OUTPUTS"), d.obligationIds());
        assertEquals(List.of("S4", "S9"), d.reasons().stream().map(Reason::rule).toList());
        assertTrue(d.citedClauseIds().containsAll(List.of("R1", "R3", "R6.1", "E4")));
        assertTrue(!d.citedClauseIds().contains("CNIL-4"), "the permit is not a reason on an ESCALATE");
    }

    @Test
    void oneObligationPerIdWithTheClausesOfEveryRule() {
        Decision d = ASSEMBLER.assemble(List.of(VERIFY_TOO, VERIFY, PERMIT));
        assertEquals(1, d.obligations().size());
        Obligation o = d.obligations().get(0);
        assertEquals(List.of("R1", "R6.1", "E4"), o.clauses());
        assertEquals(List.of("O2", "O9"), o.rules());
        assertEquals("text of O2 text of O9", o.text());
    }

    @Test
    void orderOfFindingsDoesNotMatter() {
        assertEquals(ASSEMBLER.assemble(List.of(DENY, ADVICE, ESCALATE, VERIFY, PERMIT)),
                ASSEMBLER.assemble(List.of(PERMIT, VERIFY, ESCALATE, ADVICE, DENY)));
    }

    static final PolicyRule ASSUME_TRAINED = assumption("U1", "context.userTrained", Verdict.ESCALATE,
            List.of(Contact.TRAINING_UNIT), "R1");
    static final PolicyRule ASSUME_NO_SUBSCRIPTION = assumption("U2", "context.subscription", Verdict.DENY,
            List.of(Contact.AI_UNIT), "R4.1");
    static final PolicyRule ASSUME_HOSTING = assumption("U8", "hosting", Verdict.DENY, List.of(Contact.AI_UNIT), "R3");

    static PolicyRule assumption(String id, String field, Verdict otherwise, List<Contact> contacts, String clause) {
        return new PolicyRule(id, id + " name", RuleEffect.ASSUMPTION, List.of(clause), List.of(), null,
                "question of " + id, "x.drl", new PolicyRule.Assumes(field, "v", "statement of " + id, otherwise,
                        List.of("S4"), contacts));
    }

    @Test
    void withoutAPermitNothingIsAllowed() {
        Decision d = ASSEMBLER.assemble(List.of(VERIFY, ADVICE));
        assertEquals(Verdict.DENY, d.verdict());
        assertEquals(List.of(DecisionAssembler.NO_PERMIT), d.reasons().stream().map(Reason::rule).toList());
        assertTrue(d.cites("R3"));
        assertTrue(d.obligations().isEmpty());
        assertEquals(Verdict.DENY, ASSEMBLER.assemble(List.of()).verdict());
    }

    @Test
    void assumptionsAreKeptOnlyWhereStatingTheFieldCouldBeStricter() {
        Decision allowed = ASSEMBLER.assemble(List.of(PERMIT, ASSUME_TRAINED, ASSUME_NO_SUBSCRIPTION, VERIFY));
        assertEquals(List.of("context.userTrained", "context.subscription"), allowed.assumedFields());
        assertTrue(allowed.cites("R1") && allowed.cites("R4.1"));
        Decision escalated = ASSEMBLER.assemble(List.of(PERMIT, ESCALATE, ASSUME_TRAINED, ASSUME_NO_SUBSCRIPTION));
        assertEquals(List.of("context.subscription"), escalated.assumedFields(), "ESCALATE otherwise is not stricter");
        Decision denied = ASSEMBLER.assemble(List.of(DENY, ASSUME_TRAINED, ASSUME_NO_SUBSCRIPTION, ASSUME_HOSTING));
        assertEquals(List.of(), denied.assumedFields(), "nothing is stricter than DENY: not even a declaration is listed");
        Decision escalatedHosting = ASSEMBLER.assemble(List.of(PERMIT, ESCALATE, ASSUME_HOSTING, ASSUME_UNKNOWN_HOSTING));
        assertEquals(List.of("hosting"), escalatedHosting.assumedFields(),
                "a declaration whose otherwise is DENY is listed on an ESCALATE, one whose otherwise is ESCALATE is not");
        assertEquals(List.of("U8"), escalatedHosting.assumptions().stream().map(a -> a.rule()).toList());
    }

    static final PolicyRule ASSUME_UNKNOWN_HOSTING = assumption("U10", "hosting", Verdict.ESCALATE,
            List.of(Contact.DPO), "CNIL-4");

    @Test
    void aStrictEscalateGainsTheContactsAndQuestionsOfItsAssumptions() {
        Decision strict = ASSEMBLER.assemble(List.of(PERMIT, ESCALATE, ASSUME_TRAINED, ASSUME_NO_SUBSCRIPTION, VERIFY), true);
        assertEquals(Verdict.ESCALATE, strict.verdict());
        assertEquals(List.of("context.subscription"), strict.assumedFields());
        assertEquals(List.of(Contact.AI_UNIT, Contact.TRAINING_UNIT), strict.escalateTo(),
                "S4's training unit, and the AI Unit for the assumption whose otherwise is DENY");
        assertEquals(List.of("S4", DecisionAssembler.STRICT), strict.reasons().stream().map(Reason::rule).toList());
        assertEquals("answer: question of U2", strict.reasons().get(1).text());
        Decision plain = ASSEMBLER.assemble(List.of(PERMIT, ESCALATE, ASSUME_TRAINED, ASSUME_NO_SUBSCRIPTION, VERIFY));
        assertEquals(List.of(Contact.TRAINING_UNIT), plain.escalateTo(), "not strict: the rules' contacts only");
        assertEquals(List.of("S4"), plain.reasons().stream().map(Reason::rule).toList());
        Decision nothingStricter = ASSEMBLER.assemble(List.of(PERMIT, ESCALATE_DPO, ASSUME_TRAINED), true);
        assertEquals(List.of(Contact.DPO, Contact.CDO), nothingStricter.escalateTo(),
                "an assumption not kept asks nobody");
        assertEquals(List.of("S9"), nothingStricter.reasons().stream().map(Reason::rule).toList());
    }

    @Test
    void aStrictDecisionAsksRatherThanAllowsOnAnAssumption() {
        Decision strict = ASSEMBLER.assemble(List.of(PERMIT, ASSUME_TRAINED, ASSUME_NO_SUBSCRIPTION, VERIFY), true);
        assertEquals(Verdict.ESCALATE, strict.verdict());
        assertTrue(strict.strict());
        assertEquals(List.of(Contact.AI_UNIT, Contact.TRAINING_UNIT), strict.escalateTo());
        assertEquals(List.of(DecisionAssembler.STRICT), strict.reasons().stream().map(Reason::rule).toList());
        assertEquals("answer: question of U1 question of U2", strict.reasons().get(0).text());
        assertEquals(List.of("VERIFY_OUTPUTS"), strict.obligationIds());
        Decision plain = ASSEMBLER.assemble(List.of(PERMIT, VERIFY), true);
        assertEquals(Verdict.ALLOW, plain.verdict(), "nothing assumed: strict changes nothing");
        Decision denied = ASSEMBLER.assemble(List.of(DENY, ASSUME_HOSTING), true);
        assertEquals(Verdict.DENY, denied.verdict(), "a DENY keeps its verdict");
        assertTrue(denied.escalateTo().isEmpty() && denied.assumptions().isEmpty(), "and asks nobody");
    }

    @Test
    void aDecisionWithoutCitationIsRefusedNotAllowed() {
        DecisionAssembler silent = new DecisionAssembler(CATALOGUE, "9", "sha256:x",
                new DecisionAssembler.PolicyMessages() {
                    @Override
                    public List<String> noPermitClauses() {
                        return List.of();
                    }

                    @Override
                    public String noPermit(java.util.Locale locale) {
                        return "-";
                    }

                    @Override
                    public String strict(java.util.Locale locale, List<String> questions) {
                        return "-";
                    }
                });
        assertThrows(PolicyEvaluationException.class, () -> silent.assemble(List.of()));
    }
}
