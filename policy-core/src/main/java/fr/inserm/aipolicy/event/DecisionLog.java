package fr.inserm.aipolicy.event;

import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.tools.KnownTool;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Usage;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: one JSON object per decision, on one line, written at level INFO to the SLF4J
 * logger {@value #LOGGER}, so that Logback, Log4j 2 or a log shipper takes it where it should go. The
 * record holds what the DPO needs to count and to trace a decision, and nothing more (docs/decision-log.md):
 * no IP address, no free text but the tool's name (which {@link Builder#maskToolNames()} replaces), and
 * the requester only when {@link Builder#withRequester()} says so.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().listener(DecisionLog.builder().build()).build();
 * }</pre>
 */
public final class DecisionLog implements DecisionListener {
    /** The logger's name. */
    public static final String LOGGER = "fr.inserm.aipolicy.decisions";
    /** What a masked tool name is written as, without a key. */
    public static final String MASKED = "masked";

    private final Logger logger;
    private final boolean mask;
    private final byte[] maskKey;
    private final ToolCatalogue keep;
    private final boolean requester;

    private DecisionLog(Builder builder) {
        this.logger = LoggerFactory.getLogger(builder.loggerName);
        this.mask = builder.mask;
        this.maskKey = builder.maskKey;
        this.keep = builder.keep;
        this.requester = builder.requester;
    }

    /**
     * Starts a decision log: tool names in clear, no requester, logger {@value #LOGGER}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void decided(DecisionEvent event) {
        if (logger.isInfoEnabled()) {
            logger.info(json(event));
        }
    }

    /**
     * The record of one decision, as this log writes it.
     *
     * @param event the decision
     * @return one line of JSON, without the line break
     */
    public String json(DecisionEvent event) {
        Usage usage = event.usage();
        StringBuilder out = new StringBuilder(512);
        out.append("{\"id\":\"").append(event.id())
                .append("\",\"time\":\"").append(event.time().truncatedTo(ChronoUnit.MILLIS))
                .append("\",\"policyVersion\":");
        string(out, event.policyVersion());
        out.append(",\"policyDigest\":");
        string(out, event.policyDigest());
        out.append(",\"channel\":\"").append(event.channel().name())
                .append("\",\"strict\":").append(event.strict())
                .append(",\"tool\":");
        string(out, toolName(usage.tool().name()));
        out.append(",\"hosting\":\"").append(usage.hosting().name())
                .append("\",\"purpose\":\"").append(usage.purpose().name()).append("\",\"dataCategories\":[");
        int i = 0;
        for (DataCategory category : usage.dataCategories()) {
            out.append(i++ == 0 ? "\"" : ",\"").append(category.name()).append('"');
        }
        out.append("],\"context\":{");
        i = 0;
        for (ContextField field : ContextField.all()) {
            Object value = field.valueIn(usage.context());
            if (value != null) {
                out.append(i++ == 0 ? "\"" : ",\"").append(field.jsonName()).append("\":");
                if (value instanceof Boolean) {
                    out.append(value);
                } else {
                    out.append('"').append(ContextField.text(value)).append('"');
                }
            }
        }
        out.append("},\"verdict\":\"").append(event.verdict().name()).append("\",\"rules\":");
        strings(out, event.rules());
        out.append(",\"clauses\":");
        strings(out, event.clauses());
        out.append(",\"assumptions\":");
        strings(out, event.decision().assumedFields());
        out.append(",\"contacts\":[");
        i = 0;
        for (Contact contact : event.contacts()) {
            out.append(i++ == 0 ? "\"" : ",\"").append(contact.name()).append('"');
        }
        out.append(']');
        if (requester && event.requester() != null) {
            out.append(",\"requester\":");
            string(out, event.requester());
        }
        return out.append('}').toString();
    }

    /** The name written for a tool: in clear, the catalogue's name, a keyed digest or {@value #MASKED}. */
    private String toolName(String name) {
        if (!mask) {
            return name;
        }
        if (keep != null) {
            Optional<KnownTool> known = keep.find(name);
            if (known.isPresent()) {
                return known.get().name();
            }
        }
        if (maskKey == null) {
            return MASKED;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(maskKey, "HmacSHA256"));
            byte[] digest = mac.doFinal(name.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "hmac:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            return MASKED; // every Java runtime has HmacSHA256; masking never falls back to the clear name
        }
    }

    private static void strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        out.append(']');
    }

    /** A JSON string: quotes, backslashes and control characters escaped, and the line separators too. */
    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Builds a {@link DecisionLog}. */
    public static final class Builder {
        private String loggerName = LOGGER;
        private boolean mask;
        private byte[] maskKey;
        private ToolCatalogue keep;
        private boolean requester;

        private Builder() {
        }

        /**
         * Writes every tool name as {@value #MASKED}, or as a keyed digest when {@link #maskKey(byte[])}
         * gives a key: a name typed by a person may say more than which tool it is.
         *
         * @return this builder
         */
        public Builder maskToolNames() {
            this.mask = true;
            return this;
        }

        /**
         * With masking, writes a tool name as {@code hmac:} and 16 hexadecimal digits of an HMAC-SHA-256
         * under this key, so that the statistics still count distinct tools without showing their names.
         *
         * @param key the secret key, at least 16 bytes
         * @return this builder
         * @throws IllegalArgumentException when the key is shorter than 16 bytes
         */
        public Builder maskKey(byte[] key) {
            if (Objects.requireNonNull(key, "key").length < 16) {
                throw new IllegalArgumentException("the key that masks tool names needs at least 16 bytes, not "
                        + key.length);
            }
            this.maskKey = key.clone();
            return this;
        }

        /**
         * With masking, writes the names of tools found in this catalogue in clear, as the catalogue
         * spells them: a catalogued product's name is not free text.
         *
         * @param catalogue the tool catalogue, usually the policy's
         * @return this builder
         */
        public Builder keepCatalogued(ToolCatalogue catalogue) {
            this.keep = Objects.requireNonNull(catalogue, "catalogue");
            return this;
        }

        /**
         * Writes the requester the caller gives (field {@code requester}); left out otherwise.
         *
         * @return this builder
         */
        public Builder withRequester() {
            this.requester = true;
            return this;
        }

        /**
         * Writes to another logger than {@value #LOGGER}.
         *
         * @param name the logger's name
         * @return this builder
         */
        public Builder logger(String name) {
            this.loggerName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The log.
         *
         * @return the decision log
         */
        public DecisionLog build() {
            return new DecisionLog(this);
        }
    }
}
