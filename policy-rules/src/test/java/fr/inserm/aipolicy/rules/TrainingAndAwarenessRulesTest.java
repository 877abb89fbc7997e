package fr.inserm.aipolicy.rules;

/** The rules of {@code training-and-awareness.drl}, tested by the cases of {@code scenarios/training-and-awareness.json}. */
class TrainingAndAwarenessRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "training-and-awareness.drl";
    }
}
