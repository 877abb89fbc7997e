package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.Alternative;
import fr.inserm.aipolicy.report.Change;
import fr.inserm.aipolicy.report.DecisionReport;
import fr.inserm.aipolicy.report.Disclosure;
import fr.inserm.aipolicy.report.DisclosureFacts;
import fr.inserm.aipolicy.report.EvaluationRequest;
import fr.inserm.aipolicy.report.FrugalityComparison;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.tools.KnownTool;
import fr.inserm.aipolicy.tools.ModelFootprint;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Alternatives, disclosure paragraphs, the tool catalogue and frugality figures, with the real rules. */
class ActionableDecisionsTest {
    static final PolicyEngine ENGINE = ScenarioFilesTest.ENGINE;
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<List<String>> changes(List<Alternative> alternatives) {
        return alternatives.stream().map(a -> a.changes().stream()
                .map(c -> c.field() + "=" + (c.to() == null ? "-" + c.from() : c.to())).toList()).toList();
    }

    // ---- 2. alternatives

    @Test
    void pseudonymisedDataOnChatGptCanMoveInsideOrLeaveTheDataOut() {
        Usage usage = ENGINE.tools().usage("ChatGPT").dataCategories(DataCategory.PSEUDONYMISED_DATA)
                .purpose(Purpose.WRITING).build();
        assertEquals(Verdict.DENY, ENGINE.evaluate(usage).verdict());
        List<Alternative> alternatives = PolicyReports.of(ENGINE).alternatives(usage);
        assertEquals(List.of(List.of("hosting=INTERNAL"), List.of("hosting=LOCAL"),
                List.of("dataCategories=-PSEUDONYMISED_DATA")), changes(alternatives));
        for (Alternative alternative : alternatives) {
            assertEquals(List.of("D1"), alternative.resolvedRules());
            assertEquals(List.of("R3", "R4", "R4.1"), alternative.clauses());
            assertTrue(alternative.obligations().contains("VERIFY_OUTPUTS"));
        }
        Change leaveOut = alternatives.get(2).changes().get(0);
        assertEquals("Leave out the pseudonymised data.", leaveOut.text(Language.EN));
        assertEquals("Retirez les données pseudonymisées.", leaveOut.text(Language.FR));
    }

    @Test
    void anAutomatedPipelineNeedsTheDpiaAndTheAgreementTogether() {
        Usage usage = PolicyJson.readUsage("{\"tool\": {\"name\": \"Mistral API\"}, \"hosting\": \"EXTERNAL_SOVEREIGN\","
                + " \"dataCategories\": [\"PUBLIC\"], \"purpose\": \"AUTOMATED_PROCESSING\", \"context\": {\"dpiaCompleted\": false}}");
        List<Alternative> alternatives = PolicyReports.of(ENGINE).alternatives(usage);
        assertEquals(List.of(List.of("hosting=INTERNAL"), List.of("hosting=LOCAL"),
                List.of("context.dpiaCompleted=true", "context.subcontractingAgreement=true")), changes(alternatives));
        Alternative paperwork = alternatives.get(2);
        assertEquals(List.of("S2"), paperwork.resolvedRules());
        assertEquals(List.of("R4.4"), paperwork.clauses());
        assertEquals("false", paperwork.changes().get(0).from());
        assertNull(paperwork.changes().get(1).from(), "not stated");
    }

    @Test
    void anAllowedUsageHasNoAlternative() {
        Usage usage = PolicyJson.readUsage("{\"tool\": {\"name\": \"Llama3.2-1B via Ollama\", \"parametersBillions\": 1},"
                + " \"hosting\": \"LOCAL\", \"dataCategories\": [\"IDENTIFIABLE_HEALTH_DATA\"], \"purpose\": \"SUMMARISATION\"}");
        assertEquals(List.of(), PolicyReports.of(ENGINE).alternatives(usage));
    }

