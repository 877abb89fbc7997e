package fr.inserm.aipolicy.rules;

/** The rules of {@code automated-decisions.drl}, tested by the cases of {@code scenarios/automated-decisions.json}. */
class AutomatedDecisionsRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "automated-decisions.drl";
    }
}
