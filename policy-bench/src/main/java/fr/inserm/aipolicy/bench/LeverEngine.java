package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import fr.inserm.aipolicy.facts.Finding;
import fr.inserm.aipolicy.facts.UsageFacts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.command.Command;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.ObjectFilter;
import org.kie.internal.builder.conf.AlphaNetworkCompilerOption;
import org.kie.internal.command.CommandFactory;

/**
 * A bench-local variant of the engine's Drools path, built from the same DRL files compiled to the
 * executable model as the engine does, with one lever set per variant so that each lever's effect
 * is measured alone (by {@code LeverBenchmark}, against the same run's naive Drools):
 *
 * <ul>
 *   <li><b>session</b>: {@code pool} (a {@link KieSessionsPool}'s {@code newKieSession()}, disposed
 *       back to the pool: the engine today), {@code new} ({@code kieBase.newKieSession()} per decision),
 *       {@code stateless} ({@code newStatelessKieSession().execute(batch)} per decision);</li>
 *   <li><b>collect</b>: {@code facts} (the rules insert a {@link Finding}, read back with
 *       {@code getObjects(filter)}: the engine today) or {@code global} (the consequence, rewritten
 *       in the DRL text, adds the rule name to a {@code java.util.List} global set per decision);</li>
 *   <li><b>anc</b>: {@code plain} or {@code anc} (the alpha network compiler, {@code INMEMORY});</li>
 *   <li><b>cache</b>: {@code none}, {@code clear} (a 4,096-entry map emptied when full: the
 *       engine today) or {@code admit} (the same map, but a usage enters it only on its second
 *       sighting within about the last 4,096 usages, remembered in a fixed array: one-off usages never
 *       enter, so they neither cost a put nor evict an inventory's profiles).</li>
 * </ul>
 *
 * It returns the same {@link RuleTable.Result} the peers do (the rules that applied, combined by the
 * shared table), not a {@code Decision}: the engine keeps assembled decisions by applied-rule set,
 * so on a new usage its remaining cost is that of the rules, measured here.
 */
public final class LeverEngine {
    private static final ObjectFilter FINDINGS = o -> o instanceof Finding;
    private static final String INSERT = "insert(new Finding(drools.getRule().getName()));";
    private static final int CAPACITY = 4_096;
    /** Smaller than the distinct workload's cycle, so that a cycled one-off is forgotten before it comes back. */
    private static final int DOORKEEPER = 4_096;

    private final String session;
    private final boolean global;
    private final String cache;
    private final KieBase kieBase;
    private final KieSessionsPool pool;
    private final RuleTable table;
    private final HostingConfirmation confirmation;
    private final Map<String, Long> bitByName = new HashMap<>();
    private final ConcurrentHashMap<Long, RuleTable.Result> results = new ConcurrentHashMap<>(CAPACITY * 2);
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLongArray seen = new AtomicLongArray(DOORKEEPER);
    private final String alphaNetwork;