    /** Applies a change as its fields describe it, independently of how the search made it. */
    private static Usage apply(Usage usage, Change change) {
        Usage.Builder builder = usage.toBuilder();
        Context.Builder context = usage.context().toBuilder();
        String field = change.field();
        if (field.equals("hosting")) {
            return builder.hosting(Hosting.valueOf(change.to())).build();
        }
        if (field.equals("dataCategories")) {
            Set<DataCategory> rest = EnumSet.noneOf(DataCategory.class);
            rest.addAll(usage.dataCategories());
            assertTrue(rest.remove(DataCategory.valueOf(change.from())));
            return builder.dataCategories(rest).build();
        }
        fr.inserm.aipolicy.usage.ContextField contextField = fr.inserm.aipolicy.usage.ContextField.byJsonName(
                field.substring("context.".length()));
        assertNotNull(contextField, "unknown field " + field);
        context.set(contextField, contextField.parse(change.to()));
        return builder.context(context.build()).build();
    }

    @Test
    void everyAlternativeIsAllowedMinimalAndDescribedByItsChanges() {
        List<Usage> usages = new ArrayList<>();
        usages.addAll(ScenarioFilesTest.usages());
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Boolean[] flags = {null, true, false};
        for (int i = 0; i < 150; i++) {
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            for (DataCategory category : DataCategory.values()) {
                if (random.nextInt(6) == 0) {
                    categories.add(category);
                }
            }
            Purpose purpose = Purpose.values()[random.nextInt(Purpose.values().length)];
            if (categories.isEmpty() && purpose.consumesData()) {
                categories.add(DataCategory.PUBLIC);
            }
            usages.add(Usage.builder().tool("any tool").hosting(Hosting.values()[random.nextInt(4)])
                    .dataCategories(categories).purpose(purpose)
                    .context(Context.builder().userTrained(flags[random.nextInt(3)]).expertReview(flags[random.nextInt(3)])
                            .dpiaCompleted(flags[random.nextInt(3)]).subcontractingAgreement(flags[random.nextInt(3)])
                            .trainingDataLawful(flags[random.nextInt(3)]).webScraping(flags[random.nextInt(3)])
                            .scrapingTermsRespected(flags[random.nextInt(3)])
                            .automatedDecisionOnPeople(flags[random.nextInt(3)])
                            .subscription(random.nextBoolean() ? null
                                    : fr.inserm.aipolicy.usage.Subscription.values()[random.nextInt(3)])
                            .codeTarget(random.nextBoolean() ? null
                                    : fr.inserm.aipolicy.usage.CodeTarget.values()[random.nextInt(4)])
                            .build())
                    .build());
        }
        int withAlternatives = 0;
        for (Usage usage : usages) {
            String where = "seed " + seed + ", usage " + PolicyJson.write(usage);
            Decision decision = ENGINE.evaluate(usage);
            List<Alternative> alternatives = PolicyReports.of(ENGINE).alternatives(usage);
            if (decision.verdict() == Verdict.ALLOW) {
                assertEquals(List.of(), alternatives, where);
                continue;
            }
            withAlternatives += alternatives.isEmpty() ? 0 : 1;
            int previousSize = 0;
            for (Alternative alternative : alternatives) {
                assertTrue(alternative.changes().size() >= previousSize, "smallest first: " + where);
                previousSize = alternative.changes().size();
                Usage changed = usage;
                for (Change change : alternative.changes()) {
                    changed = apply(changed, change);
                    assertFalse(change.text(Language.EN).isBlank());
                    assertFalse(change.text(Language.FR).isBlank());
                }
                assertEquals(alternative.usage(), changed, "the changes describe the variant: " + where);
                Decision allowed = ENGINE.evaluate(asDeclared(changed));
                assertEquals(Verdict.ALLOW, allowed.verdict(), where);
                assertFalse(alternative.resolvedRules().isEmpty(), where);
                for (String rule : alternative.resolvedRules()) {
                    assertTrue(decision.appliedRules().contains(rule) && !allowed.appliedRules().contains(rule), where);
                }
                for (int left = 0; left < alternative.changes().size() && alternative.changes().size() > 1; left++) {
                    Usage fewer = usage;
                    for (int j = 0; j < alternative.changes().size(); j++) {
                        if (j != left) {
                            fewer = apply(fewer, alternative.changes().get(j));
                        }
                    }
                    assertTrue(ENGINE.evaluate(asDeclared(fewer)).verdict() != Verdict.ALLOW, "not minimal: " + where);
                }
            }
        }
        assertTrue(withAlternatives > 20, "the sample exercises the search: " + withAlternatives + ", seed " + seed);
    }

