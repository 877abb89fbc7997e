package fr.inserm.aipolicy.rules;

/** The rules of {@code code-generation.drl}, tested by the cases of {@code scenarios/code-generation.json}. */
class CodeGenerationRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "code-generation.drl";
    }
}
