package fr.inserm.aipolicy.report;

import fr.inserm.aipolicy.decision.Contact;
import java.util.Objects;

/**
 * Whom to ask, named for a person in the decision's language.
 *
 * @param contact the contact
 * @param name who the contact is, for example {@code Délégué à la protection des données (DPO)}
 */
public record ContactDetails(Contact contact, String name) {

    /** Checks that both fields are present. */
    public ContactDetails {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(name, "name");
    }
}
