package fr.inserm.aipolicy.facts;

import java.util.Objects;

/**
 * The fact a rule inserts when it applies. Rules never change the usage; they only add findings,
 * and the engine turns the findings into a decision from each rule's metadata
 * ({@code @id}, {@code @effect}, {@code @clauses}, {@code @escalateTo}, {@code @item}).
 *
 * <p>For rule authors only: every rule ends with
 * {@code insert(new Finding(drools.getRule().getName()));}.
 *
 * @param rule the full name of the rule that applied
 */
public record Finding(String rule) {

    /**
     * Checks the rule name.
     *
     * @throws NullPointerException when the name is null
     */
    public Finding {
        Objects.requireNonNull(rule, "rule");
    }
}
