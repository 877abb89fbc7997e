/**
 * What happens to a decision once made: an event per decision ({@link fr.inserm.aipolicy.event.DecisionEvent}),
 * delivered to listeners on a thread of their own ({@link fr.inserm.aipolicy.event.DecisionEvents}), and
 * the decision log that records them as JSON Lines through SLF4J ({@link fr.inserm.aipolicy.event.DecisionLog}).
 */
package fr.inserm.aipolicy.event;
