package fr.inserm.aipolicy;

/** What a rule adds to a decision when it applies. */
public enum RuleEffect {
    /** The use is not allowed. */
    DENY,
    /** Someone must be asked first. */
    ESCALATE,
    /** The clause that permits the use, cited on an ALLOW. */
    ALLOW,
    /** Something the user must do; dropped from a DENY. */
    OBLIGATION,
    /** Something the user should consider; never changes the verdict. */
    ADVICE,
    /** The decision took a fact for granted; the rule says which and what it would be otherwise. */
    ASSUMPTION
}
