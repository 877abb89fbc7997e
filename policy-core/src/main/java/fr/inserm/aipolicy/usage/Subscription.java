package fr.inserm.aipolicy.usage;

/** Who pays for the platform subscription, if any (recommendation 5). */
public enum Subscription {
    /** No paid subscription. */
    NONE,
    /** A subscription the user pays personally. */
    PERSONAL,
    /** A subscription funded by Inserm. */
    INSERM_FUNDED
}
