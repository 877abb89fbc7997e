package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.usage.ContextField;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page with a decision in it, written on the server for a browser without JavaScript: the same
 * elements, ids and classes as the page's script builds in {@code render()} (app.js), filled from the
 * same JSON report ({@code PolicyJson.write}), so the two show the same decision; the form keeps the
 * answers given. Also the context questions, as the script builds them from {@code /api/schema}, so
 * that they are there without it. Every text is HTML-escaped.
 */
final class DecisionView {
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern OPTION = Pattern.compile("<option value=\"([^\"]*)\"( selected)?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(name|value|type)=\"([^\"]*)\"");

    private final PageContent content;

    DecisionView(PageContent content) {
        this.content = content;
    }

    private String t(String key, Language language, Object... args) {
        String text = content.text(key, language);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    private static String esc(String text) {
        return PageContent.escape(text == null ? "" : text);
    }

    /**
     * The context questions, one tri-state fieldset per field of {@link ContextField#all()}, "not
     * stated" first, as the script's {@code buildQuestions()} makes them; the form's answers checked.
     */
    String contextQuestions(Language language, FormRequest form) {
        StringBuilder html = new StringBuilder();
        for (ContextField field : ContextField.all()) {
            String name = field.jsonName();
            boolean bool = field.type() == Boolean.class;
            html.append("<fieldset class=\"tri\" id=\"q-").append(name).append("\" data-path=\"").append(esc(field.path()))
                    .append("\"><legend>").append(esc(t("q." + name, language))).append("</legend>");
            if (content.hasText("q." + name + ".explain")) {
                html.append("<p class=\"hint\">").append(esc(t("q." + name + ".explain", language))).append("</p>");
            }
            List<String> values = new ArrayList<>();
            values.add("");
            values.addAll(field.acceptedTexts());
            String stated = form == null ? "" : form.value(name);
            for (String value : values) {
                String id = value.isEmpty() ? name + "-unset" : bool ? name + (value.equals("true") ? "-yes" : "-no")
                        : name + "-" + value;
                String label = value.isEmpty() ? t("choice.unset", language)
                        : bool ? t(value.equals("true") ? "choice.yes" : "choice.no", language) : t(name + "." + value, language);
                html.append("<span class=\"choice\"><input type=\"radio\" name=\"").append(name).append("\" value=\"")
                        .append(esc(value)).append("\" id=\"").append(esc(id)).append('"')
                        .append(value.equals(stated) ? " checked" : "").append("><label for=\"").append(esc(id)).append("\">")
                        .append(esc(label)).append("</label></span>");
            }
            html.append("</fieldset>");
        }
        return html.toString();
    }

    /** The page's form with the answers given: radio buttons and boxes checked, texts filled, the purpose chosen. */
    static String withAnswers(String page, FormRequest form) {
        Matcher m = INPUT.matcher(page);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String tag = m.group();
            String name = null;
            String value = null;
            String type = null;
            Matcher a = ATTRIBUTE.matcher(tag);
            while (a.find()) {
                switch (a.group(1)) {
                    case "name" -> name = name == null ? a.group(2) : name;
                    case "value" -> value = value == null ? a.group(2) : value;
                    default -> type = type == null ? a.group(2) : type;
                }
            }
            if (name != null && ("radio".equals(type) || "checkbox".equals(type)) && value != null) {
                boolean chosen = form.has(name, value) || "radio".equals(type) && value.isEmpty() && form.value(name).isEmpty();
                tag = tag.replace(" checked", "");
                if (chosen) {
                    tag = tag.substring(0, tag.length() - 1) + " checked>";
                }
            } else if (name != null && ("text".equals(type) || "number".equals(type))) {
                tag = tag.substring(0, tag.length() - 1) + " value=\"" + esc(form.value(name)) + "\">";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(tag));
        }
        m.appendTail(out);
        String purpose = form.value("purpose");
        Matcher o = OPTION.matcher(out.toString());
        StringBuilder chosen = new StringBuilder();
        while (o.find()) {
            o.appendReplacement(chosen, Matcher.quoteReplacement("<option value=\"" + o.group(1) + "\""
                    + (o.group(1).equals(purpose) ? " selected" : "") + ">"));
        }
        o.appendTail(chosen);
        return chosen.toString();
    }

    /** Puts HTML inside the (empty) element that has this id. */
    static String fill(String page, String id, String inner) {
        int at = page.indexOf(" id=\"" + id + "\"");
        if (at < 0) {
            throw new IllegalStateException("the page has no element " + id);
        }
        int open = page.indexOf('>', at) + 1;
        return page.substring(0, open) + inner + page.substring(open);
    }