    /**
     * A variant on another hosting keeps the tool's name while its change says to use another tool:
     * decide it under a name the tool catalogue does not know, which the rules never read.
     */
    private static Usage asDeclared(Usage variant) {
        return variant.toBuilder().tool(new fr.inserm.aipolicy.usage.Tool("a tool on that hosting",
                variant.tool().generative(), variant.tool().parametersBillions())).build();
    }

    // ---- 3. disclosure

    @Test
    void anAllowedUseForAPublicationGetsItsDisclosureParagraphInBothLanguages() {
        Usage usage = PolicyJson.readUsage("{\"tool\": {\"name\": \"Llama3.2-1B via Ollama\", \"parametersBillions\": 1.23},"
                + " \"hosting\": \"LOCAL\", \"dataCategories\": [\"UNPUBLISHED_RESEARCH\"], \"purpose\": \"WRITING\","
                + " \"context\": {\"forPublication\": true}}");
        DisclosureFacts facts = new DisclosureFacts("3.2 (Ollama llama3.2:1b)", "to improve the English of the discussion.",
                "temperature 0.2", "two authors re-read every sentence against the results");
        Disclosure disclosure = PolicyReports.of(ENGINE).disclosure(usage, facts).orElseThrow();
        String en = disclosure.paragraph(Language.EN);
        String fr = disclosure.paragraph(Language.FR);
        assertTrue(en.startsWith("We used Llama3.2-1B via Ollama (version 3.2 (Ollama llama3.2:1b)) for writing assistance."), en);
        assertTrue(en.contains("Role in this work: to improve the English of the discussion."), en);
        assertTrue(en.contains("temperature 0.2") && en.contains("two authors re-read") && en.contains("1.23 billion"), en);
        assertTrue(fr.startsWith("Nous avons utilisé Llama3.2-1B via Ollama"), fr);
        assertTrue(fr.contains("1,23 milliards") && fr.contains("en local"), fr);
        assertEquals("Use of AI systems", disclosure.heading(Language.EN));
        assertEquals("Utilisation de systèmes d'IA", disclosure.heading(Language.FR));
        assertEquals(List.of(), disclosure.missing());
        assertTrue(disclosure.clauses().contains("E1.2"));
        assertFalse(en.contains("[") || fr.contains("["), "no gap left when every fact is given");
    }

    @Test
    void missingFactsLeaveGapsAndAreListed() {
        Usage usage = ENGINE.tools().usage("Inserm internal assistant").purpose(Purpose.SUMMARISATION)
                .dataCategories(DataCategory.PUBLIC).context(Context.builder().forPublication(true).build()).build();
        Disclosure disclosure = PolicyReports.of(ENGINE).disclosure(usage, DisclosureFacts.NONE).orElseThrow();
        assertEquals(List.of("disclosure.toolVersion", "disclosure.role", "disclosure.parameters",
                "disclosure.verification"), disclosure.missing());
        assertTrue(disclosure.paragraph(Language.EN).contains("[Role of the tool"));
        assertTrue(disclosure.paragraph(Language.FR).contains("[Rôle de l'outil"));
    }

