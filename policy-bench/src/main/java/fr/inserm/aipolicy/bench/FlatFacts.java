package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.usage.CodeTarget;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Subscription;
import fr.inserm.aipolicy.facts.UsageFacts;
import java.util.Set;

/**
 * A flatter rule fact, for the {@code flat} lever of {@link LeverEngine}: the same accessors as
 * {@link UsageFacts}, but every derived boolean computed once when the fact is made, and the
 * context's fields at the top level ({@code webScraping} instead of {@code context.webScraping}).
 * The rules are rewritten on it by {@link #rewrite(String)}.
 */
public final class FlatFacts {
    private final Hosting hosting;
    private final boolean external;
    private final Purpose purpose;
    private final Set<DataCategory> dataCategories;
    private final boolean noData;
    private final boolean sensitiveData;
    private final boolean unknownData;
    private final boolean generative;
    private final boolean largeModel;
    private final boolean hostingConfirmed;
    private final boolean codeGenerated;
    private final boolean highlySensitiveCode;
    private final boolean insermFunded;
    private final Boolean userTrained;
    private final Subscription subscription;
    private final Boolean subscriptionAuthorised;
    private final CodeTarget codeTarget;
    private final Boolean expertReview;
    private final Boolean dpiaCompleted;
    private final Boolean subcontractingAgreement;
    private final Boolean trainingDataLawful;
    private final Boolean webScraping;
    private final Boolean scrapingTermsRespected;
    private final Boolean apiAvailable;
    private final Boolean automatedDecisionOnPeople;
    private final Boolean forPublication;
    private final Boolean deployedForOthers;

    private FlatFacts(UsageFacts f) {
        Context c = f.getContext();
        hosting = f.getHosting();
        external = f.isExternal();
        purpose = f.getPurpose();
        dataCategories = f.getDataCategories();
        noData = f.isNoData();
        sensitiveData = f.isSensitiveData();
        unknownData = f.isUnknownData();
        generative = f.isGenerative();
        largeModel = f.isLargeModel();
        hostingConfirmed = f.isHostingConfirmed();
        codeGenerated = f.isCodeGenerated();
        highlySensitiveCode = f.isHighlySensitiveCode();
        insermFunded = f.isInsermFunded();
        userTrained = c.userTrained();
        subscription = c.subscription();
        subscriptionAuthorised = c.subscriptionAuthorised();
        codeTarget = c.codeTarget();
        expertReview = c.expertReview();
        dpiaCompleted = c.dpiaCompleted();
        subcontractingAgreement = c.subcontractingAgreement();
        trainingDataLawful = c.trainingDataLawful();
        webScraping = c.webScraping();
        scrapingTermsRespected = c.scrapingTermsRespected();
        apiAvailable = c.apiAvailable();
        automatedDecisionOnPeople = c.automatedDecisionOnPeople();
        forPublication = c.forPublication();
        deployedForOthers = c.deployedForOthers();
    }

    /**
     * The flat fact of a usage's facts.
     *
     * @param facts the facts
     * @return the flat fact
     */
    public static FlatFacts of(UsageFacts facts) {
        return new FlatFacts(facts);
    }

    /**
     * A DRL file rewritten on this fact: {@code UsageFacts} becomes {@code FlatFacts}, and
     * {@code context.x} becomes {@code x}.
     *
     * @param drl the file's text
     * @return the rewritten text
     */
    static String rewrite(String drl) {
        String text = drl.replace("import fr.inserm.aipolicy.facts.UsageFacts;", "import " + FlatFacts.class.getName() + ";")
                .replaceAll("\\bUsageFacts\\(", "FlatFacts(")
                .replaceAll("\\bcontext\\.", "");
        if (text.contains("UsageFacts")) {
            throw new IllegalStateException("a UsageFacts left after the rewrite:\n" + text);
        }
        return text;
    }

    // CHECKSTYLE:OFF the accessors the rules see, named as UsageFacts' and Context's
    public Hosting getHosting() { return hosting; }
    public boolean isExternal() { return external; }
    public Purpose getPurpose() { return purpose; }
    public Set<DataCategory> getDataCategories() { return dataCategories; }
    public boolean isNoData() { return noData; }
    public boolean isSensitiveData() { return sensitiveData; }
    public boolean isUnknownData() { return unknownData; }
    public boolean isGenerative() { return generative; }
    public boolean isLargeModel() { return largeModel; }
    public boolean isHostingConfirmed() { return hostingConfirmed; }
    public boolean isCodeGenerated() { return codeGenerated; }
    public boolean isHighlySensitiveCode() { return highlySensitiveCode; }
    public boolean isInsermFunded() { return insermFunded; }
    public Boolean getUserTrained() { return userTrained; }
    public Subscription getSubscription() { return subscription; }
    public Boolean getSubscriptionAuthorised() { return subscriptionAuthorised; }
    public CodeTarget getCodeTarget() { return codeTarget; }
    public Boolean getExpertReview() { return expertReview; }
    public Boolean getDpiaCompleted() { return dpiaCompleted; }
    public Boolean getSubcontractingAgreement() { return subcontractingAgreement; }
    public Boolean getTrainingDataLawful() { return trainingDataLawful; }
    public Boolean getWebScraping() { return webScraping; }
    public Boolean getScrapingTermsRespected() { return scrapingTermsRespected; }
    public Boolean getApiAvailable() { return apiAvailable; }
    public Boolean getAutomatedDecisionOnPeople() { return automatedDecisionOnPeople; }
    public Boolean getForPublication() { return forPublication; }
    public Boolean getDeployedForOthers() { return deployedForOthers; }
    // CHECKSTYLE:ON
}
