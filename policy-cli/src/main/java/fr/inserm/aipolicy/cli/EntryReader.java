package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Reads one batch record into a usage: a bare usage (the library's usage JSON) or an inventory entry
 * {@code {"id": "...", "declaredBy": "...", "synthetic": true, "usage": {...}}} (the notebooks'
 * format). Every check of the usage is the core's ({@link PolicyJson#readUsage(String)}); this class
 * adds only the strict UTF-8 decoding of the line and the entry's own fields.
 */
final class EntryReader {
    /** The fields of an inventory entry. */
    static final List<String> ENTRY_FIELDS = List.of("id", "declaredBy", "synthetic", "usage");

    // the same limits as the core's reader, so that nothing is read here that the core would refuse to read
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(17)
                    .maxStringLength(LineFramer.MAX_REQUEST_CHARS)
                    .maxNumberLength(32)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A record that could not be read, with its id when the record had a readable one. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String id;
        final String field;
        final String problem;
        /** The core's refusal, when the entry's usage was refused: said again in the batch's language. */
        final InvalidUsageException refusal;

        Unreadable(String id, String field, String problem) {
            this(id, field, problem, null);
        }

        Unreadable(String id, InvalidUsageException refusal) {
            this(id, refusal.field(), refusal.getMessage().substring(refusal.field().length() + 2), refusal);
        }

        private Unreadable(String id, String field, String problem, InvalidUsageException refusal) {
            super(field + ": " + problem, null, false, false);
            this.id = id;
            this.field = field;
            this.problem = problem;
            this.refusal = refusal;
        }

        /** The message in a language: the core's words for a refused usage, English for the entry's own problems. */
        String message(Language language) {
            return refusal == null || language == null ? getMessage() : refusal.message(language);
        }
    }

    /** A record read: its id (or null) and its usage. */
    record Entry(String id, Usage usage, boolean strict) {
    }

    private final ToolCatalogue tools;

    /** A reader whose usages are completed and checked by a tool catalogue, as every channel's are. */
    EntryReader(ToolCatalogue tools) {
        this.tools = tools;
    }

    /** Reads one usage as a request (the one request format: the catalogue may supply the hosting). */
    private Entry entry(String id, String json) {
        EvaluationRequest request = PolicyJson.readRequest(json, tools);
        return new Entry(id, request.usage(), request.strict());
    }

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * Reads a record.
     *
     * @throws Unreadable when the line is not UTF-8 or an entry field is wrong
     * @throws InvalidUsageException when the usage is refused by the core (its field path is prefixed
     *     with {@code usage.} inside an inventory entry)
     */
    Entry read(InputRecord record) {
        if (record.problem() != null) {
            throw new Unreadable(record.id(), record.field(), record.problem());
        }
        if (record.json() != null) {
            try {
                return entry(record.id(), record.json());
            } catch (InvalidUsageException e) {
                // a converted CSV row whose dataCategories cell was empty (the field is absent from its JSON)
                if (e.field().equals("dataCategories") && !record.json().contains("\"dataCategories\":")) {
                    throw new InvalidUsageException(e.field(), e.problem() + CsvInventory.EMPTY_DATA_CELL,
                            e.acceptedValues());
                }
                throw e;
            }
        }
        String text = decode(record.bytes());
        if (text.length() > LineFramer.MAX_REQUEST_CHARS) {
            throw new Unreadable(null, "(request)", "too large (" + text.length() + " characters, at most "
                    + LineFramer.MAX_REQUEST_CHARS + ")");
        }
        // a bare usage has no "usage" field: the core reads it directly, with its own messages
        if (!text.contains("\"usage\"")) {
            return entry(null, text);
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            return entry(null, text); // throws the core's message for the same text
        }
        if (root == null || !root.isObject() || !root.has("usage")) {
            return entry(null, text);
        }
        String id = null;
        JsonNode idNode = root.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual()) {
                throw new Unreadable(null, "id", "must be a text, got " + kind(idNode));
            }
            id = idNode.asText();
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENTRY_FIELDS.contains(name)) {
                throw new Unreadable(id, name, "unknown field in an inventory entry; accepted: "
                        + String.join(", ", ENTRY_FIELDS));
            }
        }
        JsonNode declaredBy = root.get("declaredBy");
        if (declaredBy != null && !declaredBy.isNull() && !declaredBy.isTextual()) {
            throw new Unreadable(id, "declaredBy", "must be a text, got " + kind(declaredBy));
        }
        JsonNode synthetic = root.get("synthetic");
        if (synthetic != null && !synthetic.isNull() && !synthetic.isBoolean()) {
            throw new Unreadable(id, "synthetic", "must be true or false, got " + kind(synthetic));
        }
        JsonNode usage = root.get("usage");
        try {
            return entry(id, usage.toString());
        } catch (InvalidUsageException e) {
            String field = e.field().startsWith("(") ? "usage" : "usage." + e.field();
            throw new Unreadable(id, e.about(field));
        }
    }

    /** Decodes strictly: a byte that is not UTF-8 makes the line unreadable, naming where it is. */
    private String decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new Unreadable(null, "(request)", "not UTF-8: byte " + (in.position() + 1) + " of the line (0x"
                    + String.format("%02X", bytes[in.position()] & 0xFF) + ") is not part of a UTF-8 character;"
                    + " save the file as UTF-8");
        }
        return out.flip().toString();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