    @Test
    void noDisclosureOnADenialAndOneForEveryOtherUse() {
        Usage denied = ENGINE.tools().usage("ChatGPT").dataCategories(DataCategory.UNPUBLISHED_RESEARCH)
                .purpose(Purpose.WRITING).context(Context.builder().forPublication(true).build()).build();
        assertEquals(Verdict.DENY, ENGINE.evaluate(denied).verdict());
        assertTrue(PolicyReports.of(ENGINE).disclosure(denied, DisclosureFacts.NONE).isEmpty());
        // R6.2: the use of AI is mentioned "regardless of the tool used", published or not
        Usage notPublished = ENGINE.tools().usage("ChatGPT").dataCategories(DataCategory.PUBLIC)
                .purpose(Purpose.TRANSLATION).build();
        assertTrue(PolicyReports.of(ENGINE).disclosure(notPublished, DisclosureFacts.NONE).isPresent());
        assertFalse(PolicyReports.of(ENGINE).disclosure(notPublished, DisclosureFacts.NONE).orElseThrow().clauses().contains("E1.2"));
    }

    // ---- 4. tool catalogue

    @Test
    void theCatalogueKnowsTheWellKnownTools() {
        assertFalse(ENGINE.tools().version().isBlank());
        for (String name : List.of("ChatGPT", "Claude", "Gemini", "Mistral Le Chat", "Mistral API", "GitHub Copilot",
                "Codestral", "Llama3.2-1B", "BioBERT", "Inserm internal assistant")) {
            assertTrue(ENGINE.tools().find(name).isPresent(), name);
        }
        KnownTool chatgpt = ENGINE.tools().find("ChatGPT").orElseThrow();
        assertTrue(chatgpt.externalOnly());
        // a name that merely contains a catalogued name is not that tool: no guessing from parts
        assertTrue(ENGINE.tools().find("ChatGPT (Inserm assistant account)").isEmpty());
        KnownTool biobert = ENGINE.tools().find("BioBERT").orElseThrow();
        assertEquals(Boolean.FALSE, biobert.generative());
        assertEquals(0.11, biobert.parametersBillions());
        assertTrue(ENGINE.tools().find("Mistral 7B via Ollama").isEmpty());
        assertTrue(ENGINE.tools().suppliedHosting("Mistral 7B via Ollama").isEmpty());
        assertEquals(Hosting.INTERNAL, ENGINE.tools().find("Inserm internal assistant").orElseThrow().hosting());
    }

    @Test
    void everyScenarioAgreesWithTheCatalogue() {
        for (var scenario : ScenarioFilesTest.decided()) {
            EvaluationRequest request = scenario.request(ENGINE);
            assertEquals(request.usage(), ENGINE.tools().check(request.usage()), scenario.toString());
        }
    }

    @Test
    void chatGptDeclaredLocalIsRefusedOnEveryNewPath() {
        String json = "{\"tool\": {\"name\": \"ChatGPT\"}, \"hosting\": \"LOCAL\", \"dataCategories\": [\"PSEUDONYMISED_DATA\"],"
                + " \"purpose\": \"SUMMARISATION\"}";
        InvalidUsageException read = assertThrows(InvalidUsageException.class, () -> PolicyJson.readRequest(json, ENGINE.tools()));
        assertEquals("hosting", read.field());
        assertTrue(read.getMessage().contains("ChatGPT exists only as an external service"), read.getMessage());
        Usage usage = PolicyJson.readUsage(json);
        assertEquals("hosting", assertThrows(InvalidUsageException.class, () -> PolicyReports.of(ENGINE).evaluate(usage, Locale.FRENCH)).field());
        assertEquals("hosting", assertThrows(InvalidUsageException.class, () -> PolicyReports.of(ENGINE).alternatives(usage)).field());
        assertEquals("hosting", assertThrows(InvalidUsageException.class,
                () -> PolicyReports.of(ENGINE).report(EvaluationRequest.of(usage))).field());
    }

