package fr.inserm.aipolicy.bench;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import fr.inserm.aipolicy.Context;
import fr.inserm.aipolicy.DataCategory;
import fr.inserm.aipolicy.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The same rule table in Cedar (cedar-java, native library through JNI): one {@code permit} policy
 * per rule, whose id is the rule id, so the policies Cedar reports as determining the decision are
 * exactly the rules that applied; the verdict and citations then combine as in the engine
 * ({@link ReferencePolicy#combine(int)}). The usage goes in the request's context; a field not
 * stated is left out of the context, and the policies test it with {@code has}.
 */
public final class CedarPolicy {
    private static final String EXTERNAL = "(context.hosting == \"EXTERNAL\" || context.hosting == \"EXTERNAL_SOVEREIGN\")";
    private static final String SENSITIVE = "context.categories.containsAny(" + Stream.of(DataCategory.values())
            .filter(DataCategory::isSensitive).map(c -> "\"" + c + "\"").collect(Collectors.joining(", ", "[", "]"))
            + ")";

    /** The condition of each rule, in Cedar. */
    static final Map<String, String> CONDITIONS = Map.ofEntries(
            Map.entry("D1", EXTERNAL + " && " + SENSITIVE),
            Map.entry("D1b", "context.hosting == \"EXTERNAL_SOVEREIGN\" && " + SENSITIVE
                    + " && context has subscription && (context.subscription == \"PERSONAL\" || context.subscription == \"INSERM_FUNDED\")"),
            Map.entry("D2", "context.purpose == \"CODE_GENERATION\" && " + EXTERNAL
                    + " && context has codeTarget && context.codeTarget != \"GENERAL\""),
            Map.entry("D3", "context.hosting == \"EXTERNAL\" && context has subscription && context.subscription == \"INSERM_FUNDED\""),
            Map.entry("D4", "context.purpose == \"CODE_GENERATION\" && " + EXTERNAL
                    + " && context has expertReview && context.expertReview == false"),
            Map.entry("D5", "context has webScraping && context.webScraping && context has scrapingTermsRespected"
                    + " && context.scrapingTermsRespected == false"),
            Map.entry("S1", EXTERNAL + " && context.categories.contains(\"UNKNOWN\")"),
            Map.entry("S2", "context.purpose == \"AUTOMATED_PROCESSING\" && " + EXTERNAL
                    + " && !(context has dpiaCompleted && context.dpiaCompleted && context has subcontractingAgreement"
                    + " && context.subcontractingAgreement)"),
            Map.entry("S3", "context.hosting == \"EXTERNAL_SOVEREIGN\" && context has subscription"
                    + " && context.subscription == \"INSERM_FUNDED\""),
            Map.entry("S4", "context has userTrained && context.userTrained == false"),
            Map.entry("S5", "context.purpose == \"MODEL_TRAINING\" && !(context has trainingDataLawful && context.trainingDataLawful)"),
            Map.entry("S6", "context has automatedDecisionOnPeople && context.automatedDecisionOnPeople"),
            Map.entry("S7", "context has webScraping && context.webScraping && !(context has scrapingTermsRespected)"),
            Map.entry("P1", EXTERNAL + " && !" + SENSITIVE),
            Map.entry("P2", "!" + EXTERNAL),
            Map.entry("O1", "context.purpose == \"CODE_GENERATION\" && " + EXTERNAL),
            Map.entry("O2", "context.generative"),
            Map.entry("O3", "context has forPublication && context.forPublication"),
            Map.entry("O4", "context.purpose == \"HR_ADMINISTRATION\""),
            Map.entry("O5", "context.purpose == \"MODEL_TRAINING\""),
            Map.entry("O6", "context.purpose == \"MODEL_TRAINING\""),
            Map.entry("O7", "context.purpose == \"SYNTHETIC_DATA_GENERATION\""),
            Map.entry("A1", "context has parametersBillions && context.parametersBillions.greaterThan(decimal(\"10.0\"))"),
            Map.entry("A2", "context.purpose == \"DATA_ANALYSIS\" && context.generative"),
            Map.entry("A3", "context has webScraping && context.webScraping && context has apiAvailable && context.apiAvailable"),
            Map.entry("A4", EXTERNAL),
            Map.entry("A5", "context.purpose == \"MODEL_TRAINING\" && context.categories.containsAny("
                    + "[\"IDENTIFIABLE_HEALTH_DATA\", \"PSEUDONYMISED_DATA\"])"));

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < ReferencePolicy.RULES.length; i++) {
            INDEX.put(ReferencePolicy.RULES[i], i);
        }
    }

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final PolicySet policies;
    private final EntityUID principal;
    private final EntityUID action;
    private final EntityUID resource;
    private final Entities entities = new Entities(Set.of());

    /**
     * Parses the policies and caches the policy set on the native side.
     *
     * @throws IllegalStateException when Cedar refuses the policies
     */
    public CedarPolicy() {
        Set<Policy> set = new LinkedHashSet<>();
        for (String rule : ReferencePolicy.RULES) {
            set.add(new Policy("permit(principal, action, resource) when { " + CONDITIONS.get(rule) + " };", rule));
        }
        try {
            policies = new PolicySet(set);
            policies.cache();
        } catch (Exception e) {
            throw new IllegalStateException("Cedar refused the policies: " + e, e);
        }
        principal = new EntityUID(EntityTypeName.parse("User").orElseThrow(), "user");
        action = new EntityUID(EntityTypeName.parse("Action").orElseThrow(), "decide");
        resource = new EntityUID(EntityTypeName.parse("Usage").orElseThrow(), "usage");
    }

    /**
     * Decides a usage with Cedar.
     *
     * @param usage the usage
     * @return the result, combined from the policies Cedar found determining
     * @throws IllegalStateException when Cedar fails
     */
    public ReferencePolicy.Result decide(Usage usage) {
        AuthorizationResponse response;
        try {
            response = engine.isAuthorized(new AuthorizationRequest(principal, action, resource, context(usage)),
                    policies, entities);
        } catch (Exception e) {
            throw new IllegalStateException("Cedar failed: " + e, e);
        }
        if (response.success.isEmpty()) {
            throw new IllegalStateException("Cedar failed: " + response);
        }
        int applied = 0;
        for (String id : response.success.get().getReason()) {
            applied |= 1 << INDEX.get(id);
        }
        return ReferencePolicy.combine(applied);
    }

    /** The usage as a Cedar request context. */
    static Map<String, Value> context(Usage usage) {
        Map<String, Value> map = new HashMap<>();
        map.put("hosting", new PrimString(usage.hosting().name()));
        map.put("purpose", new PrimString(usage.purpose().name()));
        List<Value> categories = new ArrayList<>(usage.dataCategories().size());
        for (DataCategory category : usage.dataCategories()) {
            categories.add(new PrimString(category.name()));
        }
        map.put("categories", new CedarList(categories));
        map.put("generative", new PrimBool(usage.tool().generative()));
        Double size = usage.tool().parametersBillions();
        if (size != null) {
            // Cedar decimals carry four digits after the point: the workloads' sizes are exact in four
            map.put("parametersBillions", new Decimal(BigDecimal.valueOf(size).setScale(4, RoundingMode.HALF_EVEN)
                    .toPlainString()));
        }
        Context c = usage.context();
        put(map, "userTrained", c.userTrained());
        if (c.subscription() != null) {
            map.put("subscription", new PrimString(c.subscription().name()));
        }
        if (c.codeTarget() != null) {
            map.put("codeTarget", new PrimString(c.codeTarget().name()));
        }
        put(map, "expertReview", c.expertReview());
        put(map, "dpiaCompleted", c.dpiaCompleted());
        put(map, "subcontractingAgreement", c.subcontractingAgreement());
        put(map, "trainingDataLawful", c.trainingDataLawful());
        put(map, "webScraping", c.webScraping());
        put(map, "scrapingTermsRespected", c.scrapingTermsRespected());
        put(map, "apiAvailable", c.apiAvailable());
        put(map, "automatedDecisionOnPeople", c.automatedDecisionOnPeople());
        put(map, "forPublication", c.forPublication());
        return map;
    }

    private static void put(Map<String, Value> map, String key, Boolean value) {
        if (value != null) {
            map.put(key, new PrimBool(value));
        }
    }
}
