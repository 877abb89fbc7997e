package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.ContextField;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the server answers that does not depend on the request's content, prepared once per
 * language at start: the page (its {@code {{key}}} placeholders filled from the page's texts), the
 * static files, the page's texts as JSON, the clause catalogue, the contacts and the usage's schema
 * (the context questions, from {@link ContextField#all()}).
 */
final class PageContent {
    static final String ROOT = "/fr/inserm/aipolicy/server/";
    /** The only contact whose address is published: the AI &amp; Digital Unit. */
    static final String AI_UNIT_ADDRESS = "pole.ia@inserm.fr";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_.-]+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file and its type. */
    record StaticFile(String contentType, byte[] content) {
    }

    private final Map<Language, Properties> texts = new EnumMap<>(Language.class);
    private final Map<Language, byte[]> pages = new EnumMap<>(Language.class);
    private final Map<Language, String> pageTexts = new EnumMap<>(Language.class);
    private final DecisionView view = new DecisionView(this);
    private final Map<Language, byte[]> labels = new EnumMap<>(Language.class);
    private final Map<Language, byte[]> clauses = new EnumMap<>(Language.class);
    private final Map<Language, byte[]> contacts = new EnumMap<>(Language.class);
    private final Map<Language, Map<String, String>> contactNames = new EnumMap<>(Language.class);
    private final Map<String, StaticFile> files;
    private final byte[] schema;

    PageContent(PolicyEngine engine) {
        for (Language language : Language.values()) {
            texts.put(language, loadTexts(language));
        }
        if (!texts.get(Language.EN).keySet().equals(texts.get(Language.FR).keySet())) {
            throw new IllegalStateException("the page's texts differ in their keys between English and French");
        }
        String template = new String(read("static/index.html"), StandardCharsets.UTF_8);
        for (Language language : Language.values()) {
            // The context questions are in the page itself, for a browser without JavaScript.
            String page = DecisionView.fill(fill(template, language), "context-questions", view.contextQuestions(language, null));
            pageTexts.put(language, page);
            pages.put(language, page.getBytes(StandardCharsets.UTF_8));
            labels.put(language, labelsJson(language));
            clauses.put(language, PolicyJson.writeClauses(PolicyReports.of(engine).catalogue(language.locale()))
                    .getBytes(StandardCharsets.UTF_8));
            contacts.put(language, contactsJson(engine, language));
        }
        schema = schemaJson();
        Map<String, StaticFile> map = new LinkedHashMap<>();
        map.put("/app.js", new StaticFile("text/javascript; charset=utf-8", read("static/app.js")));
        map.put("/style.css", new StaticFile("text/css; charset=utf-8", read("static/style.css")));
        map.put("/favicon.svg", new StaticFile("image/svg+xml", read("static/favicon.svg")));
        map.put("/openapi.json", new StaticFile("application/json; charset=utf-8", openApiJson()));
        files = Map.copyOf(map);
    }

    byte[] page(Language language) {
        return pages.get(language);
    }

    /** A contact's name in a language, as {@code /api/contacts} gives it; the id when unknown. */
    String contactName(String id, Language language) {
        return contactNames.getOrDefault(language, Map.of()).getOrDefault(id, id);
    }

    /** The page as text, to fill with a decision ({@link DecisionView}). */
    String pageText(Language language) {
        return pageTexts.get(language);
    }

    /** The writer of the page with a decision in it. */
    DecisionView view() {
        return view;
    }

    byte[] labels(Language language) {
        return labels.get(language);
    }

    byte[] clauses(Language language) {
        return clauses.get(language);
    }

    byte[] contacts(Language language) {
        return contacts.get(language);
    }

    /** The usage's fields and the values a person can state for each: {@code GET /api/schema}. */
    byte[] schema() {
        return schema;
    }

    StaticFile file(String path) {
        return files.get(path);
    }

    /** A text of the page's bundle. */
    String text(String key, Language language) {
        String value = texts.get(language).getProperty(key);
        if (value == null) {
            throw new IllegalStateException("the page's texts lack " + key + " in " + language.code());
        }
        return value;
    }

    /** True when the page's texts have this key (in English; both languages have the same keys). */
    boolean hasText(String key) {
        return texts.get(Language.EN).containsKey(key);
    }

    /** The template with every placeholder replaced by its HTML-escaped text; a missing key stops the start. */
    String fill(String template, Language language) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals("lang") ? language.code() : escape(text(key, language));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private byte[] labelsJson(Language language) {
        ObjectNode root = JSON.createObjectNode();
        root.put("language", language.code());
        ObjectNode node = root.putObject("labels");
        new TreeMap<>(texts.get(language)).forEach((k, v) -> node.put((String) k, (String) v));
        return bytes(root);
    }

    /**
     * The usage's fields a person answers, as the page builds its questions from them: every field
     * of {@code context} ({@link ContextField#all()}, in order) with its JSON name, its path, its
     * kind ({@code boolean} or {@code enum}) and the values that can be stated, then the values of
     * {@code hosting}, {@code dataCategories} and {@code purpose}. Language-independent: the page's
     * labels for them are in its bundles ({@code q.NAME}, {@code NAME.VALUE}).
     */
    private static byte[] schemaJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode context = root.putArray("context");
        for (ContextField field : ContextField.all()) {
            ObjectNode node = context.addObject();
            node.put("name", field.jsonName());
            node.put("path", field.path());
            node.put("kind", field.type() == Boolean.class ? "boolean" : "enum");
            ArrayNode values = node.putArray("values");
            field.acceptedTexts().forEach(values::add);
        }
        ArrayNode hosting = root.putArray("hosting");
        for (Hosting h : Hosting.values()) {
            hosting.add(h.name());
        }
        ArrayNode categories = root.putArray("dataCategories");
        for (DataCategory c : DataCategory.values()) {
            categories.add(c.name());
        }
        ArrayNode purposes = root.putArray("purpose");
        for (Purpose p : Purpose.values()) {
            purposes.add(p.name());
        }
        return bytes(root);
    }

    /**
     * The OpenAPI description, written by hand but for what the usage schema defines: the fields of
     * {@code context} ({@link ContextField#all()}: a boolean, or a text among the field's values; null
     * is "not stated") and the values of {@code hosting}, {@code dataCategories} and {@code purpose}
     * are filled in here, so that a field added to the schema is described without an edit.
     */
    private static byte[] openApiJson() {
        ObjectNode root;
        try {
            root = (ObjectNode) JSON.readTree(read("openapi.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode request = (ObjectNode) root.at("/components/schemas/DecisionRequest/properties");
        ObjectNode context = ((ObjectNode) request.get("context")).putObject("properties");
        for (ContextField field : ContextField.all()) {
            ObjectNode property = context.putObject(field.jsonName());
            if (field.type() == Boolean.class) {
                property.put("type", "boolean");
            } else {
                property.put("type", "string");
                field.acceptedTexts().forEach(property.putArray("enum")::add);
            }
            property.put("nullable", true);
        }
        enumOf((ObjectNode) request.get("hosting"), Hosting.values());
        enumOf((ObjectNode) request.get("dataCategories").get("items"), DataCategory.values());
        enumOf((ObjectNode) request.get("purpose"), Purpose.values());
        return bytes(root);
    }

    private static void enumOf(ObjectNode schema, Enum<?>[] values) {
        ArrayNode names = schema.putArray("enum");
        for (Enum<?> value : values) {
            names.add(value.name());
        }
    }

    /**
     * Whom a decision may send a person to, named in a language by the policy's texts
     * ({@code engine.policy().contact(contact, language)}), with how to reach each: the AI &amp;
     * Digital Unit's address, the only one published; for the others, the page's text saying to ask
     * the Unit. {@link Contact#description()} names a contact when the policy lacks the language.
     */
    private byte[] contactsJson(PolicyEngine engine, Language language) {
        ObjectNode root = JSON.createObjectNode();
        root.put("language", language.code());
        ArrayNode array = root.putArray("contacts");
        for (Contact contact : Contact.values()) {
            ObjectNode node = array.addObject();
            node.put("id", contact.name());
            String name;
            try {
                name = engine.policy().contact(contact, language);
            } catch (UnsupportedOperationException e) {
                name = contact.description();
            }
            node.put("name", name);
            contactNames.computeIfAbsent(language, l -> new LinkedHashMap<>()).put(contact.name(), name);
            if (contact == Contact.AI_UNIT) {
                node.put("email", AI_UNIT_ADDRESS);
                node.put("reach", text("contact.reach.write", language));
            } else {
                node.putNull("email");
                node.put("reach", text("contact.reach.askUnit", language));
            }
        }
        return bytes(root);
    }

    private static Properties loadTexts(Language language) {
        String name = language == Language.EN ? "messages.properties" : "messages_" + language.code() + ".properties";
        Properties properties = new Properties();
        try (InputStream in = PageContent.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ROOT + name);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static byte[] read(String name) {
        try (InputStream in = PageContent.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ROOT + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys of the page's texts, for tests. */
    List<String> keys(Language language) {
        return texts.get(language).stringPropertyNames().stream().sorted().toList();
    }
}