    @Test
    void aCataloguedToolMayLeaveOutTheHostingAndTheSizeOnlyWhenItsNameIsExactAndItRunsInOnePlace() {
        EvaluationRequest request = PolicyJson.readRequest("{\"tool\": {\"name\": \"Inserm internal assistant\"},"
                + " \"dataCategories\": [\"PSEUDONYMISED_DATA\"], \"purpose\": \"SUMMARISATION\"}", ENGINE.tools());
        assertEquals(Hosting.INTERNAL, request.usage().hosting());
        assertEquals(List.of("hosting"), request.completedFromCatalogue());
        DecisionReport report = PolicyReports.of(ENGINE).report(request);
        assertEquals(Verdict.ALLOW, report.decision().verdict());
        assertTrue(report.decision().assumptions().stream().noneMatch(a -> a.field().equals("hosting")),
                "the catalogue confirms the internal assistant");
        // a runner and a model named together: the hosting is the user's to state
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> PolicyJson.readRequest(
                "{\"tool\": {\"name\": \"Llama3.2-1B via Ollama\"}, \"dataCategories\": [\"PUBLIC\"],"
                        + " \"purpose\": \"SUMMARISATION\"}", ENGINE.tools()));
        assertEquals("hosting", e.field());
    }

    // ---- 5. frugality

    @Test
    void mistralLargeGetsTheEcoLogitsComparisonAndTheSmallerModels() {
        Usage usage = ENGINE.tools().usage("Mistral Large").hosting(Hosting.EXTERNAL_SOVEREIGN)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.SUMMARISATION).build();
        assertTrue(ENGINE.evaluate(usage).adviceIds().contains("PREFER_SMALLER_MODEL"), "123 billion parameters");
        FrugalityComparison frugality = PolicyReports.of(ENGINE).frugality(usage).orElseThrow();
        assertEquals("Mistral Large", frugality.model());
        assertEquals(List.of("ChatGPT 5", "Claude Sonnet 4.0", "Google Gemini 2.5", "Mistral Large"),
                frugality.footprints().stream().map(ModelFootprint::model).toList());
        assertEquals(List.of("BioBERT", "Llama3.2-1B"), frugality.smallerModels().stream().map(KnownTool::name).toList());
        assertEquals(List.of("R2", "R2.2", "E7"), frugality.clauses());
        String fr = frugality.summary(Language.FR);
        assertTrue(fr.contains("144 mWh") && fr.contains("8,13 mg CO2-eq") && fr.contains("1,02 mL"), fr);
        assertTrue(fr.contains("426 à 455 mWh"), fr);
        assertTrue(fr.contains("BioBERT (environ 110 millions de paramètres)"), fr);
        assertTrue(frugality.summary(Language.EN).contains("Llama3.2-1B (about 1.23 billion parameters)"));
    }

    @Test
    void theComparisonMatchesTheTableOfRecommendation2() {
        // the source's table: ChatGPT 5, Claude Sonnet 4.0, Google Gemini 2.5, Mistral large
        double[][] source = {{434, 181, 1.88}, {455, 184, 1.91}, {426, 169, 1.88}, {144, 8.13, 1.02}};
        List<ModelFootprint> rows = ENGINE.tools().footprints();
        assertEquals(source.length, rows.size());
        for (int i = 0; i < source.length; i++) {
            assertEquals(source[i][0], rows.get(i).energyMilliwattHours());
            assertEquals(source[i][1], rows.get(i).co2MilligramsEq());
            assertEquals(source[i][2], rows.get(i).waterMillilitres());
        }
    }

    @Test
    void onlyTheComparedModelsGetTheTableAndOnlyWhenTheAdviceApplies() {
        Usage chatgpt = Usage.builder().tool(new fr.inserm.aipolicy.usage.Tool("ChatGPT", true, 1800.0))
                .hosting(Hosting.EXTERNAL).dataCategories(DataCategory.PUBLIC).purpose(Purpose.SUMMARISATION).build();
        assertEquals("ChatGPT 5", PolicyReports.of(ENGINE).frugality(chatgpt).orElseThrow().model());
        Usage llama70 = ENGINE.tools().usage("Llama 3.1 70B").hosting(Hosting.LOCAL)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.SUMMARISATION).build();
        FrugalityComparison other = PolicyReports.of(ENGINE).frugality(llama70).orElseThrow();
        assertNull(other.model());
        assertEquals(List.of(), other.footprints());
        assertEquals(2, other.smallerModels().size());
        Usage unstated = ENGINE.tools().usage("ChatGPT").dataCategories(DataCategory.PUBLIC).purpose(Purpose.SUMMARISATION).build();
        assertTrue(PolicyReports.of(ENGINE).frugality(unstated).isEmpty(), "ChatGPT's size is not published, so the advice does not apply");
        Usage small = ENGINE.tools().usage("Llama 3.2 1B").hosting(Hosting.LOCAL)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.SUMMARISATION).build();
        assertTrue(PolicyReports.of(ENGINE).frugality(small).isEmpty());
    }

    // ---- 1 to 5 in the JSON report

    @Test
    void theReportInFrenchCarriesEverythingAndTheEnglishOneStartsWithThePlainDecision() throws Exception {
        String json = "{\"tool\": {\"name\": \"ChatGPT\"}, \"dataCategories\": [\"UNKNOWN\"], \"purpose\": \"WRITING\","
                + " \"context\": {\"forPublication\": true}, \"language\": \"fr\", \"alternatives\": true}";
        DecisionReport report = PolicyReports.of(ENGINE).report(PolicyJson.readRequest(json, ENGINE.tools()));
        assertEquals(Verdict.ESCALATE, report.decision().verdict());
        JsonNode node = MAPPER.readTree(PolicyJson.write(report));
        assertEquals("fr", node.get("language").asText());
        assertTrue(node.get("reasons").get(0).get("text").asText().startsWith("Vous ne savez pas"));
        assertEquals(3, node.get("contacts").size());
        assertTrue(node.get("contacts").get(0).get("name").asText().startsWith("Délégué à la protection des données"));
        assertEquals("chatgpt", node.get("toolCatalogue").get("tool").asText());
        assertEquals("hosting", node.get("toolCatalogue").get("completed").get(0).asText());
        JsonNode alternatives = node.get("alternatives");
        assertTrue(alternatives.size() >= 3);
        assertEquals("Utilisez plutôt l'environnement interne sécurisé de l'Inserm (l'assistant IA interne).",
                alternatives.get(0).get("changes").get(0).get("text").asText());
        assertTrue(node.get("disclosure").get("en").get("text").asText().startsWith("We used ChatGPT for writing assistance."));
        assertTrue(node.get("disclosure").get("fr").get("text").asText().startsWith("Nous avons utilisé ChatGPT pour l'aide à la rédaction."));
        assertFalse(node.has("frugality"));
        assertEquals(List.of(Contact.DPO, Contact.CDO, Contact.AI_UNIT), report.decision().escalateTo());

        for (Usage scenarioUsage : ScenarioFilesTest.usages()) {
            DecisionReport english = PolicyReports.of(ENGINE).report(EvaluationRequest.of(scenarioUsage));
            ObjectNode written = (ObjectNode) MAPPER.readTree(PolicyJson.write(english));
            for (String extra : List.of("language", "contacts", "toolCatalogue", "alternatives", "disclosure", "frugality")) {
                written.remove(extra);
            }
            assertEquals(PolicyJson.write(ENGINE.evaluate(scenarioUsage)), MAPPER.writeValueAsString(written),
                    PolicyJson.write(scenarioUsage));
            assertNull(english.alternatives(), "not requested");
            assertNotNull(english.contacts());
        }
    }
}
