package fr.inserm.aipolicy.rules;

/** The rules of {@code transparency.drl}, tested by the cases of {@code scenarios/transparency.json}. */
class TransparencyRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "transparency.drl";
    }
}
