package fr.inserm.aipolicy.rules;

/** The rules of {@code sensitive-data.drl}, tested by the cases of {@code scenarios/sensitive-data.json}. */
class SensitiveDataRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "sensitive-data.drl";
    }
}
