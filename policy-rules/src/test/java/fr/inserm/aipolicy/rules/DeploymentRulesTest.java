package fr.inserm.aipolicy.rules;

/** The rules of {@code deployment.drl}, tested by the cases of {@code scenarios/deployment.json}. */
class DeploymentRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "deployment.drl";
    }
}
