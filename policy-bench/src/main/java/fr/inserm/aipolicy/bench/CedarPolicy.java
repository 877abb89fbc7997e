package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Usage;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The same rules in Cedar (cedar-java, native library through JNI): one {@code permit} policy per
 * rule, whose id is the rule id and whose condition is {@link Conditions#cedar} of the rule's
 * condition, so the policies Cedar reports as determining the decision are exactly the rules that
 * applied; the verdict, citations, assumptions and contacts then combine as in the engine
 * ({@link RuleTable#combine(long, boolean)}). The usage goes in the request's context; a field not
 * stated is left out of the context, and the policies test it with {@code has}.
 */
public final class CedarPolicy {
    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final RuleTable table;
    private final HostingConfirmation confirmation;
    private final Map<String, Integer> bitById = new HashMap<>();
    private final PolicySet policies;
    private final EntityUID principal;
    private final EntityUID action;
    private final EntityUID resource;
    private final Entities entities = new Entities(Set.of());

    /**
     * Writes one policy per rule of the reference's table, parses them and caches the policy set on the native side.
     *
     * @param reference the reference whose rule table and catalogue look-ups this peer shares
     * @throws IllegalStateException when Cedar refuses the policies
     */
    public CedarPolicy(ReferencePolicy reference) {
        table = reference.table();
        confirmation = reference.confirmation();
        Set<Policy> set = new LinkedHashSet<>();
        String[] ids = table.ids();
        for (int i = 0; i < ids.length; i++) {
            bitById.put(ids[i], i);
            Conditions.Cond cond = Conditions.RULES.get(ids[i]);
            if (cond == null) {
                throw new IllegalStateException("no Cedar condition for rule " + ids[i]);
            }
            set.add(new Policy("permit(principal, action, resource) when { " + Conditions.cedar(cond) + " };", ids[i]));
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
     * @param strict whether the decision is strict
     * @return the result, combined from the policies Cedar found determining
     * @throws IllegalStateException when Cedar fails
     */
    public RuleTable.Result decide(Usage usage, boolean strict) {
        return table.combine(applied(usage), strict);
    }

    /**
     * The rules Cedar finds applying to a usage.
     *
     * @param usage the usage
     * @return the applied-rule mask, in the table's bits
     */
    long applied(Usage usage) {
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
        long applied = 0;
        for (String id : response.success.get().getReason()) {
            applied |= 1L << bitById.get(id);
        }
        return applied;
    }

    /** The usage as a Cedar request context. */
    private Map<String, Value> context(Usage usage) {
        Map<String, Value> map = new HashMap<>();
        map.put("hosting", new PrimString(usage.hosting().name()));
        map.put("purpose", new PrimString(usage.purpose().name()));
        List<Value> categories = new ArrayList<>(usage.dataCategories().size());
        for (DataCategory category : usage.dataCategories()) {
            categories.add(new PrimString(category.name()));
        }
        map.put("categories", new CedarList(categories));
        map.put("generative", new PrimBool(usage.tool().generative()));
        map.put("hostingConfirmed", new PrimBool(confirmation.confirms(usage.tool().name(), usage.hosting())));
        Double size = usage.tool().parametersBillions();
        if (size != null) {
            // Cedar decimals carry four digits after the point: the workloads' sizes are exact in four
            map.put("parametersBillions", new Decimal(BigDecimal.valueOf(size).setScale(4, RoundingMode.HALF_EVEN)
                    .toPlainString()));
        }
        Context c = usage.context();
        for (ContextField field : ContextField.all()) {
            Object value = field.valueIn(c);
            if (value instanceof Boolean b) {
                map.put(field.jsonName(), new PrimBool(b));
            } else if (value instanceof Enum<?> e) {
                map.put(field.jsonName(), new PrimString(e.name()));
            }
        }
        return map;
    }
}
