package fr.inserm.aipolicy;

import fr.inserm.aipolicy.facts.Finding;
import fr.inserm.aipolicy.facts.UsageFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.ObjectFilter;

/**
 * The engine behind {@link PolicyEngine}: the rules compiled by Drools (executable model) into one
 * immutable {@link KieBase}, and a pool of sessions, each used by one call at a time.
 *
 * <p>Decisions are reused: when the rules can see nothing of a usage beyond its {@link UsageKey}
 * (checked on the rule sources at build time), a bounded {@link DecisionCache} answers a usage whose
 * key was decided before with the same immutable {@link Decision}; and since a decision depends only
 * on the set of rules that applied, decisions are also kept by that set, so that a usage decided
 * by the rules for the first time is rarely assembled anew. Once built, a background thread decides
 * a few usages (one per hosting and purpose) and forgets them, so that early callers do not pay for
 * the lazy parts of the rule network.
 */
final class DroolsPolicyEngine implements PolicyEngine {
    /** A policy whose rules fire more often than this for one usage is looping: fail rather than hang. */
    private static final int MAX_FIRINGS = 10_000;
    private static final ObjectFilter FINDINGS = object -> object instanceof Finding;
    private static final Pattern RULE_NAME = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");

    /** How many decisions the cache holds at most: an inventory has a few thousand distinct profiles. */
    static final int CACHE_CAPACITY = 4_096;

    private final PolicyTexts texts;
    private final Policy policy;
    /** Whether the rules were compiled by the Maven build rather than when this engine was built. */
    private final boolean compiledAtBuildTime;
    private final String version;
    private final String digest;
    private final List<Clause> catalogue;
    private final Map<String, Clause> clausesById;
    private final RuleBook ruleBook;
    private final DecisionAssembler assembler;
    private final KieSessionsPool sessions;
    private final DecisionCache cache;
    /** Each rule's position in the rule book, by rule name: a bit of an applied-rules mask. */
    private final Map<String, Integer> positionByName = new HashMap<>();
    /**
     * Decisions by the set of rules that applied (a decision is a function of that set alone), when
     * the rule book has at most 64 rules: many usages share a few hundred such sets.
     */
    private final DecisionCache assembled;

    private DroolsPolicyEngine(String version, String digest, List<Clause> catalogue, RuleBook ruleBook,
            KieBase kieBase, boolean compiledAtBuildTime, PolicyTexts texts) {
        this.texts = texts;
        this.policy = new Policy(version, digest, ruleBook.rules(), catalogue, texts);
        this.compiledAtBuildTime = compiledAtBuildTime;
        this.version = version;
        this.digest = digest;
        this.catalogue = catalogue;
        this.clausesById = catalogue.stream().collect(Collectors.toUnmodifiableMap(Clause::id, Function.identity()));
        this.ruleBook = ruleBook;
        this.assembler = new DecisionAssembler(catalogue, version, digest, texts);
        this.sessions = kieBase.newKieSessionsPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.cache = new DecisionCache(CACHE_CAPACITY);
        List<PolicyRule> all = ruleBook.rules();
        for (int i = 0; i < all.size(); i++) {
            positionByName.put(all.get(i).name(), i);
        }
        // one bit per rule and one for strictness
        this.assembled = all.size() <= 63 ? new DecisionCache(CACHE_CAPACITY) : null;
    }

