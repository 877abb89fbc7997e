package fr.inserm.aipolicy.json;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * JSON in and out, with the field names of docs/policy.md: a usage in, a decision out.
 *
 * <p>Reading is strict (see {@link #readUsage(String)}); writing is stable: fields always in the
 * same order, so decisions can be compared as text.
 */
public final class PolicyJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicyJson() {
    }

    /**
     * Reads a usage. Refused, with an {@link InvalidUsageException} naming the field path and the
     * accepted values: malformed JSON, a request over 64 KiB, a missing required field
     * ({@code tool.name}, {@code hosting}, {@code dataCategories}, {@code purpose}), an unknown or
     * duplicated field, a wrong JSON type, a null inside {@code dataCategories}, an unknown
     * enumeration value, a blank or over-long tool name, a size out of range. A {@code null} optional
     * field means "not stated".
     *
     * @param json one JSON object
     * @return the usage
     * @throws InvalidUsageException when the request is not fully understood
     */
    public static Usage readUsage(String json) {
        return UsageReader.read(json);
    }

    /**
     * Writes a decision on one line.
     *
     * @param decision the decision
     * @return the JSON text
     */
    public static String write(Decision decision) {
        return text(MAPPER, decisionNode(decision));
    }

    /**
     * Writes a decision indented for people.
     *
     * @param decision the decision
     * @return the JSON text
     */
    public static String writePretty(Decision decision) {
        return text(PRETTY, decisionNode(decision));
    }

    /**
     * Reads a request: a usage, read as strictly as by {@link #readUsage(String)}, and three optional
     * top-level fields: {@code "language"} ({@code "en"} or {@code "fr"}), {@code "alternatives"}
     * ({@code true} to search for the changes that would make the usage allowed) and
     * {@code "disclosure"} (texts {@code toolVersion}, {@code role}, {@code parameters},
     * {@code verification}, for the disclosure paragraph). A tool of the catalogue may leave out
     * {@code hosting} when it runs in one place, and {@code tool.parametersBillions} when its size is
     * published.
     *
     * @param json one JSON object
     * @param tools the tool catalogue, usually {@link PolicyEngine#tools()}
     * @return the request
     * @throws InvalidUsageException when the request is not fully understood, or names a catalogued
     *     tool with a hosting the catalogue contradicts (field {@code hosting})
     */
    public static EvaluationRequest readRequest(String json, ToolCatalogue tools) {
        return RequestReader.read(json, java.util.Objects.requireNonNull(tools, "tools"));
    }

    /**
     * Writes a report on one line: the decision's fields, then {@code language}, {@code contacts},
     * {@code toolCatalogue} and, when present, {@code alternatives}, {@code disclosure} and
     * {@code frugality}.
     *
     * @param report the report
     * @return the JSON text
     */
    public static String write(DecisionReport report) {
        return text(MAPPER, ReportJson.reportNode(report));
    }

    /**
     * Writes a report as UTF-8 bytes, ready to send: the same JSON as {@link #write(DecisionReport)},
     * written straight to bytes (a report's French texts would otherwise make the whole text a UTF-16
     * string, encoded once more to be sent).
     *
     * @param report the report
     * @return the JSON text's UTF-8 bytes
     */
    public static byte[] writeBytes(DecisionReport report) {
        try {
            return MAPPER.writeValueAsBytes(ReportJson.reportNode(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Writes a report indented for people.
     *
     * @param report the report
     * @return the JSON text
     */
    public static String writePretty(DecisionReport report) {
        return text(PRETTY, ReportJson.reportNode(report));
    }

    /**
     * Writes a usage on one line, omitting the context fields that are not stated.
     *
     * @param usage the usage
     * @return the JSON text, readable by {@link #readUsage(String)}
     */
    public static String write(Usage usage) {
        return text(MAPPER, usageNode(usage));
    }

    /**
     * Writes clauses, for example the engine's {@link PolicyEngine#catalogue()}.
     *
     * @param clauses the clauses
     * @return a JSON object {@code {"clauses": [...]}}
     */
    public static String writeClauses(List<Clause> clauses) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("clauses");
        clauses.forEach(c -> array.add(clauseNode(c)));
        return text(PRETTY, root);
    }

    static ObjectNode decisionNode(Decision d) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("verdict", d.verdict().name());
        ArrayNode citations = node.putArray("citations");
        d.citations().forEach(c -> citations.add(clauseNode(c)));
        ArrayNode reasons = node.putArray("reasons");
        for (Reason r : d.reasons()) {
            ObjectNode reason = reasons.addObject();
            reason.put("rule", r.rule());
            reason.put("effect", r.effect().name());
            reason.put("text", r.text());
            strings(reason.putArray("clauses"), r.clauses());
        }
        ArrayNode obligations = node.putArray("obligations");
        d.obligations().forEach(o -> item(obligations.addObject(), o.id(), o.text(), o.clauses(), o.rules()));
        ArrayNode advice = node.putArray("advice");
        d.advice().forEach(a -> item(advice.addObject(), a.id(), a.text(), a.clauses(), a.rules()));
        ArrayNode assumptions = node.putArray("assumptions");
        for (Assumption a : d.assumptions()) {
            ObjectNode assumption = assumptions.addObject();
            assumption.put("rule", a.rule());
            assumption.put("field", a.field());
            assumption.put("assumed", a.assumed());
            assumption.put("text", a.text());
            assumption.put("otherwise", a.otherwise().name());
            strings(assumption.putArray("rules"), a.rules());
            strings(assumption.putArray("clauses"), a.clauses());
            assumption.put("question", a.question());
            strings(assumption.putArray("escalateTo"), a.contacts().stream().map(Contact::name).toList());
        }
        strings(node.putArray("escalateTo"), d.escalateTo().stream().map(Contact::name).toList());
        if (d.strict()) {
            node.put("strict", true);
        }
        node.put("policyVersion", d.policyVersion());
        node.put("policyDigest", d.policyDigest());
        strings(node.putArray("appliedRules"), d.appliedRules());
        return node;
    }

    static ObjectNode usageNode(Usage u) {
        ObjectNode node = MAPPER.createObjectNode();
        ObjectNode tool = node.putObject("tool");
        tool.put("name", u.tool().name());
        tool.put("generative", u.tool().generative());
        if (u.tool().parametersBillions() != null) {
            tool.put("parametersBillions", u.tool().parametersBillions());
        }
        node.put("hosting", u.hosting().name());
        strings(node.putArray("dataCategories"), u.dataCategories().stream().map(Enum::name).toList());
        node.put("purpose", u.purpose().name());
        Context c = u.context();
        ObjectNode context = MAPPER.createObjectNode();
        for (ContextField field : ContextField.all()) {
            putIfStated(context, field.jsonName(), field.valueIn(c));
        }
        if (!context.isEmpty()) {
            node.set("context", context);
        }
        return node;
    }

    private static void putIfStated(ObjectNode node, String name, Object value) {
        if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof Enum<?> e) {
            node.put(name, e.name());
        }
    }

    private static ObjectNode clauseNode(Clause c) {
        ObjectNode clause = MAPPER.createObjectNode();
        clause.put("id", c.id());
        clause.put("title", c.title());
        clause.put("source", c.source());
        clause.put("section", c.section());
        clause.put("language", c.language());
        clause.put("text", c.text());
        if (c.translation() != null) {
            // one field away from the source's words, and named for what it is: not the source
            ObjectNode translation = clause.putObject("translation");
            translation.put("language", c.translation().language());
            translation.put("text", c.translation().text());
            translation.put("official", false);
        }
        return clause;
    }

    private static void item(ObjectNode node, String id, String text, List<String> clauses, List<String> rules) {
        node.put("id", id);
        node.put("text", text);
        strings(node.putArray("clauses"), clauses);
        strings(node.putArray("rules"), rules);
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static String text(ObjectMapper mapper, Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
