package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.usage.ContextField;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's form as a browser sends it without JavaScript ({@code application/x-www-form-urlencoded},
 * or the query of the link to ask again), turned into the same JSON request the page's script sends to
 * {@code POST /api/decisions}, so that one reader ({@code PolicyJson.readRequest}) checks both.
 *
 * <p>The form's names: {@code tool-name}, {@code generative} ({@code true}, {@code false} or empty),
 * {@code tool-size}, {@code hosting}, {@code dataCategories} (repeated), {@code purpose}, one per
 * context field by its JSON name (a value, or empty for not stated), {@code strict} and {@code lang}.
 */
final class FormRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> values;

    private FormRequest(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Reads a form body or a query.
     *
     * @param encoded the {@code name=value&...} text, escaped as a form is
     * @return the form's values, in order, by name
     * @throws RequestQuery.Unreadable when an escape cannot be read
     */
    static FormRequest parse(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = RequestQuery.decode(eq < 0 ? pair : pair.substring(0, eq), null);
                String value = eq < 0 ? "" : RequestQuery.decode(pair.substring(eq + 1), name);
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new FormRequest(values);
    }

    /** The values encoded again, for the link that asks the same question. */
    String encoded() {
        StringBuilder out = new StringBuilder();
        values.forEach((name, list) -> list.forEach(value -> {
            if (!value.isEmpty()) {
                out.append(out.length() == 0 ? "" : "&").append(DecisionView.mailEscape(name)).append('=')
                        .append(DecisionView.mailEscape(value));
            }
        }));
        return out.toString();
    }

    /** True when the values ask a question (the link to ask again carries at least the tool's name). */
    boolean asks() {
        return values.containsKey("tool-name");
    }

    /** The first value of a name, stripped, or {@code ""}. */
    String value(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? "" : list.get(0).strip();
    }

    /** Every value of a name. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** True when the form has this value for this name (a ticked box, a chosen radio button). */
    boolean has(String name, String value) {
        return all(name).contains(value);
    }

    /**
     * The JSON request the script would send for these answers: in the page's language, with the
     * changes that would make the use allowed. A field left empty is left out (not stated); a size
     * that is not a number is sent as text, so that the reader names it.
     *
     * @param language the page's language
     * @return the request
     */
    ObjectNode toRequest(Language language) {
        ObjectNode request = JSON.createObjectNode();
        ObjectNode tool = request.putObject("tool");
        tool.put("name", value("tool-name"));
        String generative = value("generative");
        if (!generative.isEmpty()) {
            tool.put("generative", Boolean.parseBoolean(generative));
        }
        String size = value("tool-size");
        if (!size.isEmpty()) {
            try {
                tool.put("parametersBillions", new BigDecimal(size.replace(',', '.')));
            } catch (NumberFormatException e) {
                tool.put("parametersBillions", size);
            }
        }
        if (!value("hosting").isEmpty()) {
            request.put("hosting", value("hosting"));
        }
        ArrayNode categories = request.putArray("dataCategories");
        all("dataCategories").forEach(categories::add);
        if (value("purpose").isEmpty()) {
            request.putNull("purpose");
        } else {
            request.put("purpose", value("purpose"));
        }
        ObjectNode context = JSON.createObjectNode();
        for (ContextField field : ContextField.all()) {
            String stated = value(field.jsonName());
            if (stated.isEmpty()) {
                continue;
            }
            if (field.type() == Boolean.class && (stated.equals("true") || stated.equals("false"))) {
                context.put(field.jsonName(), Boolean.parseBoolean(stated));
            } else {
                context.put(field.jsonName(), stated);
            }
        }
        if (!context.isEmpty()) {
            request.set("context", context);
        }
        request.put("language", language.code());
        request.put("alternatives", true);
        if (!value("strict").isEmpty()) {
            request.put("strict", true);
        }
        return request;
    }
}