    /**
     * Builds a variant.
     *
     * @param variant {@code session/collect/anc/cache}, for example {@code pool/facts/plain/none}
     * @param reference the reference whose rule table and catalogue look-ups it shares
     */
    public LeverEngine(String variant, ReferencePolicy reference) {
        String[] v = variant.split("/");
        if (v.length != 4) {
            throw new IllegalArgumentException("variant: session/collect/anc/cache, not " + variant);
        }
        session = v[0];
        global = v[1].equals("global");
        boolean anc = v[2].equals("anc");
        cache = v[3];
        table = reference.table();
        confirmation = reference.confirmation();
        kieBase = compile(global, anc);
        pool = kieBase.newKieSessionsPool(2);
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                int bit = table.bit(String.valueOf(rule.getMetaData().get("id")));
                if (bit < 0) {
                    throw new IllegalStateException("rule " + rule.getName() + " is not in the table");
                }
                bitByName.put(rule.getName(), 1L << bit);
            }
        }
        alphaNetwork = describeAlphaNetwork(kieBase);
        if (anc && !alphaNetwork.contains("Compiled")) {
            throw new IllegalStateException("the alpha network compiler did not apply: " + alphaNetwork);
        }
    }

    /** What propagates a UsageFacts into the network: Drools' own nodes, or a compiled network. */
    private static String describeAlphaNetwork(KieBase kieBase) {
        for (var otn : ((org.drools.core.impl.InternalRuleBase) kieBase).getRete().getObjectTypeNodes()) {
            if (otn.getObjectType().getClassName().equals(UsageFacts.class.getName())) {
                return otn.getObjectSinkPropagator().getClass().getSimpleName();
            }
        }
        return "no node for UsageFacts";
    }

    /**
     * What propagates the facts into the rules, for the report: the class of the UsageFacts node's sink.
     *
     * @return a class name
     */
    public String alphaNetwork() {
        return alphaNetwork;
    }

    private static KieBase compile(boolean global, boolean anc) {
        KieServices services = KieServices.Factory.get();
        ReleaseId id = services.newReleaseId("fr.inserm.aipolicy.bench", "levers-" + System.nanoTime(), "1.0.0");
        KieFileSystem kfs = services.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        for (String file : NaiveDrools.drlFiles()) {
            String text = NaiveDrools.read("fr/inserm/aipolicy/rules/" + file);
            if (global) {
                if (!text.contains(INSERT)) {
                    throw new IllegalStateException(file + " has no consequence to rewrite");
                }
                text = text.replace(INSERT, "findings.add(drools.getRule().getName());")
                        .replaceFirst("(?m)^(package [^;]+;)", "$1\nglobal java.util.List findings;");
            }
            kfs.write("src/main/resources/fr/inserm/aipolicy/rules/" + file, text);
        }
        // read by the knowledge builder's configuration when the kie base is made
        String previous = System.getProperty(AlphaNetworkCompilerOption.PROPERTY_NAME);
        if (anc) {
            System.setProperty(AlphaNetworkCompilerOption.PROPERTY_NAME, AlphaNetworkCompilerOption.INMEMORY.getMode());
        }
        try {
            KieBuilder builder = services.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
            List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("the rules do not compile: " + errors);
            }
            return services.newKieContainer(id).getKieBase();
        } finally {
            if (anc) {
                if (previous == null) {
                    System.clearProperty(AlphaNetworkCompilerOption.PROPERTY_NAME);
                } else {
                    System.setProperty(AlphaNetworkCompilerOption.PROPERTY_NAME, previous);
                }
            }
            services.getRepository().removeKieModule(id);
        }
    }

    /** Forgets every result and sighting, so that a check before measuring leaves nothing behind. */
    public void reset() {
        results.clear();
        size.set(0);
        for (int i = 0; i < DOORKEEPER; i++) {
            seen.set(i, 0);
        }
    }

    /**
     * Decides a usage.
     *
     * @param usage the usage
     * @return the result
     */
    public RuleTable.Result decide(Usage usage) {
        Tool tool = usage.tool();
        UsageFacts facts = UsageFacts.of(usage.hosting(), usage.purpose(), usage.dataCategories(), tool.generative(),
                tool.parametersBillions(), confirmation.confirms(tool.name(), usage.hosting()), usage.context());
        if (cache.equals("none")) {
            return table.combine(fire(facts), false);
        }
        long key = facts.key();
        RuleTable.Result result = results.get(key);
        if (result == null) {
            result = table.combine(fire(facts), false);
            if (admit(key) && results.putIfAbsent(key, result) == null && size.incrementAndGet() > CAPACITY) {
                results.clear();
                size.set(0);
            }
        }
        return result;
    }

    /** Whether a new result enters the cache: always ({@code clear}), or on the key's second sighting ({@code admit}). */
    private boolean admit(long key) {
        if (!cache.equals("admit")) {
            return true;
        }
        // a key seen once is remembered in its slot (overwriting another); seen again there, it is admitted
        long mixed = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed >>> 50) & (DOORKEEPER - 1);
        long stored = key + 1; // 0 means an empty slot
        if (seen.get(slot) == stored) {
            return true;
        }
        seen.set(slot, stored);
        return false;
    }

    private long fire(UsageFacts facts) {
        List<Object> found = new ArrayList<>(8);
        switch (session) {
            case "pool", "new" -> {
                KieSession s = session.equals("pool") ? pool.newKieSession() : kieBase.newKieSession();
                try {
                    if (global) {
                        s.setGlobal("findings", found);
                    }
                    s.insert(facts);
                    s.fireAllRules();
                    if (!global) {
                        found.addAll(s.getObjects(FINDINGS));
                    }
                } finally {
                    s.dispose();
                }
            }
            case "stateless" -> {
                List<Command<?>> commands = new ArrayList<>(4);
                if (global) {
                    commands.add(CommandFactory.newSetGlobal("findings", found));
                }
                commands.add(CommandFactory.newInsert(facts));
                commands.add(CommandFactory.newFireAllRules());
                if (!global) {
                    commands.add(CommandFactory.newGetObjects(FINDINGS, "findings"));
                }
                ExecutionResults out = kieBase.newStatelessKieSession().execute(CommandFactory.newBatchExecution(commands));
                if (!global) {
                    found.addAll((Collection<?>) out.getValue("findings"));
                }
            }
            default -> throw new IllegalArgumentException("session: pool, new or stateless, not " + session);
        }
        long applied = 0;
        for (Object f : found) {
            applied |= bitByName.get(f instanceof Finding finding ? finding.rule() : (String) f);
        }
        return applied;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LeverEngine[session=%s, collect=%s, cache=%s, alpha network=%s]", session,
                global ? "global" : "facts", cache, alphaNetwork);
    }
}
