package fr.inserm.aipolicy.rules;

/** The rules of {@code frugality.drl}, tested by the cases of {@code scenarios/frugality.json}. */
class FrugalityRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "frugality.drl";
    }
}
