package fr.inserm.aipolicy.bench;

import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Usage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oasis.names.tc.xacml._3_0.core.schema.wd_17.DecisionType;
import org.ow2.authzforce.core.pdp.api.AttributeFqn;
import org.ow2.authzforce.core.pdp.api.AttributeFqns;
import org.ow2.authzforce.core.pdp.api.DecisionRequestBuilder;
import org.ow2.authzforce.core.pdp.api.DecisionResult;
import org.ow2.authzforce.core.pdp.api.PepAction;
import org.ow2.authzforce.core.pdp.api.value.AttributeBag;
import org.ow2.authzforce.core.pdp.api.value.Bags;
import org.ow2.authzforce.core.pdp.api.value.BooleanValue;
import org.ow2.authzforce.core.pdp.api.value.DoubleValue;
import org.ow2.authzforce.core.pdp.api.value.StandardDatatypes;
import org.ow2.authzforce.core.pdp.api.value.StringValue;
import org.ow2.authzforce.core.pdp.impl.BasePdpEngine;
import org.ow2.authzforce.core.pdp.impl.PdpEngineConfiguration;

/**
 * The same rules in XACML 3.0, decided by AuthzForce CE (the second peer): one policy whose rules
 * are the 52 rules, each {@code Effect="Permit"} with the rule's condition ({@link Conditions}
 * written as XACML functions) and an advice whose id is the rule id. The rule-combining algorithm
 * is {@code permit-unless-deny}: with no Deny rule it evaluates every rule and returns the advice of
 * every rule that applied (AuthzForce keeps the PEP actions of all rules with the overridden effect),
 * so the advice ids are exactly the rules that applied; the verdict, citations, assumptions and
 * contacts then combine as in the engine ({@link RuleTable#combine(long, boolean)}). XACML itself
 * decides no verdict here: its combining algorithms have no "a permit is needed, deny overrides
 * escalate" of three outcomes, and the comparison is on the applied rules, as with Cedar.
 */
public final class XacmlPolicy {
    private static final String CATEGORY = "urn:oasis:names:tc:xacml:3.0:attribute-category:resource";
    private static final String FN = "urn:oasis:names:tc:xacml:1.0:function:";
    private static final String XS = "http://www.w3.org/2001/XMLSchema#";
    private static final AttributeBag<BooleanValue> TRUE = Bags.singletonAttributeBag(StandardDatatypes.BOOLEAN,
            BooleanValue.TRUE);
    private static final AttributeBag<BooleanValue> FALSE = Bags.singletonAttributeBag(StandardDatatypes.BOOLEAN,
            BooleanValue.FALSE);

    private final BasePdpEngine pdp;
    private final RuleTable table;
    private final HostingConfirmation confirmation;
    private final Map<String, Integer> bitById = new HashMap<>();
    private final Map<String, AttributeFqn> names = new HashMap<>();
    private final Map<String, AttributeBag<StringValue>> strings = new HashMap<>();
    private final AttributeFqn[] contextNames = new AttributeFqn[ContextField.all().size()];

