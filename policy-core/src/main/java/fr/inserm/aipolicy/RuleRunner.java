package fr.inserm.aipolicy;

import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.facts.Finding;
import fr.inserm.aipolicy.facts.UsageFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.ObjectFilter;

/**
 * Runs the rules on a usage's facts and assembles the decision of the rules that applied. The rules
 * are one immutable {@link KieBase}; each call takes a session from a pool, inserts the facts, fires,
 * reads the findings back and gives the session back.
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
    private final KieSessionsPool sessions;
    /** Each rule's position in the rule book, by rule name: a bit of an applied-rules mask. */
    private final Map<String, Integer> positionByName = new HashMap<>();
    /** Decisions by the set of rules that applied, or null when the rule book has more than 63 rules. */
    private final DecisionCache assembled;

    RuleRunner(KieBase kieBase, RuleBook ruleBook, DecisionAssembler assembler) {
        this.ruleBook = ruleBook;
        this.assembler = assembler;
        this.sessions = kieBase.newKieSessionsPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
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
}
