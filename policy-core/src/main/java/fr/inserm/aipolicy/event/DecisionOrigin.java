package fr.inserm.aipolicy.event;

import java.util.Objects;

/**
 * Who asks for one decision and through what, and the id that decision will carry: made before the
 * decision so that the caller can show the id (the page, the JSON answer) whether or not anything
 * records it.
 *
 * @param decisionId the id the decision will carry ({@link DecisionId})
 * @param channel through what the decision is asked
 * @param requester who asks, as the caller identifies them (a single sign-on user name), or null
 *     when the caller does not say
 */
public record DecisionOrigin(String decisionId, Channel channel, String requester) {

    /** Checks the id and channel. */
    public DecisionOrigin {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(channel, "channel");
    }

    /**
     * An origin with a new id.
     *
     * @param channel through what the decision is asked
     * @param requester who asks, or null
     * @return the origin
     */
    public static DecisionOrigin of(Channel channel, String requester) {
        return new DecisionOrigin(DecisionId.next(), channel, requester);
    }
}
