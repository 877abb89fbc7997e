package fr.inserm.aipolicy.server;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The page's form answered on the server, for a browser without JavaScript (a plain {@code POST /})
 * and for the link to ask again ({@code GET /?tool-name=...}): the answers become the JSON request the
 * script sends, decided and written into the page by {@link DecisionView}; a request not understood
 * is the page with the problem shown, status 400.
 */
final class FormPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page and its status. */
    record Answer(int status, byte[] page) {
    }

    private final PolicyEngine engine;
    private final PageContent content;

    FormPage(PolicyEngine engine, PageContent content) {
        this.engine = engine;
        this.content = content;
    }

    /**
     * Decides the form's answers and writes the page.
     *
     * @param form the answers
     * @param fallback the language when the form does not name one ({@code ?lang=}, else Accept-Language)
     * @param pageAddress the page's own address, for the link to ask again ({@code http://host/})
     * @return the page with the decision, or with the problem
     */
    Answer answer(FormRequest form, Language fallback, String pageAddress) {
        Language language = fallback;
        String lang = form.value("lang");
        if (lang.equals("fr") || lang.equals("en")) {
            language = Language.of(lang);
        }
        String page = DecisionView.withAnswers(content.pageText(language), form);
        ObjectNode request = form.toRequest(language);
        String requestText;
        try {
            requestText = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            EvaluationRequest evaluation = PolicyJson.readRequest(JSON.writeValueAsString(request), engine.tools());
            JsonNode report = JSON.readTree(PolicyJson.write(PolicyReports.of(engine).report(evaluation)));
            String askAgain = pageAddress + "?" + form.encoded();
            return new Answer(200, content.view().decided(page, report, requestText, language, askAgain)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (InvalidUsageException e) {
            String accepted = e.acceptedValues().isEmpty() ? ""
                    : " (" + content.text("error.accepted", language) + " " + String.join(", ", e.acceptedValues()) + ")";
            return new Answer(400, DecisionView.refused(page, content.text("error.invalid.title", language),
                    e.field() + ": " + e.problem() + accepted).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
