package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import fr.inserm.aipolicy.facts.UsageFacts;
import java.util.Objects;
import java.util.Set;

/**
 * The engine behind {@link PolicyEngine}, in three parts: the {@link PolicyLoader} reads the policy,
 * the {@link RuleRunner} runs its rules, and a {@link CachingDecider} in front of the runner answers
 * a usage the rules have seen before. What is left here is the step from a usage to what the rules
 * see of it: the tool catalogue's check (ChatGPT declared LOCAL is refused) and its confirmation of
 * a local or internal hosting.
 */
final class DroolsPolicyEngine implements PolicyEngine {
    private final Policy policy;
    private final ToolCatalogue tools;
    private final RuleRunner runner;
    private final CachingDecider decider;
    /** Whether the rules were compiled by the Maven build rather than when this engine was built. */
    private final boolean compiledAtBuildTime;

    private DroolsPolicyEngine(PolicyLoader.Loaded loaded) {
        this.policy = loaded.policy();
        this.tools = loaded.texts().tools();
        this.runner = new RuleRunner(loaded.kieBase(), loaded.ruleBook(), new DecisionAssembler(policy.catalogue(),
                policy.version(), policy.digest(), loaded.texts()));
        this.decider = new CachingDecider(runner);
        this.compiledAtBuildTime = loaded.compiledAtBuildTime();
    }

    static DroolsPolicyEngine build(PolicyFiles files, ClassLoader loader, boolean warmUp) {
        return build(files, PolicyApprovals.examine(files), loader, warmUp);
    }

    static DroolsPolicyEngine build(PolicyFiles files, Approval approval, ClassLoader loader, boolean warmUp) {
        DroolsPolicyEngine engine = new DroolsPolicyEngine(PolicyLoader.load(files, approval, loader));
        if (warmUp) {
            // JIT warm-up on another thread: the first calls are faster, and the engine is ready at once
            Thread thread = new Thread(engine::warmUp, "aipolicy-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
        return engine;
    }

    /** Decides one usage per hosting and purpose, without keeping the decisions. */
    private void warmUp() {
        for (Hosting hosting : Hosting.values()) {
            for (Purpose purpose : Purpose.values()) {
                try {
                    runner.decide(UsageFacts.of(hosting, purpose, Set.of(DataCategory.PUBLIC), true, null, false,
                            Context.NOT_STATED), false);
                } catch (RuntimeException e) {
                    // only a warm-up: a policy that cannot decide this usage says so when asked about it
                    return;
                }
            }
        }
    }

    @Override
    public Policy policy() {
        return policy;
    }

    @Override
    public Decision evaluate(Usage usage, boolean strict) {
        Objects.requireNonNull(usage, "usage");
        tools.check(usage); // remembered per name by the catalogue
        Tool tool = usage.tool();
        boolean confirmed = confirmed(usage);
        // the key first: a usage decided before is answered without making its facts
        Decision cached = decider.cached(UsageFacts.keyOf(usage.hosting(), usage.purpose(), usage.dataCategories(),
                tool.generative(), tool.parametersBillions(), confirmed, usage.context()), strict);
        return cached != null ? cached : decider.decideAndKeep(facts(usage, confirmed), strict);
    }

    /** Checks the usage against the tool catalogue, and reduces it to what the rules see (for tests). */
    UsageFacts factsOf(Usage usage) {
        tools.check(usage);
        return facts(usage, confirmed(usage));
    }

    private static UsageFacts facts(Usage usage, boolean confirmed) {
        Tool tool = usage.tool();
        return UsageFacts.of(usage.hosting(), usage.purpose(), usage.dataCategories(), tool.generative(),
                tool.parametersBillions(), confirmed, usage.context());
    }

    /** A declared local or internal hosting is confirmed when the name is a catalogued tool that runs nowhere else. */
    private boolean confirmed(Usage usage) {
        return !usage.hosting().isExternal() && tools.confirms(usage.tool().name(), usage.hosting());
    }

    /** The rules' decision on the facts, assembled anew: what the caches must agree with (for tests). */
    Decision decideAfresh(UsageFacts facts, boolean strict) {
        return runner.decideAfresh(facts, strict);
    }

    @Override
    public String toString() {
        return "PolicyEngine[version=" + policy.version() + ", " + policy.rules().size() + " rules, "
                + policy.catalogue().size() + " clauses, " + policy.digest() + ", rules compiled "
                + (compiledAtBuildTime ? "at build time" : "at run time")
                + (runner.recordsInGlobalList() ? ", findings in a global list" : ", findings as facts") + "]";
    }
}
