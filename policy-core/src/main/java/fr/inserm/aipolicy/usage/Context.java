package fr.inserm.aipolicy.usage;

import java.util.Objects;

/**
 * What the user states about the circumstances of the use (the policy (docs/policy.md), {@code context}).
 *
 * <p>Every field is optional: {@code null} means "not stated", which is not the same as
 * {@code false}. {@link ContextField} lists the fields once, for every reader, writer and
 * generator; its test checks that it matches these components.
 *
 * @param userTrained the user has been trained on AI systems (R1, INSERM-2)
 * @param subscription who pays for a platform subscription (R5)
 * @param subscriptionAuthorised this Inserm-funded subscription to a sovereign platform has been exceptionally authorised (R5.2)
 * @param codeTarget what generated code is for (R4.3); stating it means code is generated
 * @param expertReview an expert will systematically review generated code (R4.2); stating it means code is generated
 * @param dpiaCompleted a data protection impact assessment was carried out with the DPO (R4.4)
 * @param subcontractingAgreement a subcontracting agreement is signed with the provider (R4.4)
 * @param trainingDataLawful the lawfulness of the training data has been checked (R7.1)
 * @param webScraping data are collected by web scraping (R7.2)
 * @param scrapingTermsRespected the scraped sites' terms and conditions are respected (R7.2)
 * @param apiAvailable the data could be obtained through an API instead of scraping (R7.2)
 * @param automatedDecisionOnPeople the output decides about individuals (CNIL-2, E6)
 * @param forPublication the result goes into a scientific publication (E1.2)
 * @param deployedForOthers the user deploys or runs the system for other people (CNIL-1 to CNIL-6)
 */
