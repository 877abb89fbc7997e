package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The rule table every implementation under benchmark shares, read from the engine's own rules
 * ({@link PolicyEngine#rules()}: ids, effects, clauses, contacts, assumption metadata) and catalogue
 * at start-up, never copied by hand. Only the rules' conditions live in each implementation; they
 * report the rules that applied as a bit mask over {@link #ids()} in the order the implementation
 * gives, and {@link #combine(long, boolean)} turns that mask into a result exactly as the engine's
 * {@code DecisionAssembler} does, so that comparing results compares the conditions.
 */
public final class RuleTable {
    private final String[] ids;
    /** Bit positions in the engine's rule order (effect, then id), for outcomes listed as the engine lists them. */
    private final int[] engineOrder;
    private final String[] catalogue;
    private final long[] cites;
    private final int[] contacts;
    private final int[] assumptionContacts;
    private final long deny;
    private final long escalate;
    private final long allow;
    private final long obligation;
    private final long advice;
    /** Assumption rules whose verdict "otherwise" is stricter than the verdict of the index. */
    private final long[] stricterThan = new long[Verdict.values().length];
    private final long noPermitCites;

    /**
     * Reads the table for conditions known under these ids.
     *
     * @param engine the engine whose rules and catalogue are the table
     * @param ids the rule ids, in the order of the caller's bits
     * @throws IllegalStateException when the engine's rules are not exactly these ids
     */
    public RuleTable(PolicyEngine engine, String[] ids) {
        this.ids = ids.clone();
        if (ids.length > 63) {
            throw new IllegalStateException("more than 63 rules do not fit a mask");
        }
        Map<String, Integer> bit = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            bit.put(ids[i], i);
        }
        List<PolicyRule> rules = engine.rules();
        List<String> engineIds = rules.stream().map(PolicyRule::id).toList();
        if (rules.size() != ids.length || !bit.keySet().containsAll(engineIds)) {
            throw new IllegalStateException("the engine's rules " + engineIds + " are not the conditions known here "
                    + List.of(ids));
        }
        List<Clause> clauses = engine.catalogue();
        catalogue = clauses.stream().map(Clause::id).toArray(String[]::new);
        if (catalogue.length > 64) {
            throw new IllegalStateException("more than 64 clauses do not fit a mask");
        }
        List<String> catalogueIds = List.of(catalogue);
        engineOrder = new int[ids.length];
        cites = new long[ids.length];
        contacts = new int[ids.length];
        assumptionContacts = new int[ids.length];
        long d = 0;
        long e = 0;
        long a = 0;
        long o = 0;
        long v = 0;
        for (int r = 0; r < rules.size(); r++) {
            PolicyRule rule = rules.get(r);
            int i = bit.get(rule.id());
            engineOrder[r] = i;
            cites[i] = clauseMask(rule.clauses(), catalogueIds);
            contacts[i] = contactMask(rule.escalateTo());
            long m = 1L << i;
            switch (rule.effect()) {
                case DENY -> d |= m;
                case ESCALATE -> e |= m;
                case ALLOW -> a |= m;
                case OBLIGATION -> o |= m;
                case ADVICE -> v |= m;
                case ASSUMPTION -> {
                    PolicyRule.Assumes assumes = rule.assumes();
                    assumptionContacts[i] = contactMask(assumes.contacts());
                    for (Verdict verdict : Verdict.values()) {
                        if (assumes.otherwise().isStricterThan(verdict)) {
                            stricterThan[verdict.ordinal()] |= m;
                        }
                    }
                }
            }
        }
        deny = d;
        escalate = e;
        allow = a;
        obligation = o;
        advice = v;
        noPermitCites = clauseMask(noPermitClauses(), catalogueIds);
    }

    /** The clauses a DENY without a permit cites: the manifest's {@code noPermit.clauses}, which no rule holds. */
    private static List<String> noPermitClauses() {
        Properties manifest = new Properties();
        try (InputStream in = RuleTable.class.getClassLoader().getResourceAsStream("fr/inserm/aipolicy/rules/policy.properties")) {
            if (in == null) {
                throw new IllegalStateException("policy.properties not on the class path");
            }
            manifest.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(manifest.getProperty("noPermit.clauses", "").trim().split("\\s+"));
    }

    private static long clauseMask(List<String> clauses, List<String> catalogue) {
        long mask = 0;
        for (String clause : clauses) {
            int index = catalogue.indexOf(clause);
            if (index < 0) {
                throw new IllegalStateException("clause " + clause + " not in the catalogue");
            }
            mask |= 1L << index;
        }
        return mask;
    }

    private static int contactMask(List<Contact> list) {
        int mask = 0;
        for (Contact contact : list) {
            mask |= 1 << contact.ordinal();
        }
        return mask;
    }

    /**
     * The rule ids, by bit.
     *
     * @return a copy of the ids
     */
    public String[] ids() {
        return ids.clone();
    }

    /**
     * The bit of a rule id.
     *
     * @param id the rule id
     * @return its bit, or -1
     */
    public int bit(String id) {
        return List.of(ids).indexOf(id);
    }

    /**
     * A decision of an implementation under benchmark, as masks.
     *
     * @param verdict the verdict
     * @param applied bit {@code i} set when rule {@code i} applied
     * @param cited bit {@code i} set when clause {@code i} of the catalogue is cited
     * @param assumed the assumption rules the decision keeps
     * @param contacts bit {@code c} set when {@code Contact.values()[c]} is asked
     * @param strict whether the decision is strict
     */
    public record Result(Verdict verdict, long applied, long cited, long assumed, int contacts, boolean strict) {
    }

    /**
     * Combines the rules that applied as the engine's {@code DecisionAssembler} does: DENY over
     * ESCALATE over a permit, no permit is DENY (with the manifest's clauses); assumptions kept when
     * their "otherwise" is stricter than the verdict (declarations too: none on a DENY); strict turns
     * an ALLOW with an assumption into ESCALATE, and a strict ESCALATE with assumptions asks their
     * contacts too; permits cited on an ALLOW only, obligations unless DENY, advice always; contacts
     * on an ESCALATE only.
     *
     * @param applied the applied-rule mask
     * @param strict whether the decision is strict
     * @return the result
     */
    public Result combine(long applied, boolean strict) {
        boolean noPermit = false;
        Verdict verdict;
        if ((applied & deny) != 0) {
            verdict = Verdict.DENY;
        } else if ((applied & escalate) != 0) {
            verdict = Verdict.ESCALATE;
        } else if ((applied & allow) != 0) {
            verdict = Verdict.ALLOW;
        } else {
            verdict = Verdict.DENY;
            noPermit = true;
        }
        long assumed = applied & stricterThan[verdict.ordinal()];
        if (strict && verdict == Verdict.ALLOW && assumed != 0) {
            verdict = Verdict.ESCALATE;
        }
        boolean strictEscalate = strict && verdict == Verdict.ESCALATE && assumed != 0;
        long citing = applied & (deny | escalate | advice) | assumed;
        if (verdict == Verdict.ALLOW) {
            citing |= applied & allow;
        }
        if (verdict != Verdict.DENY) {
            citing |= applied & obligation;
        }
        long cited = noPermit ? noPermitCites : 0;
        int asked = 0;
        for (long rest = citing; rest != 0; rest &= rest - 1) {
            cited |= cites[Long.numberOfTrailingZeros(rest)];
        }
        if (verdict == Verdict.ESCALATE) {
            for (long rest = applied & escalate; rest != 0; rest &= rest - 1) {
                asked |= contacts[Long.numberOfTrailingZeros(rest)];
            }
            if (strictEscalate) {
                for (long rest = assumed; rest != 0; rest &= rest - 1) {
                    asked |= assumptionContacts[Long.numberOfTrailingZeros(rest)];
                }
            }
        }
        return new Result(verdict, applied, cited, assumed, asked, strict);
    }

    /**
     * A result as lists of ids, in the engine's orders.
     *
     * @param result the result
     * @return the outcome
     */
    public Outcome outcome(Result result) {
        return new Outcome(result.verdict(), rules(result.applied()), clauses(result.cited()), rules(result.assumed()),
                contacts(result.contacts()), result.strict());
    }

    private List<String> rules(long mask) {
        List<String> list = new ArrayList<>();
        for (int i : engineOrder) {
            if ((mask & 1L << i) != 0) {
                list.add(ids[i]);
            }
        }
        return List.copyOf(list);
    }

    private List<String> clauses(long mask) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < catalogue.length; i++) {
            if ((mask & 1L << i) != 0) {
                list.add(catalogue[i]);
            }
        }
        return List.copyOf(list);
    }

    private static List<Contact> contacts(int mask) {
        List<Contact> list = new ArrayList<>();
        for (Contact contact : Contact.values()) {
            if ((mask & 1 << contact.ordinal()) != 0) {
                list.add(contact);
            }
        }
        return List.copyOf(list);
    }
}
