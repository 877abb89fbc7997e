package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyEvaluationException;
import fr.inserm.aipolicy.cli.SpreadsheetInventory;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides a whole inventory of declared uses and keeps every decision for a summary.
 *
 * <p>An inventory is JSON Lines. A line is either a bare usage (the format of
 * {@code aipolicy evaluate --batch}) or an entry wrapping one:
 * {@code {"id": "SYN-00001", "synthetic": true, "declaredBy": "...", "usage": {...}}}. A line that
 * cannot be read is kept as an entry with its error: it is counted, never decided, never allowed.
 *
 * <p>Read with the engine's tool catalogue ({@link #read(Path, ToolCatalogue)}), a usage is read as the
 * command line's batch reads it ({@code PolicyJson.readRequest(json, engine.tools())}): a line naming
 * exactly a catalogued tool that runs in one place may leave out {@code hosting}, a published size or
 * non-generative flag is supplied, and a hosting the catalogue contradicts is refused when the line is
 * read. Read without it ({@link #read(Path)}), a usage must state every required field, and the
 * catalogue's refusals come when the engine decides it; either way such a line is never decided. The
 * request's own fields ({@code language}, {@code alternatives}, {@code disclosure}, {@code strict}) are
 * accepted as the batch accepts them but not used: an audit decides every line alike, whereas the batch
 * decides a line that says {@code "strict": true} strictly.
 *
 * <pre>{@code
 * InventoryAudit audit = InventoryAudit.run(engine,
 *         InventoryAudit.read(Path.of("data/synthetic-inventory.jsonl"), engine.tools()));
 * audit.summary().html();   // tables and chart
 * }</pre>
 *
 * @param results one result per inventory line, in file order
 * @param elapsedNanos the time taken to decide the readable entries, in nanoseconds
 */
public record InventoryAudit(List<Result> results, long elapsedNanos) {

    /** Strict, as the usage reader is: no trailing content, no field given twice. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final List<String> ENTRY_FIELDS = List.of("id", "synthetic", "declaredBy", "usage");

    /**
     * One inventory line and its decision.
     *
     * @param entry the line as read
     * @param decision the decision, or null when the line could not be read
     */
    public record Result(InventoryEntry entry, Decision decision) {
    }

    /** Copies the results. */
    public InventoryAudit {
        results = List.copyOf(results);
    }

    /**
     * Reads an inventory file (UTF-8 JSON Lines); blank lines are skipped.
     *
     * @param jsonl the file
     * @return one entry per non-blank line, in file order
     * @throws IOException when the file cannot be read
     */
    public static List<InventoryEntry> read(Path jsonl) throws IOException {
        return parse(Files.readAllLines(jsonl, StandardCharsets.UTF_8));
    }

    /**
     * Reads an inventory file as the command line's batch does, with a tool catalogue: UTF-8 JSON
     * Lines, or a spreadsheet when the name ends with {@code .csv} ({@link #readSpreadsheet}); blank
     * lines are skipped.
     *
     * @param inventory the file
     * @param tools the tool catalogue, usually {@link PolicyEngine#tools()}
     * @return one entry per non-blank line (or row), in file order
     * @throws IOException when the file cannot be read
     */
    public static List<InventoryEntry> read(Path inventory, ToolCatalogue tools) throws IOException {
        if (inventory.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return readSpreadsheet(inventory, tools);
        }
        return parse(Files.readAllLines(inventory, StandardCharsets.UTF_8), tools);
    }

    /**
     * Reads a spreadsheet inventory (CSV, French Excel included) through the command line's own reader
     * ({@link SpreadsheetInventory}): the same columns, labels, booleans, decimal commas and refusals as
     * {@code aipolicy evaluate --batch FILE.csv}. Each row's usage is read with the tool catalogue, which
     * supplies the hosting of a tool it knows when the hosting cell is empty or the column absent.
     *
     * @param csv the file
     * @param tools the tool catalogue, usually {@link PolicyEngine#tools()}
     * @return one entry per non-blank row, in file order; an entry's id is its {@code id} cell, or
     *     {@code line N}
     * @throws IOException when the file cannot be read
     * @throws InvalidUsageException when the header cannot be read, naming the column
     */
    public static List<InventoryEntry> readSpreadsheet(Path csv, ToolCatalogue tools) throws IOException {
        UsageJson reader = UsageJson.with(tools);
        List<InventoryEntry> entries = new ArrayList<>();
        for (SpreadsheetInventory.Row row : SpreadsheetInventory.read(csv, null)) {
            int line = (int) row.line();
            String id = row.id() != null ? row.id() : "line " + line;
            entries.add(row.readable() ? usageEntry(line, id, false, row.declaredBy(), row.usageJson(), "", reader)
                    : unreadable(line, id, false, row.declaredBy(), false, row.field(), row.problem()));
        }
        return entries;
    }

    /**
     * Reads inventory lines; blank lines are skipped but counted in line numbers.
     *
     * @param lines the lines
     * @return one entry per non-blank line
     */
    public static List<InventoryEntry> parse(List<String> lines) {
        return parse(lines, UsageJson.PLAIN);
    }

    /**
     * Reads inventory lines with a tool catalogue, as the command line's batch does; blank lines are
     * skipped but counted in line numbers.
     *
     * @param lines the lines
     * @param tools the tool catalogue, usually {@link PolicyEngine#tools()}
     * @return one entry per non-blank line
     */
    public static List<InventoryEntry> parse(List<String> lines, ToolCatalogue tools) {
        return parse(lines, UsageJson.with(tools));
    }

    private static List<InventoryEntry> parse(List<String> lines, UsageJson reader) {
        List<InventoryEntry> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (!text.isBlank()) {
                entries.add(parseLine(i + 1, text, reader));
            }
        }
        return entries;
    }

    /** How a line's usage JSON becomes a usage: alone, or completed and checked by a tool catalogue. */
    @FunctionalInterface
    private interface UsageJson {
        UsageJson PLAIN = PolicyJson::readUsage;

        Usage read(String json);

        static UsageJson with(ToolCatalogue tools) {
            Objects.requireNonNull(tools, "tools");
            return json -> PolicyJson.readRequest(json, tools).usage();
        }
    }

    /**
     * Reads one inventory line.
     *
     * @param line the line number, from 1
     * @param text the line
     * @return the entry, with its error when it cannot be read
     */
    public static InventoryEntry parseLine(int line, String text) {
        return parseLine(line, text, UsageJson.PLAIN);
    }

    /**
     * Reads one inventory line with a tool catalogue, as the command line's batch does: a line naming
     * exactly a catalogued single-hosting tool may leave out {@code hosting}; a hosting or generative flag
     * the catalogue contradicts makes the line unreadable, naming the field.
     *
     * @param line the line number, from 1
     * @param text the line
     * @param tools the tool catalogue, usually {@link PolicyEngine#tools()}
     * @return the entry, with its error when it cannot be read
     */
    public static InventoryEntry parseLine(int line, String text, ToolCatalogue tools) {
        return parseLine(line, text, UsageJson.with(tools));
    }

    private static InventoryEntry parseLine(int line, String text, UsageJson reader) {
        String fallbackId = "line " + line;
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return unreadable(line, fallbackId, false, null, false, "(line)", "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return unreadable(line, fallbackId, false, null, false, "(line)",
                    "must be a JSON object: a usage, or an entry with " + String.join(", ", ENTRY_FIELDS));
        }
        if (!node.has("usage")) {
            return usageEntry(line, fallbackId, false, null, text, "", reader);
        }
        // A wrapped entry is read as strictly as a usage: a misspelt or mistyped field is an error, not ignored.
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENTRY_FIELDS.contains(name)) {
                return unreadable(line, fallbackId, false, null, true, name,
                        "is not an accepted field; accepted: " + String.join(", ", ENTRY_FIELDS));
            }
        }
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isTextual()) {
            return unreadable(line, fallbackId, false, null, true, "id", "must be a text");
        }
        String id = idNode == null ? fallbackId : idNode.asText();
        JsonNode syntheticNode = node.get("synthetic");
        if (syntheticNode != null && !syntheticNode.isBoolean()) {
            return unreadable(line, id, false, null, true, "synthetic", "must be true or false");
        }
        boolean synthetic = syntheticNode != null && syntheticNode.booleanValue();
        JsonNode declaredNode = node.get("declaredBy");
        if (declaredNode != null && !declaredNode.isTextual()) {
            return unreadable(line, id, synthetic, null, true, "declaredBy", "must be a text");
        }
        String declaredBy = declaredNode == null ? null : declaredNode.asText();
        return usageEntry(line, id, synthetic, declaredBy, node.get("usage").toString(), "usage", reader);
    }

    private static InventoryEntry usageEntry(int line, String id, boolean synthetic, String declaredBy, String usageJson,
            String prefix, UsageJson reader) {
        try {
            return new InventoryEntry(line, id, synthetic, declaredBy, !prefix.isEmpty(), reader.read(usageJson),
                    null, null);
        } catch (InvalidUsageException e) {
            return unreadable(line, id, synthetic, declaredBy, !prefix.isEmpty(), path(prefix, e), problem(e));
        }
    }

    /** The field's full path in the line: {@code usage.hosting} in a wrapped entry, {@code hosting} in a bare one. */
    private static String path(String prefix, InvalidUsageException e) {
        boolean whole = e.field() == null || e.field().startsWith("(");
        if (prefix.isEmpty()) {
            return whole ? "(line)" : e.field();
        }
        return whole ? prefix : prefix + "." + e.field();
    }

    /** What is wrong, and the accepted values when the field takes a fixed set. */
    private static String problem(InvalidUsageException e) {
        return e.problem() + (e.acceptedValues().isEmpty() ? "" : "; accepted: " + String.join(", ", e.acceptedValues()));
    }

    /** The whole refusal in a language, naming the field by its path in the line. */
    private static String refusal(InvalidUsageException e, String field, Language language) {
        return language == Language.EN ? field + ": " + problem(e) : e.about(field).message(language);
    }

    private static InventoryEntry unreadable(int line, String id, boolean synthetic, String declaredBy, boolean wrapped,
            String field, String problem) {
        return new InventoryEntry(line, id, synthetic, declaredBy, wrapped, null, field, field + ": " + problem);
    }

    /**
     * Decides every readable entry.
     *
     * @param engine the engine
     * @param entries the entries, for example from {@link #read(Path)}
     * @return the audit, with one result per entry in the same order
     */
    public static InventoryAudit run(PolicyEngine engine, List<InventoryEntry> entries) {
        Objects.requireNonNull(engine, "engine");
        return run(entries, engine::evaluate, Language.EN);
    }

    /**
     * Decides every readable entry with the policy's texts (reasons, obligations, advice, clause
     * titles) in a language.
     *
     * @param engine the engine
     * @param entries the entries
     * @param locale English or French
     * @return the audit, with one result per entry in the same order
     * @throws fr.inserm.aipolicy.usage.InvalidUsageException naming {@code language} for another language
     */
    public static InventoryAudit run(PolicyEngine engine, List<InventoryEntry> entries, Locale locale) {
        Objects.requireNonNull(engine, "engine");
        Locale checked = Language.of(locale).locale();
        PolicyReports reports = PolicyReports.of(engine);
        return run(entries, usage -> reports.evaluate(usage, checked), Language.of(checked));
    }

    private static InventoryAudit run(List<InventoryEntry> entries, Function<Usage, Decision> decide, Language language) {
        List<Result> results = new ArrayList<>(entries.size());
        long start = System.nanoTime();
        for (InventoryEntry entry : entries) {
            if (!entry.readable()) {
                results.add(new Result(entry, null));
                continue;
            }
            // One bad line never stops the audit: a usage the engine refuses (a hosting the tool catalogue
            // contradicts) or cannot decide is kept with its error, undecided, so never allowed.
            try {
                results.add(new Result(entry, decide.apply(entry.usage())));
            } catch (InvalidUsageException e) {
                String field = path(entry.wrapped() ? "usage" : "", e);
                // in the audit's language: the field as it is, the sentence French or English like the decisions
                results.add(new Result(entry.refused(field, refusal(e, field, language)), null));
            } catch (PolicyEvaluationException e) {
                results.add(new Result(entry.refused("(line)", "(line): the policy engine could not decide it: "
                        + e.getMessage()), null));
            }
        }
        return new InventoryAudit(results, System.nanoTime() - start);
    }

    /**
     * Counts the results by verdict, purpose, hosting and cited clause.
     *
     * @return the summary
     */
    public InventorySummary summary() {
        return summary(Locale.ENGLISH);
    }

    /**
     * Counts the results by verdict, purpose, hosting and cited clause, for display in a language.
     *
     * @param locale English or French
     * @return the summary
     */
    public InventorySummary summary(Locale locale) {
        InventorySummary summary = new InventorySummary(locale);
        for (Result result : results) {
            if (result.decision() == null) {
                summary.addUnreadable();
            } else {
                summary.add(result.entry().usage(), result.decision());
            }
        }
        return summary;
    }

    /**
     * The results with a given verdict, in file order.
     *
     * @param verdict the verdict
     * @return the matching results
     */
    public List<Result> withVerdict(Verdict verdict) {
        return results.stream().filter(r -> r.decision() != null && r.decision().verdict() == verdict).toList();
    }

    /**
     * The lines that could not be read.
     *
     * @return their entries, in file order
     */
    public List<InventoryEntry> unreadable() {
        return results.stream().map(Result::entry).filter(e -> !e.readable()).toList();
    }

    /**
     * A table of the first results with a verdict: entry id, the use, the rules that decided it
     * and whom to ask.
     *
     * @param verdict the verdict
     * @param max the most rows to show
     * @return an HTML table
     */
    public String examplesHtml(Verdict verdict, int max) {
        return examplesHtml(verdict, max, Locale.ENGLISH);
    }

    /**
     * A table of the first results with a verdict, in a language: entry id, the use in words, the rules
     * that decided it, the clauses and whom to ask.
     *
     * @param verdict the verdict
     * @param max the most rows to show
     * @param locale English or French
     * @return an HTML table
     */
    public String examplesHtml(Verdict verdict, int max, Locale locale) {
        CardText text = CardText.of(Language.of(locale));
        List<Result> matching = withVerdict(verdict);
        StringBuilder out = new StringBuilder(2048);
        out.append("<table class=\"aipolicy-examples\" data-verdict=\"").append(verdict.name()).append("\">\n")
                .append("<caption style=\"text-align:left\">")
                .append(Markup.html(text.format("summary.examples", Integer.toString(Math.min(max, matching.size())),
                        Integer.toString(matching.size()), text.verdict(verdict))))
                .append("</caption>\n<thead><tr>");
        for (String key : List.of("summary.entry", "summary.use", "summary.rules", "summary.clauses", "summary.ask")) {
            out.append("<th>").append(Markup.html(text.get(key))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Result r : matching.subList(0, Math.min(max, matching.size()))) {
            Decision d = r.decision();
            out.append("<tr><td>").append(Markup.html(r.entry().id())).append("</td><td style=\"text-align:left\">")
                    .append(Markup.html(text.describe(r.entry().usage()))).append("</td><td>")
                    .append(Markup.html(Markup.joined(d.reasons().stream().map(x -> x.rule()).toList())))
                    .append("</td><td>").append(Markup.html(Markup.joined(d.citedClauseIds()))).append("</td><td>")
                    .append(Markup.html(Markup.joined(d.escalateTo().stream().map(text::contact).toList())))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        return out.toString();
    }
}
