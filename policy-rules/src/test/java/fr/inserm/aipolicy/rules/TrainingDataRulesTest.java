package fr.inserm.aipolicy.rules;

/** The rules of {@code training-data.drl}, tested by the cases of {@code scenarios/training-data.json}. */
class TrainingDataRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "training-data.drl";
    }
}
