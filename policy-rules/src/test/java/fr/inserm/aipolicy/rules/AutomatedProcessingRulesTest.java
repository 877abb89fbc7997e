package fr.inserm.aipolicy.rules;

/** The rules of {@code automated-processing.drl}, tested by the cases of {@code scenarios/automated-processing.json}. */
class AutomatedProcessingRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "automated-processing.drl";
    }
}
