package fr.inserm.aipolicy.decision;

/** Whom to ask when a decision escalates (the policy (docs/policy.md)). */
public enum Contact {
    /** The Data Protection Officer. */
    DPO("Data Protection Officer (DPO)"),
    /** The Chief Data Officer. */
    CDO("Chief Data Officer (CDO)"),
    /** The Inserm AI &amp; Digital Unit (pole.ia@inserm.fr). */
    AI_UNIT("Inserm AI & Digital Unit (pole.ia@inserm.fr)"),
    /** The training department of the regional delegation, or the Inserm National Training Unit. */
    TRAINING_UNIT("training department of your regional delegation, or the Inserm National Training Unit");

    private final String description;

    Contact(String description) {
        this.description = description;
    }

    /**
     * Describes this contact for a person.
     *
     * @return who the contact is, in English
     */
    public String description() {
        return description;
    }
}
