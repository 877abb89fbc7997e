package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.facts.Finding;
import fr.inserm.aipolicy.facts.UsageFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.ObjectFilter;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Runs the rules on a usage's facts and assembles the decision of the rules that applied. The rules
 * are one immutable {@link KieBase}. When they record their findings in the global list
 * ({@link FindingsGlobal}), a session is never reset: each call takes an idle one, inserts the facts,
 * fires, reads the list, deletes the facts and puts the session back, as it found it (a session that
 * failed is dropped). Otherwise each call takes a fresh session from Drools' pool and reads the
 * {@code Finding} facts back.
 *
 * <p>A decision depends only on the set of rules that applied, so decisions are also kept by that set
 * (when the rule book has at most 63 rules): many usages share a few hundred such sets, and a usage
 * decided by the rules for the first time is then rarely assembled anew.
 */
final class RuleRunner implements FactsDecider {
    /** A policy whose rules fire more often than this for one usage is looping: fail rather than hang. */
    private static final int MAX_FIRINGS = 10_000;
    private static final ObjectFilter FINDINGS = object -> object instanceof Finding;

    private final RuleBook ruleBook;
    private final DecisionAssembler assembler;
    /** Drools' pool, for rules that insert {@code Finding} facts; null when they record in the global list. */
    private final KieSessionsPool sessions;
    /** Idle sessions that record in the global list: never reset, one caller at a time each. */
    private final AtomicReferenceArray<Recording> idle;
    /** Where a new recording session comes from, when none is idle; null unless recording. */
    private final KieBase kieBase;
    private final KieSessionConfiguration oneCallerAtATime;
    /** Each rule's position in the rule book, by rule name: a bit of an applied-rules mask. */
    private final Map<String, Integer> positionByName = new HashMap<>();
    /** Decisions by the set of rules that applied, or null when the rule book has more than 63 rules. */
    private final DecisionCache assembled;

    RuleRunner(KieBase kieBase, RuleBook ruleBook, DecisionAssembler assembler) {
        this.ruleBook = ruleBook;
        this.assembler = assembler;
        boolean recording = recordsInGlobal(kieBase);
        int cores = Runtime.getRuntime().availableProcessors();
        this.sessions = recording ? null : kieBase.newKieSessionsPool(Math.max(2, cores));
        this.idle = recording ? new AtomicReferenceArray<>(Math.max(2, 2 * cores)) : null;
        this.kieBase = recording ? kieBase : null;
        this.oneCallerAtATime = recording ? KieServices.Factory.get().newKieSessionConfiguration() : null;
        if (recording) {
            // a session is used by one call at a time (taken from the idle array, put back after)
            oneCallerAtATime.setOption(ThreadSafeOption.NO);
        }
        List<PolicyRule> all = ruleBook.rules();
        for (int i = 0; i < all.size(); i++) {
            positionByName.put(all.get(i).name(), i);
        }
        // one bit per rule and one for strictness
        this.assembled = all.size() <= 63 ? new DecisionCache(CachingDecider.CAPACITY) : null;
    }

    @Override
    public Decision decide(UsageFacts facts, boolean strict) {
        return assembled(fire(facts), strict);
    }

    /** Decides the facts and assembles the decision anew, whatever was assembled before (for tests). */
    Decision decideAfresh(UsageFacts facts, boolean strict) {
        return assembler.assemble(fire(facts), strict);
    }

    /** Whether the rules record their findings in the global list (sessions never reset). */
    boolean recordsInGlobalList() {
        return idle != null;
    }

    /** Runs the rules on the facts: the rules that applied. */
    private List<PolicyRule> fire(UsageFacts facts) {
        return idle != null ? fireRecording(facts) : fireWithFindingFacts(facts);
    }

    /** A session whose rules record into its own findings list. */
    private static final class Recording {
        final KieSession session;
        final List<String> findings = new ArrayList<>(16);

        Recording(KieBase kieBase, KieSessionConfiguration configuration) {
            session = kieBase.newKieSession(configuration, null);
            session.setGlobal(FindingsGlobal.NAME, findings);
        }
    }

    private List<PolicyRule> fireRecording(UsageFacts facts) {
        Recording recording = take();
        boolean clean = false;
        try {
            FactHandle handle = recording.session.insert(facts);
            fireAll(recording.session);
            List<PolicyRule> applied = new ArrayList<>(recording.findings.size());
            for (String name : recording.findings) {
                applied.add(ruleBook.byName(name));
            }
            recording.session.delete(handle);
            clean = true;
            return applied;
        } catch (PolicyEvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyEvaluationException("the rules failed while deciding: " + e, e);
        } finally {
            recording.findings.clear();
            if (clean) {
                giveBack(recording);
            } else {
                recording.session.dispose(); // a session that failed may hold state: drop it
            }
        }
    }

    private Recording take() {
        for (int i = 0; i < idle.length(); i++) {
            if (idle.get(i) != null) {
                Recording recording = idle.getAndSet(i, null);
                if (recording != null) {
                    return recording;
                }
            }
        }
        return new Recording(kieBase, oneCallerAtATime);
    }

    private void giveBack(Recording recording) {
        for (int i = 0; i < idle.length(); i++) {
            if (idle.get(i) == null && idle.compareAndSet(i, null, recording)) {
                return;
            }
        }
        recording.session.dispose(); // more sessions than slots were in use at once
    }

    private List<PolicyRule> fireWithFindingFacts(UsageFacts facts) {
        List<PolicyRule> applied = new ArrayList<>();
        KieSession session = sessions.newKieSession();
        try {
            session.insert(facts);
            fireAll(session);
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

    /** Fires the rules on what the session holds; a policy whose rules keep firing is looping: fail, not hang. */
    private static void fireAll(KieSession session) {
        int fired = session.fireAllRules(MAX_FIRINGS);
        if (fired >= MAX_FIRINGS) {
            throw new PolicyEvaluationException("the rules fired " + fired + " times for one usage: a rule loops", null);
        }
    }

    /** Whether the compiled rules record their findings in the global list ({@link FindingsGlobal}). */
    private static boolean recordsInGlobal(KieBase kieBase) {
        boolean any = false;
        for (KiePackage pkg : kieBase.getKiePackages()) {
            if (pkg.getRules().isEmpty()) {
                continue;
            }
            boolean declares = false;
            for (Global global : pkg.getGlobalVariables()) {
                declares |= global.getName().equals(FindingsGlobal.NAME);
            }
            if (!declares) {
                return false;
            }
            any = true;
        }
        return any;
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
            // the mask's bits in order are the applied rules, distinct and in rule-book order
            List<PolicyRule> all = ruleBook.rules();
            List<PolicyRule> ordered = new ArrayList<>(Long.bitCount(mask));
            for (long bits = mask; bits != 0; bits &= bits - 1) {
                ordered.add(all.get(Long.numberOfTrailingZeros(bits)));
            }
            decision = assembler.assembleOrdered(ordered, strict);
            assembled.put(key, decision);
        }
        return decision;
    }
}
