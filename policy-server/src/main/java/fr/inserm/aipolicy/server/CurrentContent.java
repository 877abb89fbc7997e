package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Policy;
import fr.inserm.aipolicy.PolicyEngine;

/**
 * The page's content for the policy serving now: made again, once, after a watched bundle was
 * replaced, so that the clauses and contacts the page shows are those of the policy that decides.
 */
final class CurrentContent {
    private final PolicyEngine engine;
    private volatile Policy policy;
    private volatile PageContent content;

    CurrentContent(PolicyEngine engine, PageContent content) {
        this.engine = engine;
        this.policy = engine.policy();
        this.content = content;
    }

    PageContent get() {
        Policy now = engine.policy();
        if (now != policy) {
            synchronized (this) {
                if (now != policy) {
                    content = new PageContent(engine);
                    policy = now;
                }
            }
        }
        return content;
    }
}
