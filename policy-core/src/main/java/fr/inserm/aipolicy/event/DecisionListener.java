package fr.inserm.aipolicy.event;

/**
 * Told of every decision an engine makes ({@code PolicyEngine.builder().listener(...)}). Called on the
 * thread of {@link DecisionEvents}, never on the caller's: a listener that is slow, blocks or throws
 * neither changes nor delays a decision.
 */
@FunctionalInterface
public interface DecisionListener {

    /**
     * Called once per decision, in the order the decisions were handed over.
     *
     * @param event the decision and what surrounds it
     */
    void decided(DecisionEvent event);
}