    static PolicyEngine build(PolicyFiles files, ClassLoader loader) {
        PolicyManifest manifest = PolicyManifest.read(files);
        String version = manifest.version();
        List<Clause> catalogue = CatalogueReader.read(files.require(PolicyFiles.CATALOGUE_FILE), files.origin());
        Map<String, String> drl = files.rules();
        if (drl.isEmpty()) {
            throw new PolicyBuildException("the policy at " + files.origin() + " has no .drl file");
        }
        // the model compiled at build time when the class path holds one for exactly these rules
        KieBase precompiled = files.fromClassPath() ? PrecompiledRules.load(files, loader).orElse(null) : null;
        KieBase kieBase = precompiled != null ? precompiled : RuntimeCompiler.compile(drl, files.origin(), loader);
        Map<Rule, String> rules = new LinkedHashMap<>();
        Map<String, String> fileByRuleName = fileByRuleName(drl);
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                rules.put(rule, fileByRuleName.getOrDefault(rule.getName(), pkg.getName()));
            }
        }
        RuleBook ruleBook = RuleBook.of(rules, catalogue.stream().map(Clause::id).collect(Collectors.toSet()),
                files.require(PolicyFiles.MESSAGES_FILE), files.origin());
        ruleBook.checkDeclared(manifest.rules(), files.origin());
        PolicyTexts texts = PolicyTexts.read(files, ruleBook.rules(), catalogue)
                .withNoPermitClauses(manifest.noPermitClauses(), catalogue);
        DroolsPolicyEngine engine = new DroolsPolicyEngine(version, files.digest(), catalogue, ruleBook, kieBase,
                precompiled != null, texts);
        // JIT warm-up on another thread: the first calls are faster, and the engine is ready at once
        Thread warmUp = new Thread(engine::warmUp, "aipolicy-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return engine;
    }

    PolicyTexts texts() {
        return texts;
    }

    /**
     * Refuses a usage whose hosting the tool catalogue contradicts (ChatGPT declared LOCAL): deciding
     * it would decide a use that cannot happen, and could allow what the real one forbids. The
     * hostings a tool name allows are remembered, so a repeated name costs a map lookup.
     */
    private void checkAgainstToolCatalogue(Usage usage) {
        texts.tools().check(usage); // remembered per name by the catalogue
    }

    /** Decides one usage per hosting and purpose, without keeping the decisions. */
    /**
     * Whether the tool catalogue confirms a local or internal hosting: the name equals a catalogued
     * name or alias whose every hosting is local or internal.
     */
    private boolean confirmsHosting(String name, Hosting hosting) {
        if (hosting.isExternal()) {
            return false;
        }
        return texts.tools().confirms(name, hosting);
    }

    private void warmUp() {
        for (Hosting hosting : Hosting.values()) {
            for (Purpose purpose : Purpose.values()) {
                try {
                    decide(UsageFacts.of(hosting, purpose, Set.of(DataCategory.PUBLIC), true, null, false,
                            Context.NOT_STATED), false);
                } catch (RuntimeException e) {
                    // only a warm-up: a policy that cannot decide this usage says so when asked about it
                    return;
                }
            }
        }
    }

    private static Map<String, String> fileByRuleName(Map<String, String> drl) {
        Map<String, String> files = new LinkedHashMap<>();
        drl.forEach((file, text) -> {
            Matcher m = RULE_NAME.matcher(text);
            while (m.find()) {
                files.put(m.group(1), file);
            }
        });
        return files;
    }

    @Override
    public Policy policy() {
        return policy;
    }

    @Override
    public Decision evaluate(Usage usage, boolean strict) {
        Objects.requireNonNull(usage, "usage");
        return evaluateFacts(factsOf(usage), strict);
    }

    /** Checks the usage against the tool catalogue, and reduces it to what the rules see. */
    UsageFacts factsOf(Usage usage) {
        checkAgainstToolCatalogue(usage);
        return factsAsDeclared(usage);
    }

    /** What the rules see of a usage, without the catalogue's check (alternatives decide variants of it). */
    UsageFacts factsAsDeclared(Usage usage) {
        Tool tool = usage.tool();
        return UsageFacts.of(usage.hosting(), usage.purpose(), usage.dataCategories(), tool.generative(),
                tool.parametersBillions(), confirmsHosting(tool.name(), usage.hosting()), usage.context());
    }

    Decision evaluateFacts(UsageFacts facts, boolean strict) {
        long key = facts.key() << 1 | (strict ? 1 : 0);
        Decision decision = cache.get(key);
        if (decision == null) {
            decision = assembled(fire(facts), strict);
            cache.put(key, decision);
        }
        return decision;
    }

    Decision decide(UsageFacts facts, boolean strict) {
        return decide(facts, strict, true);
    }

    Decision decide(UsageFacts facts, boolean strict, boolean reuseAssembled) {
        List<PolicyRule> applied = fire(facts);
        return reuseAssembled ? assembled(applied, strict) : assembler.assemble(applied, strict);
    }

    /** Runs the rules on the facts: the rules that applied. */
    private List<PolicyRule> fire(UsageFacts facts) {
        List<PolicyRule> applied = new ArrayList<>();
        KieSession session = sessions.newKieSession();
        try {
            session.insert(facts);
            int fired = session.fireAllRules(MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                throw new PolicyEvaluationException("the rules fired " + fired + " times for one usage: a rule loops", null);
            }
            for (Object finding : session.getObjects(FINDINGS)) {
                applied.add(ruleBook.byName(((Finding) finding).rule()));
            }
        } catch (PolicyEvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyEvaluationException("the rules failed while deciding: " + e, e);
        } finally {
            session.dispose();
        }
        return applied;
    }

    /** The decision for these rules, assembled once per set of rules (a decision is immutable). */
    private Decision assembled(List<PolicyRule> applied, boolean strict) {
        if (assembled == null) {
            return assembler.assemble(applied, strict);
        }
        long mask = 0;
        for (PolicyRule rule : applied) {
            mask |= 1L << positionByName.get(rule.name());
        }
        long key = mask << 1 | (strict ? 1 : 0);
        Decision decision = assembled.get(key);
        if (decision == null) {
            decision = assembler.assemble(applied, strict);
            assembled.put(key, decision);
        }
        return decision;
    }

    @Override
    public List<PolicyRule> rules() {
        return ruleBook.rules();
    }

    @Override
    public List<Clause> catalogue() {
        return catalogue;
    }

    @Override
    public Optional<Clause> clause(String id) {
        return Optional.ofNullable(clausesById.get(id));
    }

    @Override
    public String policyVersion() {
        return version;
    }

    @Override
    public String policyDigest() {
        return digest;
    }

    @Override
    public String toString() {
        return "PolicyEngine[version=" + version + ", " + ruleBook.rules().size() + " rules, " + catalogue.size()
                + " clauses, " + digest + ", rules compiled " + (compiledAtBuildTime ? "at build time" : "at run time")
                + "]";
    }
}