    /** Shows (or hides) the element that has this id. */
    static String show(String page, String id, boolean visible) {
        int at = page.indexOf(" id=\"" + id + "\"");
        int end = page.indexOf('>', at);
        String tag = page.substring(at, end).replace(" hidden", "");
        return page.substring(0, at) + tag + (visible ? "" : " hidden") + page.substring(end);
    }

    private static String clauseList(JsonNode ids) {
        List<String> list = new ArrayList<>();
        ids.forEach(id -> list.add(id.asText()));
        return list.isEmpty() ? "" : " (" + String.join(", ", list) + ")";
    }

    private static String items(JsonNode items) {
        StringBuilder html = new StringBuilder();
        for (JsonNode item : items) {
            html.append("<li>").append(esc(item.path("text").asText() + clauseList(item.path("clauses")))).append("</li>");
        }
        return html.toString();
    }

    /**
     * The page showing a decision, as {@code render()} in app.js shows it.
     *
     * @param page the page in the language, its form already filled with the answers
     * @param report the report, as {@code POST /api/decisions} answers it
     * @param request the JSON request that was decided, shown under "as JSON"
     * @param language the page's language
     * @param askAgain the address that asks the same question again
     * @return the page
     */
    String decided(String page, JsonNode report, String request, Language language, String askAgain) {
        String verdict = report.path("verdict").asText();
        String html = page.replace("<div id=\"verdict\" class=\"verdict\">", "<div id=\"verdict\" class=\"verdict verdict-"
                + verdict.toLowerCase(java.util.Locale.ROOT) + "\" data-verdict=\"" + esc(verdict) + "\">");
        html = fill(html, "verdict-title", esc(t("verdict." + verdict + ".title", language)));
        html = fill(html, "verdict-summary", esc(t("verdict." + verdict + ".summary", language)));
        StringBuilder reasons = new StringBuilder();
        for (JsonNode reason : report.path("reasons")) {
            String effect = reason.path("effect").asText();
            reasons.append("<li data-rule=\"").append(esc(reason.path("rule").asText())).append("\"><span class=\"tag tag-")
                    .append(esc(effect.toLowerCase(java.util.Locale.ROOT))).append("\">").append(esc(t("effect." + effect, language)))
                    .append("</span> ").append(esc(reason.path("text").asText() + clauseList(reason.path("clauses"))))
                    .append("</li>");
        }
        html = fill(html, "reasons", reasons.toString());
        html = fill(html, "obligations", items(report.path("obligations")));
        html = show(html, "obligations-block", report.path("obligations").size() > 0);
        html = fill(html, "advice", items(report.path("advice")));
        html = show(html, "advice-block", report.path("advice").size() > 0);
        StringBuilder assumptions = new StringBuilder();
        for (JsonNode a : report.path("assumptions")) {
            String rule = esc(a.path("rule").asText());
            assumptions.append("<li data-assumption=\"").append(rule).append("\" data-field=\"")
                    .append(esc(a.path("field").asText())).append("\"><p class=\"assumed\">")
                    .append(esc(t("assumption.taken", language, a.path("text").asText()) + clauseList(a.path("clauses"))))
                    .append("</p><p class=\"otherwise\">")
                    .append(esc(t("assumption.otherwise", language, t("effect." + a.path("otherwise").asText(), language))))
                    .append("</p><div class=\"follow-up\" role=\"group\" aria-labelledby=\"question-").append(rule)
                    .append("\"><p class=\"question\" id=\"question-").append(rule).append("\">")
                    .append(esc(a.path("question").asText())).append("</p><div class=\"answers\"></div></div></li>");
        }
        html = fill(html, "assumptions", assumptions.toString());
        html = show(html, "assumptions-block", report.path("assumptions").size() > 0);
        StringBuilder alternatives = new StringBuilder();
        for (JsonNode alternative : report.path("alternatives")) {
            List<String> changes = new ArrayList<>();
            alternative.path("changes").forEach(c -> changes.add(c.path("text").asText()));
            alternatives.append("<li>").append(esc(String.join(" ", changes))).append("</li>");
        }
        html = fill(html, "alternatives", alternatives.toString());
        html = show(html, "alternatives-block", report.path("alternatives").size() > 0);
        boolean escalate = report.path("escalateTo").size() > 0;
        html = fill(html, "contacts-intro", esc(t(escalate ? "contacts.intro.escalate" : "contacts.intro.other", language)));
        StringBuilder contacts = new StringBuilder();
        List<String> who = new ArrayList<>();
        report.path("escalateTo").forEach(c -> who.add(c.asText()));
        if (who.isEmpty()) {
            who.add("AI_UNIT");
        }
        for (String id : who) {
            String name = content.contactName(id, language);
            for (JsonNode c : report.path("contacts")) {
                if (c.path("id").asText().equals(id) && !c.path("name").asText().isEmpty()) {
                    name = c.path("name").asText();
                }
            }
            boolean unit = id.equals("AI_UNIT");
            contacts.append("<li data-contact=\"").append(esc(id)).append("\"><strong>").append(esc(name)).append("</strong>")
                    .append(esc(" \u2014 " + t(unit ? "contact.reach.write" : "contact.reach.askUnit", language) + " "))
                    .append("<a href=\"mailto:").append(PageContent.AI_UNIT_ADDRESS).append("\">")
                    .append(PageContent.AI_UNIT_ADDRESS).append("</a></li>");
        }
        html = fill(html, "contacts", contacts.toString());
        StringBuilder citations = new StringBuilder();
        for (JsonNode clause : report.path("citations")) {
            String section = clause.path("section").asText();
            String clauseLanguage = clause.path("language").asText();
            String original = "<blockquote lang=\"" + esc(clauseLanguage) + "\">" + esc(clause.path("text").asText())
                    + "</blockquote>";
            citations.append("<details class=\"clause\" data-clause=\"").append(esc(clause.path("id").asText()))
                    .append("\"><summary>").append(esc(clause.path("id").asText() + ": " + clause.path("title").asText()))
                    .append("</summary>");
            JsonNode translation = clause.path("translation");
            if (translation.path("language").asText().equals(language.code()) && !clauseLanguage.equals(language.code())) {
                // as app.js: the page's language first, marked unofficial; the source's words one click away
                citations.append("<blockquote lang=\"").append(esc(translation.path("language").asText()))
                        .append("\" class=\"translation\">").append(esc(translation.path("text").asText()))
                        .append("</blockquote><p class=\"translation-note\">").append(esc(t("clause.translation.note", language)))
                        .append("</p><details class=\"original\"><summary>")
                        .append(esc(t("clause.original", language, clauseLanguage))).append("</summary>").append(original)
                        .append("</details>");
            } else {
                citations.append(original);
            }
            citations.append("<p class=\"source\">")
                    .append(esc(clause.path("source").asText() + (section.isEmpty() ? "" : ", " + section)))
                    .append("</p></details>");
        }
        html = fill(html, "citations", citations.toString());
        html = fill(html, "usage-json", esc(request));
        String digest = report.path("policyDigest").asText();
        html = fill(html, "policy-version", esc(t("policy.version", language, report.path("policyVersion").asText(),
                digest.substring(0, Math.min(19, digest.length())))));
        String decisionId = report.path("decisionId").asText("");
        html = fill(html, "decision-id", decisionId.isEmpty() ? "" : esc(t("decision.id", language, decisionId)));
        html = show(html, "decision-id", !decisionId.isEmpty());
        html = html.replace("id=\"send-decision\" href=\"#\"", "id=\"send-decision\" href=\""
                + esc(mailto(report, language, askAgain)) + "\"");
        html = show(html, "result-actions", true);
        return show(html, "result", true);
    }

