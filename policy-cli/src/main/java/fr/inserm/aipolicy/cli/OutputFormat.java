package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.decision.Advice;
import fr.inserm.aipolicy.decision.Assumption;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Obligation;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.json.PolicyJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a batch writes each answer: one output record per input record, each on one line and each
 * naming its input {@code line} and, when the input had one, its {@code id}.
 *
 * <ul>
 *   <li>{@code json}: JSON Lines, the decision of {@link PolicyJson#write(Decision)} with {@code line}
 *       and {@code id} first, or {@code {"line", "id", "error", "field", "message"}};</li>
 *   <li>{@code csv}: a header, then {@code id,line,verdict,rules,clauses,obligations,advice,assumptions,
 *       escalateTo,error}, for a spreadsheet;</li>
 *   <li>{@code text}: for a person, a short paragraph per record.</li>
 * </ul>
 */
abstract class OutputFormat {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The output formats by name. */
    static final List<String> NAMES = List.of("json", "csv", "text");

    /** The CSV columns. */
    static final List<String> CSV_COLUMNS = List.of("id", "line", "verdict", "rules", "clauses", "obligations", "advice",
            "assumptions", "escalateTo", "error");

    static OutputFormat named(String name) {
        return switch (name) {
            case "json" -> new Json();
            case "csv" -> new Csv();
            case "text" -> new Text();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** What comes before the first record (the CSV header), or nothing. */
    String header() {
        return "";
    }

    /** The part of a decision's line that does not depend on the record, cached per decision. */
    abstract String decisionBody(Decision decision);

    /**
     * A decided record's line, without its line ending. The body comes last, unchanged: the batch
     * writes {@code decided(line, id, "")} then the body's bytes, which it encodes once per decision.
     */
    abstract String decided(long line, String id, String body);

    /** An unreadable record's line, without its line ending. */
    abstract String refused(long line, String id, String error, String field, String message);

    /** A decided record's line before the decision's body (a spreadsheet's repeats the record's cells). */
    String decided(InputRecord record, String id) {
        return decided(record.line(), id, "");
    }

    /** An unreadable record's line, without its line ending. */
    String refused(InputRecord record, String id, String error, String field, String message) {
        return refused(record.line(), id, error, field, message);
    }

    /** What ends each line. */
    String lineEnd() {
        return "\n";
    }

    /** Reads the input line number back from one of this format's lines; -1 when it holds none. */
    long lineOf(String outputLine) {
        return -1;
    }

    static final class Json extends OutputFormat {
        @Override
        String decisionBody(Decision decision) {
            return PolicyJson.write(decision).substring(1); // without its opening brace
        }

        @Override
        String decided(long line, String id, String body) {
            return "{\"line\":" + line + (id == null ? "" : ",\"id\":" + quote(id)) + "," + body;
        }

        @Override
        String refused(long line, String id, String error, String field, String message) {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("line", line);
            if (id != null) {
                node.put("id", id);
            }
            node.put("error", error);
            if (field != null) {
                node.put("field", field);
            }
            node.put("message", message);
            return node.toString();
        }

        @Override
        long lineOf(String outputLine) {
            try {
                var node = MAPPER.readTree(outputLine);
                return node != null && node.path("line").canConvertToLong() ? node.get("line").asLong() : -1;
            } catch (JsonProcessingException e) {
                return -1;
            }
        }

        private static String quote(String text) {
            try {
                return MAPPER.writeValueAsString(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final class Csv extends OutputFormat {
        @Override
        String header() {
            return String.join(",", CSV_COLUMNS) + "\n";
        }

        @Override
        String decisionBody(Decision d) {
            return String.join(",", List.of(d.verdict().name(), cell(String.join(" ", d.appliedRules())),
                    cell(String.join(" ", d.citedClauseIds())), cell(String.join(" ", d.obligationIds())),
                    cell(String.join(" ", d.adviceIds())), cell(String.join(" ", assumptions(d))),
                    cell(String.join(" ", d.escalateTo().stream().map(Contact::name).toList())), ""));
        }

        @Override
        String decided(long line, String id, String body) {
            return cell(id) + "," + line + "," + body;
        }

        @Override
        String refused(long line, String id, String error, String field, String message) {
            return cell(id) + "," + line + ",,,,,,,," + cell(error + ": " + message);
        }

        @Override
        long lineOf(String outputLine) {
            // the id cell may be quoted and hold commas: skip it as CSV does
            int at = 0;
            if (outputLine.startsWith("\"")) {
                at = 1;
                while (at < outputLine.length()) {
                    if (outputLine.charAt(at) == '"') {
                        if (at + 1 < outputLine.length() && outputLine.charAt(at + 1) == '"') {
                            at += 2;
                            continue;
                        }
                        break;
                    }
                    at++;
                }
                at++;
            } else {
                at = outputLine.indexOf(',');
            }
            if (at < 0 || at >= outputLine.length() || outputLine.charAt(at) != ',') {
                return -1;
            }
            int next = outputLine.indexOf(',', at + 1);
            String cell = next < 0 ? outputLine.substring(at + 1) : outputLine.substring(at + 1, next);
            return cell.matches("\\d{1,18}") ? Long.parseLong(cell) : -1;
        }

        /**
         * One CSV cell: quoted when it holds a comma, a quote or a line break (line breaks become spaces,
         * so that a record is one line); a cell a spreadsheet would run as a formula gets a leading quote.
         */
        static String cell(String text) {
            if (text == null || text.isEmpty()) {
                return "";
            }
            String value = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
            if ("=+-@".indexOf(value.charAt(0)) >= 0) {
                value = "'" + value;
            }
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
                return "\"" + value.replace("\"", "\"\"") + "\"";
            }
            return value;
        }
    }

    /** For a person, in English or French: the words from the text bundles, the texts the policy's. */
    static final class Text extends OutputFormat {
        private final java.util.Properties words = new java.util.Properties();
        private final fr.inserm.aipolicy.Policy policy;
        private final fr.inserm.aipolicy.Language language;

        Text() {
            this(null, fr.inserm.aipolicy.Language.EN);
        }

        Text(fr.inserm.aipolicy.Policy policy, fr.inserm.aipolicy.Language language) {
            this.policy = policy;
            this.language = language;
            String name = language == fr.inserm.aipolicy.Language.FR ? "text_fr.properties" : "text.properties";
            try (java.io.Reader in = new java.io.InputStreamReader(Text.class.getResourceAsStream(name),
                    StandardCharsets.UTF_8)) {
                words.load(in);
            } catch (java.io.IOException | NullPointerException e) {
                throw new IllegalStateException("the text output's words are missing: " + name, e);
            }
        }

        private String word(String key, Object... args) {
            return java.text.MessageFormat.format(words.getProperty(key).replace("'", "''"), args);
        }

        @Override
        String decisionBody(Decision d) {
            StringBuilder text = new StringBuilder(word("verdict." + d.verdict().name()));
            for (Reason r : d.reasons()) {
                text.append("\n  ").append(word("effect." + r.effect().name())).append(' ').append(r.rule())
                        .append(": ").append(r.text()).append(" (").append(String.join(", ", r.clauses())).append(')');
            }
            for (Obligation o : d.obligations()) {
                text.append("\n  ").append(word("must")).append(": ").append(o.text()).append(" (")
                        .append(String.join(", ", o.clauses())).append(')');
            }
            for (Advice a : d.advice()) {
                text.append("\n  ").append(word("advice")).append(": ").append(a.text()).append(" (")
                        .append(String.join(", ", a.clauses())).append(')');
            }
            for (Assumption a : d.assumptions()) {
                text.append("\n  ").append(word("assumed")).append(": ").append(a.text()).append(" (")
                        .append(word("otherwise", word("verdict." + a.otherwise().name()))).append(") ")
                        .append(a.question());
            }
            for (fr.inserm.aipolicy.decision.Clause c : d.citations()) {
                // the clause in the reader's language; a translation is marked, the source's words under it
                String code = language.code();
                text.append("\n  ").append(word("clause", c.id(), c.title())).append(": ")
                        .append(c.textIn(code).orElse(c.text()));
                if (c.translatedFor(code)) {
                    text.append("\n    ").append(word("translated", c.language(), c.text()));
                }
            }
            if (!d.escalateTo().isEmpty()) {
                text.append("\n  ").append(word("ask")).append(": ").append(String.join("; ", d.escalateTo().stream()
                        .map(c -> policy == null ? c.name() : policy.contact(c, language)).toList()));
            }
            return text.toString();
        }

        @Override
        String decided(long line, String id, String body) {
            return word("line", line) + (id == null ? "" : " (" + id + ")") + ": " + body;
        }

        @Override
        String refused(long line, String id, String error, String field, String message) {
            // the error's kind in words where the bundle has them ("usage refusé"), else as it is
            String kind = words.getProperty("error." + error.replace(' ', '.'));
            return word("line", line) + (id == null ? "" : " (" + id + ")") + ": " + word("notDecided") + ", "
                    + (kind == null ? error : kind) + ": " + message;
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The fields a decision took for granted, by path (such as {@code context.userTrained}). */
    static List<String> assumptions(Decision d) {
        return d.assumedFields();
    }
}