public record Context(
        Boolean userTrained,
        Subscription subscription,
        Boolean subscriptionAuthorised,
        CodeTarget codeTarget,
        Boolean expertReview,
        Boolean dpiaCompleted,
        Boolean subcontractingAgreement,
        Boolean trainingDataLawful,
        Boolean webScraping,
        Boolean scrapingTermsRespected,
        Boolean apiAvailable,
        Boolean automatedDecisionOnPeople,
        Boolean forPublication,
        Boolean deployedForOthers) {

    /** A context in which nothing is stated. */
    public static final Context NOT_STATED = builder().build();

    /**
     * Starts a context in which nothing is stated yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder for this context, starting from its values.
     *
     * @return a new builder holding this context's values
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        for (ContextField field : ContextField.all()) {
            builder.set(field, field.valueIn(this));
        }
        return builder;
    }

    /**
     * The value this context states for a field.
     *
     * @param field the field
     * @return the value, or {@code null} when not stated
     */
    public Object get(ContextField field) {
        return field.valueIn(this);
    }

    /**
     * This context with one field stated otherwise.
     *
     * @param field the field
     * @param value its value, or {@code null} for not stated
     * @return a new context
     */
    public Context with(ContextField field, Object value) {
        return toBuilder().set(field, value).build();
    }

    /** Builds a {@link Context}; every setter accepts {@code null} for "not stated". */
    public static final class Builder {
        private final Object[] values = new Object[ContextField.all().size()];

        private Builder() {
        }

        /**
         * States (or, with {@code null}, un-states) one field.
         *
         * @param field the field
         * @param value a value of the field's type, or {@code null}
         * @return this builder
         * @throws InvalidUsageException naming the field when the value is not of its type
         */
        public Builder set(ContextField field, Object value) {
            Objects.requireNonNull(field, "field");
            if (value != null && !field.type().isInstance(value)) {
                throw new InvalidUsageException(field.path(), Wording.of("oneOfAccepted"),
                        field.acceptedTexts());
            }
            values[field.ordinal()] = value;
            return this;
        }

        private Object get(ContextField field) {
            return values[field.ordinal()];
        }

        /** @param value see {@link Context#userTrained()}, or {@code null} for not stated @return this builder */
        public Builder userTrained(Boolean value) {
            return set(ContextField.USER_TRAINED, value);
        }

        /** @param value see {@link Context#subscription()}, or {@code null} for not stated @return this builder */
        public Builder subscription(Subscription value) {
            return set(ContextField.SUBSCRIPTION, value);
        }

        /** @param value see {@link Context#subscriptionAuthorised()}, or {@code null} for not stated @return this builder */
        public Builder subscriptionAuthorised(Boolean value) {
            return set(ContextField.SUBSCRIPTION_AUTHORISED, value);
        }

        /** @param value see {@link Context#codeTarget()}, or {@code null} for not stated @return this builder */
        public Builder codeTarget(CodeTarget value) {
            return set(ContextField.CODE_TARGET, value);
        }

        /** @param value see {@link Context#expertReview()}, or {@code null} for not stated @return this builder */
        public Builder expertReview(Boolean value) {
            return set(ContextField.EXPERT_REVIEW, value);
        }

        /** @param value see {@link Context#dpiaCompleted()}, or {@code null} for not stated @return this builder */
        public Builder dpiaCompleted(Boolean value) {
            return set(ContextField.DPIA_COMPLETED, value);
        }

        /** @param value see {@link Context#subcontractingAgreement()}, or {@code null} for not stated @return this builder */
        public Builder subcontractingAgreement(Boolean value) {
            return set(ContextField.SUBCONTRACTING_AGREEMENT, value);
        }

        /** @param value see {@link Context#trainingDataLawful()}, or {@code null} for not stated @return this builder */
        public Builder trainingDataLawful(Boolean value) {
            return set(ContextField.TRAINING_DATA_LAWFUL, value);
        }

        /** @param value see {@link Context#webScraping()}, or {@code null} for not stated @return this builder */
        public Builder webScraping(Boolean value) {
            return set(ContextField.WEB_SCRAPING, value);
        }

        /** @param value see {@link Context#scrapingTermsRespected()}, or {@code null} for not stated @return this builder */
        public Builder scrapingTermsRespected(Boolean value) {
            return set(ContextField.SCRAPING_TERMS_RESPECTED, value);
        }

        /** @param value see {@link Context#apiAvailable()}, or {@code null} for not stated @return this builder */
        public Builder apiAvailable(Boolean value) {
            return set(ContextField.API_AVAILABLE, value);
        }

        /** @param value see {@link Context#automatedDecisionOnPeople()}, or {@code null} for not stated @return this builder */
        public Builder automatedDecisionOnPeople(Boolean value) {
            return set(ContextField.AUTOMATED_DECISION_ON_PEOPLE, value);
        }

        /** @param value see {@link Context#forPublication()}, or {@code null} for not stated @return this builder */
        public Builder forPublication(Boolean value) {
            return set(ContextField.FOR_PUBLICATION, value);
        }

        /** @param value see {@link Context#deployedForOthers()}, or {@code null} for not stated @return this builder */
        public Builder deployedForOthers(Boolean value) {
            return set(ContextField.DEPLOYED_FOR_OTHERS, value);
        }

        /**
         * Builds the context.
         *
         * @return the context
         */
        public Context build() {
            return new Context(
                    (Boolean) get(ContextField.USER_TRAINED),
                    (Subscription) get(ContextField.SUBSCRIPTION),
                    (Boolean) get(ContextField.SUBSCRIPTION_AUTHORISED),
                    (CodeTarget) get(ContextField.CODE_TARGET),
                    (Boolean) get(ContextField.EXPERT_REVIEW),
                    (Boolean) get(ContextField.DPIA_COMPLETED),
                    (Boolean) get(ContextField.SUBCONTRACTING_AGREEMENT),
                    (Boolean) get(ContextField.TRAINING_DATA_LAWFUL),
                    (Boolean) get(ContextField.WEB_SCRAPING),
                    (Boolean) get(ContextField.SCRAPING_TERMS_RESPECTED),
                    (Boolean) get(ContextField.API_AVAILABLE),
                    (Boolean) get(ContextField.AUTOMATED_DECISION_ON_PEOPLE),
                    (Boolean) get(ContextField.FOR_PUBLICATION),
                    (Boolean) get(ContextField.DEPLOYED_FOR_OTHERS));
        }
    }
}
