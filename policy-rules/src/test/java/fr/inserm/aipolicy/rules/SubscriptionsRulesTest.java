package fr.inserm.aipolicy.rules;

/** The rules of {@code subscriptions.drl}, tested by the cases of {@code scenarios/subscriptions.json}. */
class SubscriptionsRulesTest extends RuleFileTest {
    @Override
    String drlFile() {
        return "subscriptions.drl";
    }
}