    /**
     * Writes the policy and a PDP configuration to a temporary folder and loads them.
     *
     * @param reference the reference whose rule table and catalogue look-ups this peer shares
     * @throws IllegalStateException when AuthzForce refuses the policy
     */
    public XacmlPolicy(ReferencePolicy reference) {
        table = reference.table();
        confirmation = reference.confirmation();
        String[] ids = table.ids();
        StringBuilder policy = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Policy xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" PolicyId=\"aipolicy\" Version=\"2.1\""
                + " RuleCombiningAlgId=\"urn:oasis:names:tc:xacml:3.0:rule-combining-algorithm:permit-unless-deny\">\n"
                + "<Target/>\n");
        for (int i = 0; i < ids.length; i++) {
            bitById.put(ids[i], i);
            Conditions.Cond cond = Conditions.RULES.get(ids[i]);
            if (cond == null) {
                throw new IllegalStateException("no XACML condition for rule " + ids[i]);
            }
            policy.append("<Rule RuleId=\"").append(ids[i]).append("\" Effect=\"Permit\">\n");
            if (!(cond instanceof Conditions.And and && and.all().isEmpty())) {
                policy.append("<Condition>").append(xacml(cond)).append("</Condition>\n");
            }
            policy.append("<AdviceExpressions><AdviceExpression AdviceId=\"").append(ids[i])
                    .append("\" AppliesTo=\"Permit\"/></AdviceExpressions>\n</Rule>\n");
        }
        policy.append("</Policy>\n");
        try {
            Path folder = Files.createTempDirectory("aipolicy-xacml");
            Path policyFile = folder.resolve("policy.xml");
            Path pdpFile = folder.resolve("pdp.xml");
            Files.writeString(policyFile, policy, StandardCharsets.UTF_8);
            Files.writeString(pdpFile, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<pdp xmlns=\"http://authzforce.github.io/core/xmlns/pdp/8\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"8.1\">\n"
                    + "<policyProvider id=\"rules\" xsi:type=\"StaticPolicyProvider\"><policyLocation>"
                    + policyFile.toUri() + "</policyLocation></policyProvider>\n"
                    + "<rootPolicyRef>aipolicy</rootPolicyRef>\n</pdp>\n", StandardCharsets.UTF_8);
            pdp = new BasePdpEngine(PdpEngineConfiguration.getInstance(pdpFile.toString()));
            Files.delete(policyFile);
            Files.delete(pdpFile);
            Files.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AuthzForce refused the policy: " + e, e);
        }
        List<Enum<?>> constants = new ArrayList<>();
        for (Class<? extends Enum<?>> type : List.of(fr.inserm.aipolicy.usage.Hosting.class, fr.inserm.aipolicy.usage.Purpose.class,
                DataCategory.class, fr.inserm.aipolicy.usage.Subscription.class, fr.inserm.aipolicy.usage.CodeTarget.class)) {
            constants.addAll(List.of(type.getEnumConstants()));
        }
        for (Enum<?> constant : constants) {
            strings.put(constant.name(), Bags.singletonAttributeBag(StandardDatatypes.STRING,
                    new StringValue(constant.name())));
        }
        for (String name : List.of("hosting", "purpose", "categories", "generative", "hostingConfirmed",
                "parametersBillions")) {
            names.put(name, AttributeFqns.newInstance(CATEGORY, Optional.empty(), name));
        }
        for (ContextField field : ContextField.all()) {
            contextNames[field.ordinal()] = AttributeFqns.newInstance(CATEGORY, Optional.empty(), field.jsonName());
        }
    }

    /**
     * A condition as an XACML expression (an absent attribute is an empty bag: every test on it is false).
     *
     * @param cond a condition
     * @return the XACML expression
     */
    static String xacml(Conditions.Cond cond) {
        if (cond instanceof Conditions.Eq e) {
            return apply("string-is-in", value("string", e.value()) + designator(e.attribute(), "string"));
        } else if (cond instanceof Conditions.IsTrue t) {
            return apply("boolean-is-in", value("boolean", "true") + designator(t.attribute(), "boolean"));
        } else if (cond instanceof Conditions.IsFalse f) {
            return apply("boolean-is-in", value("boolean", "false") + designator(f.attribute(), "boolean"));
        } else if (cond instanceof Conditions.Stated s) {
            String type = ContextField.byJsonName(s.attribute()).type() == Boolean.class ? "boolean" : "string";
            return apply("not", apply("integer-equal", value("integer", "0")
                    + apply(type + "-bag-size", designator(s.attribute(), type))));
        } else if (cond instanceof Conditions.Has h) {
            return apply("string-is-in", value("string", h.category()) + designator("categories", "string"));
        } else if (cond instanceof Conditions.Above a) {
            return "<Apply FunctionId=\"urn:oasis:names:tc:xacml:3.0:function:any-of\"><Function FunctionId=\"" + FN
                    + "double-less-than\"/>" + value("double", String.valueOf(a.bound()))
                    + designator(a.attribute(), "double") + "</Apply>";
        } else if (cond instanceof Conditions.And a) {
            return a.all().size() == 1 ? xacml(a.all().get(0)) : apply("and", all(a.all()));
        } else if (cond instanceof Conditions.Or o) {
            return o.any().size() == 1 ? xacml(o.any().get(0)) : apply("or", all(o.any()));
        }
        return apply("not", xacml(((Conditions.Not) cond).cond()));
    }

    private static String all(List<Conditions.Cond> conds) {
        StringBuilder out = new StringBuilder();
        conds.forEach(c -> out.append(xacml(c)));
        return out.toString();
    }

    private static String apply(String function, String arguments) {
        return "<Apply FunctionId=\"" + FN + function + "\">" + arguments + "</Apply>";
    }

    private static String value(String type, String text) {
        return "<AttributeValue DataType=\"" + XS + type + "\">" + text + "</AttributeValue>";
    }

    private static String designator(String attribute, String type) {
        return "<AttributeDesignator Category=\"" + CATEGORY + "\" AttributeId=\"" + attribute + "\" DataType=\"" + XS
                + type + "\" MustBePresent=\"false\"/>";
    }

    /**
     * Decides a usage with AuthzForce.
     *
     * @param usage the usage
     * @param strict whether the decision is strict
     * @return the result, combined from the rules whose advice AuthzForce returned
     */
    public RuleTable.Result decide(Usage usage, boolean strict) {
        return table.combine(applied(usage), strict);
    }

    /**
     * The rules AuthzForce finds applying to a usage.
     *
     * @param usage the usage
     * @return the applied-rule mask, in the table's bits
     * @throws IllegalStateException when AuthzForce does not answer Permit (at least O2 always applies)
     */
    long applied(Usage usage) {
        DecisionRequestBuilder<?> request = pdp.newRequestBuilder(-1, -1);
        request.putNamedAttributeIfAbsent(names.get("hosting"), string(usage.hosting().name()));
        request.putNamedAttributeIfAbsent(names.get("purpose"), string(usage.purpose().name()));
        List<StringValue> categories = new ArrayList<>(usage.dataCategories().size());
        for (DataCategory category : usage.dataCategories()) {
            categories.add(string(category.name()).getSingleElement());
        }
        request.putNamedAttributeIfAbsent(names.get("categories"), Bags.newAttributeBag(StandardDatatypes.STRING,
                categories));
        request.putNamedAttributeIfAbsent(names.get("generative"), usage.tool().generative() ? TRUE : FALSE);
        request.putNamedAttributeIfAbsent(names.get("hostingConfirmed"),
                confirmation.confirms(usage.tool().name(), usage.hosting()) ? TRUE : FALSE);
        Double size = usage.tool().parametersBillions();
        if (size != null) {
            request.putNamedAttributeIfAbsent(names.get("parametersBillions"),
                    Bags.singletonAttributeBag(StandardDatatypes.DOUBLE, new DoubleValue(size)));
        }
        Context c = usage.context();
        for (ContextField field : ContextField.all()) {
            Object value = field.valueIn(c);
            if (value instanceof Boolean b) {
                request.putNamedAttributeIfAbsent(contextNames[field.ordinal()], b ? TRUE : FALSE);
            } else if (value instanceof Enum<?> e) {
                request.putNamedAttributeIfAbsent(contextNames[field.ordinal()], string(e.name()));
            }
        }
        DecisionResult result = pdp.evaluate(request.build(false));
        if (result.getDecision() != DecisionType.PERMIT) {
            throw new IllegalStateException("AuthzForce answered " + result.getDecision() + ": " + result.getStatus());
        }
        long applied = 0;
        for (PepAction advice : result.getPepActions()) {
            applied |= 1L << bitById.get(advice.getId());
        }
        return applied;
    }

    /** The enum names are few: one immutable bag each, made by the constructor (read-only after, so thread-safe). */
    private AttributeBag<StringValue> string(String text) {
        AttributeBag<StringValue> bag = strings.get(text);
        if (bag == null) {
            throw new IllegalStateException("no XACML value for " + text);
        }
        return bag;
    }
}