    /**
     * A message to the AI &amp; Digital Unit about the decision: the verdict, the tool, the reasons,
     * the decision's id when there is one, and the link to ask the same question again. The page's
     * script writes the same ({@code mailto()} in app.js).
     */
    String mailto(JsonNode report, Language language, String askAgain) {
        String verdict = report.path("verdict").asText();
        StringBuilder body = new StringBuilder();
        body.append(t("verdict." + verdict + ".title", language)).append("\n\n");
        for (JsonNode reason : report.path("reasons")) {
            body.append("- ").append(reason.path("text").asText()).append(clauseList(reason.path("clauses"))).append('\n');
        }
        String decisionId = report.path("decisionId").asText("");
        if (!decisionId.isEmpty()) {
            body.append('\n').append(t("decision.id", language, decisionId)).append('\n');
        }
        body.append('\n').append(t("send.askAgain", language)).append('\n').append(askAgain).append('\n');
        return "mailto:" + PageContent.AI_UNIT_ADDRESS + "?subject=" + mailEscape(t("send.subject", language,
                t("verdict." + verdict + ".title", language))) + "&body=" + mailEscape(body.toString());
    }

    /** RFC 6068: percent-encoded UTF-8, spaces as %20 (not +, which mail programs show as is). */
    static String mailEscape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The page with the question's problem shown where the script shows it, and nothing decided.
     *
     * @param page the page, its form filled with the answers
     * @param title the sentence above the problem
     * @param problem what is wrong, in plain words
     * @return the page
     */
    static String refused(String page, String title, String problem) {
        String html = fill(page, "error", "<p class=\"error-title\">" + esc(title) + "</p><ul><li>" + esc(problem) + "</li></ul>");
        return show(html, "error", true);
    }
}
