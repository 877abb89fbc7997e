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
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.ObjectFilter;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.conf.SequentialOption;
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
 *       {@code stateless} ({@code newStatelessKieSession().execute(batch)} per decision), {@code reuse}
 *       (one {@code KieSession} per thread, never disposed nor reset: per decision {@code insert},
 *       {@code fireAllRules(max)}, then {@code delete} of the usage's handle, and of the findings'
 *       handles when findings are facts), {@code own} (the same, but the sessions are kept in a small
 *       pool of idle sessions, an array taken from and put back into without allocating, rather than
 *       one per thread), {@code update} (the same, but the session keeps one fact, replaced by
 *       {@code update(handle, facts)} for each decision);</li>
 *   <li><b>collect</b>: {@code facts} (the rules insert a {@link Finding}, read back with
 *       {@code getObjects(filter)}: the engine today) or {@code global} (the consequence, rewritten
 *       in the DRL text, adds the rule name to a {@code java.util.List} global set per decision),
 *       {@code literal} (the same global, but each consequence adds its rule's name written as a
 *       string literal, {@code findings.add("P1 ...")}, so that it does not use {@code drools}),
 *       {@code filter} (an {@code AgendaFilter} records each match's rule name and refuses it: no
 *       consequence runs; DRL unchanged) or {@code filterfire} (the same filter records and accepts;
 *       the consequence is the global list's, whose list is not read);</li>
 *   <li><b>anc</b>: {@code plain} or {@code anc} (the alpha network compiler, {@code INMEMORY});</li>
 *   <li><b>cache</b>: {@code none}, {@code clear} (a 4,096-entry map emptied when full: the
 *       engine today) or {@code admit} (the same map, but a usage enters it only on its second
 *       sighting within about the last 4,096 usages, remembered in a fixed array: one-off usages never
 *       enter, so they neither cost a put nor evict an inventory's profiles);</li>
 *   <li><b>options</b> (an optional fifth part, {@code +}-separated, {@code -} for none): {@code nts}
 *       (session option {@code ThreadSafeOption.NO}), {@code imm} (kie base option
 *       {@code KieBaseMutabilityOption.DISABLED}), {@code seq} (kie base option
 *       {@code SequentialOption.YES}), {@code direct} (session option {@code DirectFiringOption.YES}:
 *       consequences fired without the agenda; no rule here uses salience, no-loop or agenda groups),
 *       {@code alpha1} (kie base option {@code AlphaThresholdOption.get(1)}: literal {@code ==}
 *       constraints hashed from the first alpha node instead of the third), {@code flat} (the rules rewritten on {@link FlatFacts}, a fact
 *       with the context's fields at its top level).</li>
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
    /** As the engine: a policy whose rules fire more often than this for one usage is looping. */
    private static final int MAX_FIRINGS = 10_000;

    private final String session;
    private final String collect;
    private final boolean global;
    private final boolean filter;
    private final boolean flat;
    private final KieSessionConfiguration sessionConfiguration;
    /** The {@code reuse} sessions, one per thread. */
    private final ThreadLocal<Slot> slots = ThreadLocal.withInitial(this::newSlot);
    /** The {@code own} sessions: a fixed array of idle sessions, taken and put back without allocating. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<Slot> idle = new java.util.concurrent.atomic.AtomicReferenceArray<>(
            Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
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
        if (v.length != 4 && v.length != 5) {
            throw new IllegalArgumentException("variant: session/collect/anc/cache[/options], not " + variant);
        }
        session = v[0];
        collect = v[1];
        if (!List.of("facts", "global", "literal", "filter", "filterfire").contains(collect)) {
            throw new IllegalArgumentException("collect: facts, global, literal, filter or filterfire, not " + collect);
        }
        if (!List.of("pool", "new", "stateless", "reuse", "own", "update").contains(session)) {
            throw new IllegalArgumentException("session: pool, new, stateless, reuse, own or update, not " + session);
        }
        global = collect.equals("global") || collect.equals("literal") || collect.equals("filterfire");
        filter = collect.startsWith("filter");
        if (filter && session.equals("stateless")) {
            throw new IllegalArgumentException("an agenda filter needs a stateful session");
        }
        boolean anc = v[2].equals("anc");
        cache = v[3];
        List<String> options = v.length == 5 && !v[4].equals("-") ? List.of(v[4].split("\\+")) : List.of();
        for (String option : options) {
            if (!List.of("nts", "imm", "seq", "flat", "direct", "alpha1").contains(option)) {
                throw new IllegalArgumentException("option: nts, imm, seq, flat, direct or alpha1, not " + option);
            }
        }
        flat = options.contains("flat");
        table = reference.table();
        confirmation = reference.confirmation();
        KieServices services = KieServices.Factory.get();
        KieBaseConfiguration baseConfiguration = services.newKieBaseConfiguration();
        if (options.contains("imm")) {
            baseConfiguration.setOption(KieBaseMutabilityOption.DISABLED);
        }
        if (options.contains("seq")) {
            baseConfiguration.setOption(SequentialOption.YES);
        }
        if (options.contains("alpha1")) {
            baseConfiguration.setOption(org.kie.internal.conf.AlphaThresholdOption.get(1));
        }
        sessionConfiguration = services.newKieSessionConfiguration();
        if (options.contains("nts")) {
            sessionConfiguration.setOption(ThreadSafeOption.NO);
        }
        if (options.contains("direct")) {
            sessionConfiguration.setOption(org.kie.api.runtime.conf.DirectFiringOption.YES);
        }
        kieBase = compile(global, collect.equals("literal"), anc, flat, baseConfiguration);
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
            String type = otn.getObjectType().getClassName();
            if (type.equals(UsageFacts.class.getName()) || type.equals(FlatFacts.class.getName())) {
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

    private static KieBase compile(boolean global, boolean literal, boolean anc, boolean flat,
            KieBaseConfiguration configuration) {
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
                text = (literal ? literalNames(text) : text.replace(INSERT, "findings.add(drools.getRule().getName());"))
                        .replaceFirst("(?m)^(package [^;]+;)", "$1\nglobal java.util.List findings;");
            }
            if (flat) {
                text = FlatFacts.rewrite(text);
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
            return services.newKieContainer(id).newKieBase(configuration);
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

    private static final java.util.regex.Pattern RULE = java.util.regex.Pattern.compile("(?m)^rule \"([^\"\\\\]+)\"");

    /**
     * Each rule's consequence rewritten to add its own name, written as a literal: a consequence that
     * does not use {@code drools} spares the executable model a {@code DroolsImpl} and a fact-handle
     * look-up ({@code FactHandleLookup.Multi}, an {@code IdentityHashMap}) per firing.
     */
    static String literalNames(String text) {
        java.util.regex.Matcher m = RULE.matcher(text);
        StringBuilder out = new StringBuilder();
        int from = 0;
        String name = null;
        while (true) {
            boolean found = m.find();
            int end = found ? m.start() : text.length();
            String part = text.substring(from, end);
            if (name != null) {
                if (!part.contains(INSERT)) {
                    throw new IllegalStateException("rule " + name + " has no consequence to rewrite");
                }
                part = part.replace(INSERT, "findings.add(\"" + name + "\");");
            } else if (part.contains(INSERT)) {
                throw new IllegalStateException("a consequence outside a rule");
            }
            out.append(part);
            if (!found) {
                return out.toString();
            }
            name = m.group(1);
            from = m.start();
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
        UsageFacts usageFacts = UsageFacts.of(usage.hosting(), usage.purpose(), usage.dataCategories(),
                tool.generative(), tool.parametersBillions(), confirmation.confirms(tool.name(), usage.hosting()),
                usage.context());
        Object facts = flat ? FlatFacts.of(usageFacts) : usageFacts;
        if (cache.equals("none")) {
            return table.combine(fire(facts), false);
        }
        long key = usageFacts.key();
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

    /** Records each match's rule name, and lets it fire or not. */
    private static final class Recorder implements AgendaFilter {
        final List<Object> names;
        private final boolean fire;

        Recorder(List<Object> names, boolean fire) {
            this.names = names;
            this.fire = fire;
        }

        @Override
        public boolean accept(Match match) {
            names.add(match.getRule().getName());
            return fire;
        }
    }

    /** A thread's reused session, with the list its rules (or its filter) fill. */
    private static final class Slot {
        /** Null once thrown away after a failure. */
        KieSession session;
        /** The {@code update} session's one fact: null before the first decision. */
        FactHandle handle;
        final List<Object> found = new ArrayList<>(16);
        final Recorder recorder;

        Slot(KieSession session, boolean global, String collect) {
            this.session = session;
            if (global) {
                session.setGlobal("findings", collect.equals("filterfire") ? new DiscardingList() : found);
            }
            recorder = collect.startsWith("filter") ? new Recorder(found, collect.equals("filterfire")) : null;
        }
    }

    /** The global list of {@code filterfire}: the consequence runs, but what it adds is not kept. */
    private static final class DiscardingList extends java.util.AbstractList<Object> {
        @Override
        public boolean add(Object o) {
            return true;
        }

        @Override
        public Object get(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public int size() {
            return 0;
        }
    }

    private Slot newSlot() {
        return new Slot(kieBase.newKieSession(sessionConfiguration, null), global, collect);
    }

    /**
     * For the checks: whether this thread's reused session holds no fact and no pending match after a
     * decision (always true for the other sessions, which are reset or thrown away).
     *
     * @return whether the session is empty
     */
    public boolean sessionEmpty() {
        if (session.equals("own")) {
            for (int i = 0; i < idle.length(); i++) {
                Slot slot = idle.get(i);
                if (slot != null && (slot.session.getFactCount() != 0 || !slot.found.isEmpty())) {
                    return false;
                }
            }
            return true;
        }
        if (!session.equals("reuse") && !session.equals("update")) {
            return true;
        }
        Slot slot = slots.get();
        return slot.session.getFactCount() == (session.equals("update") ? 1 : 0) && slot.found.isEmpty();
    }

    private static int checked(int fired) {
        if (fired >= MAX_FIRINGS) {
            throw new IllegalStateException("the rules fired " + fired + " times for one usage: a rule loops");
        }
        return fired;
    }

    private long fire(Object facts) {
        if (session.equals("reuse")) {
            Slot slot = slots.get();
            long applied = fireReused(slot, facts);
            if (slot.session == null) {
                slots.remove();
            }
            return applied;
        }
        if (session.equals("own")) {
            Slot slot = take();
            long applied = fireReused(slot, facts);
            if (slot.session != null) {
                giveBack(slot);
            }
            return applied;
        }
        if (session.equals("update")) {
            return fireUpdated(facts);
        }
        List<Object> found = new ArrayList<>(8);
        switch (session) {
            case "pool", "new" -> {
                KieSession s = session.equals("pool") ? pool.newKieSession(sessionConfiguration)
                        : kieBase.newKieSession(sessionConfiguration, null);
                try {
                    if (global) {
                        s.setGlobal("findings", collect.equals("filterfire") ? new DiscardingList() : found);
                    }
                    s.insert(facts);
                    if (filter) {
                        checked(s.fireAllRules(new Recorder(found, collect.equals("filterfire")), MAX_FIRINGS));
                    } else {
                        checked(s.fireAllRules(MAX_FIRINGS));
                    }
                    if (!global && !filter) {
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
                commands.add(CommandFactory.newFireAllRules(MAX_FIRINGS));
                if (!global) {
                    commands.add(CommandFactory.newGetObjects(FINDINGS, "findings"));
                }
                ExecutionResults out = kieBase.newStatelessKieSession().execute(CommandFactory.newBatchExecution(commands));
                if (!global) {
                    found.addAll((Collection<?>) out.getValue("findings"));
                }
            }
            default -> throw new IllegalArgumentException("session: pool, new, stateless or reuse, not " + session);
        }
        return mask(found);
    }

    private long mask(List<Object> found) {
        long applied = 0;
        for (int i = 0, n = found.size(); i < n; i++) {
            Object f = found.get(i);
            applied |= bitByName.get(f instanceof Finding finding ? finding.rule() : (String) f);
        }
        return applied;
    }

    /**
     * The {@code reuse} session: this thread's session, never reset. The usage's handle (and the
     * findings' handles, when findings are facts) are deleted after each decision; a failure throws
     * the session away.
     */
    private long fireReused(Slot slot, Object facts) {
        KieSession s = slot.session;
        boolean clean = false;
        FactHandle handle = s.insert(facts);
        try {
            if (slot.recorder != null) {
                checked(s.fireAllRules(slot.recorder, MAX_FIRINGS));
            } else {
                checked(s.fireAllRules(MAX_FIRINGS));
            }
            if (!global && !filter) {
                for (FactHandle finding : s.getFactHandles(FINDINGS).toArray(new FactHandle[0])) {
                    slot.found.add(s.getObject(finding));
                    s.delete(finding);
                }
            }
            long applied = mask(slot.found);
            s.delete(handle);
            clean = true;
            return applied;
        } finally {
            slot.found.clear();
            if (!clean) {
                slot.session = null;
                s.dispose();
            }
        }
    }

    /** An idle session of the {@code own} pool, or a new one when none is idle. */
    private Slot take() {
        for (int i = 0; i < idle.length(); i++) {
            if (idle.get(i) != null) {
                Slot slot = idle.getAndSet(i, null);
                if (slot != null) {
                    return slot;
                }
            }
        }
        return newSlot();
    }

    /** Puts a session back into the {@code own} pool; disposes of it when the pool is full. */
    private void giveBack(Slot slot) {
        for (int i = 0; i < idle.length(); i++) {
            if (idle.get(i) == null && idle.compareAndSet(i, null, slot)) {
                return;
            }
        }
        slot.session.dispose();
    }

    /**
     * The {@code update} session: this thread's session holds one fact, the last usage decided;
     * each decision replaces it ({@code update(handle, facts)}: a modification, so every rule that
     * matches the new usage fires again, including those that matched the previous one). A failure
     * throws the session away.
     */
    private long fireUpdated(Object facts) {
        Slot slot = slots.get();
        KieSession s = slot.session;
        boolean clean = false;
        try {
            if (slot.handle == null) {
                slot.handle = s.insert(facts);
            } else {
                s.update(slot.handle, facts);
            }
            if (slot.recorder != null) {
                checked(s.fireAllRules(slot.recorder, MAX_FIRINGS));
            } else {
                checked(s.fireAllRules(MAX_FIRINGS));
            }
            if (!global && !filter) {
                for (FactHandle finding : s.getFactHandles(FINDINGS).toArray(new FactHandle[0])) {
                    slot.found.add(s.getObject(finding));
                    s.delete(finding);
                }
            }
            long applied = mask(slot.found);
            clean = true;
            return applied;
        } finally {
            slot.found.clear();
            if (!clean) {
                slots.remove();
                s.dispose();
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LeverEngine[session=%s, collect=%s, cache=%s, flat=%s, alpha network=%s, thread safe=%s, direct firing=%s, alpha threshold=%s, %s, mutability=%s]",
                session, collect, cache, flat, alphaNetwork, sessionConfiguration.getOption(ThreadSafeOption.KEY),
                sessionConfiguration.getOption(org.kie.api.runtime.conf.DirectFiringOption.KEY),
                ((org.drools.core.impl.InternalRuleBase) kieBase).getRuleBaseConfiguration().getAlphaNodeHashingThreshold(),
                "sequential=" + ((org.drools.core.impl.InternalRuleBase) kieBase).getRuleBaseConfiguration().isSequential(),
                ((org.drools.core.impl.InternalRuleBase) kieBase).getConfiguration().getOption(KieBaseMutabilityOption.KEY));
    }
}
