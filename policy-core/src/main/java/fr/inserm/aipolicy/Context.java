package fr.inserm.aipolicy;

/**
 * What the user states about the circumstances of the use (POLICY.md §2, {@code context}).
 *
 * <p>Every field is optional: {@code null} means "not stated", which is not the same as
 * {@code false}. A rule that needs a fact to be true (a DPIA completed, training data checked)
 * treats "not stated" as not true.
 *
 * @param userTrained the user has been trained on AI systems (R1)
 * @param subscription who pays for a platform subscription (R5)
 * @param codeTarget what generated code is for (R4.3)
 * @param expertReview an expert will systematically review generated code (R4.2)
 * @param dpiaCompleted a data protection impact assessment was carried out with the DPO (R4.4)
 * @param subcontractingAgreement a subcontracting agreement is signed with the provider (R4.4)
 * @param trainingDataLawful the lawfulness of the training data has been checked (R7.1)
 * @param webScraping data are collected by web scraping (R7.2)
 * @param scrapingTermsRespected the scraped sites' terms and conditions are respected (R7.2)
 * @param apiAvailable the data could be obtained through an API instead of scraping (R7.2)
 * @param automatedDecisionOnPeople the output decides about individuals (CNIL-2, E6)
 * @param forPublication the result goes into a scientific publication (E1.2)
 */
public record Context(
        Boolean userTrained,
        Subscription subscription,
        CodeTarget codeTarget,
        Boolean expertReview,
        Boolean dpiaCompleted,
        Boolean subcontractingAgreement,
        Boolean trainingDataLawful,
        Boolean webScraping,
        Boolean scrapingTermsRespected,
        Boolean apiAvailable,
        Boolean automatedDecisionOnPeople,
        Boolean forPublication) {

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
        return new Builder()
                .userTrained(userTrained).subscription(subscription).codeTarget(codeTarget)
                .expertReview(expertReview).dpiaCompleted(dpiaCompleted)
                .subcontractingAgreement(subcontractingAgreement).trainingDataLawful(trainingDataLawful)
                .webScraping(webScraping).scrapingTermsRespected(scrapingTermsRespected)
                .apiAvailable(apiAvailable).automatedDecisionOnPeople(automatedDecisionOnPeople)
                .forPublication(forPublication);
    }

    /** Builds a {@link Context}; every setter accepts {@code null} for "not stated". */
    public static final class Builder {
        private Boolean userTrained;
        private Subscription subscription;
        private CodeTarget codeTarget;
        private Boolean expertReview;
        private Boolean dpiaCompleted;
        private Boolean subcontractingAgreement;
        private Boolean trainingDataLawful;
        private Boolean webScraping;
        private Boolean scrapingTermsRespected;
        private Boolean apiAvailable;
        private Boolean automatedDecisionOnPeople;
        private Boolean forPublication;

        private Builder() {
        }

        /** @param value see {@link Context#userTrained()} @return this builder */
        public Builder userTrained(Boolean value) {
            this.userTrained = value;
            return this;
        }

        /** @param value see {@link Context#subscription()} @return this builder */
        public Builder subscription(Subscription value) {
            this.subscription = value;
            return this;
        }

        /** @param value see {@link Context#codeTarget()} @return this builder */
        public Builder codeTarget(CodeTarget value) {
            this.codeTarget = value;
            return this;
        }

        /** @param value see {@link Context#expertReview()} @return this builder */
        public Builder expertReview(Boolean value) {
            this.expertReview = value;
            return this;
        }

        /** @param value see {@link Context#dpiaCompleted()} @return this builder */
        public Builder dpiaCompleted(Boolean value) {
            this.dpiaCompleted = value;
            return this;
        }

        /** @param value see {@link Context#subcontractingAgreement()} @return this builder */
        public Builder subcontractingAgreement(Boolean value) {
            this.subcontractingAgreement = value;
            return this;
        }

        /** @param value see {@link Context#trainingDataLawful()} @return this builder */
        public Builder trainingDataLawful(Boolean value) {
            this.trainingDataLawful = value;
            return this;
        }

        /** @param value see {@link Context#webScraping()} @return this builder */
        public Builder webScraping(Boolean value) {
            this.webScraping = value;
            return this;
        }

        /** @param value see {@link Context#scrapingTermsRespected()} @return this builder */
        public Builder scrapingTermsRespected(Boolean value) {
            this.scrapingTermsRespected = value;
            return this;
        }

        /** @param value see {@link Context#apiAvailable()} @return this builder */
        public Builder apiAvailable(Boolean value) {
            this.apiAvailable = value;
            return this;
        }

        /** @param value see {@link Context#automatedDecisionOnPeople()} @return this builder */
        public Builder automatedDecisionOnPeople(Boolean value) {
            this.automatedDecisionOnPeople = value;
            return this;
        }

        /** @param value see {@link Context#forPublication()} @return this builder */
        public Builder forPublication(Boolean value) {
            this.forPublication = value;
            return this;
        }

        /**
         * Builds the context.
         *
         * @return the context
         */
        public Context build() {
            return new Context(userTrained, subscription, codeTarget, expertReview, dpiaCompleted,
                    subcontractingAgreement, trainingDataLawful, webScraping, scrapingTermsRespected,
                    apiAvailable, automatedDecisionOnPeople, forPublication);
        }
    }
}
