package fr.inserm.aipolicy.json;

import fr.inserm.aipolicy.usage.CodeTarget;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Subscription;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading a usage from JSON: what is understood, and what is refused with which field named. */
public class UsageJsonTest {
    static final String VALID = """
            {"tool": {"name": "ChatGPT", "generative": true, "parametersBillions": 200},
             "hosting": "EXTERNAL", "dataCategories": ["PUBLIC", "SYNTHETIC_DATA"], "purpose": "WRITING",
             "context": {"userTrained": true, "subscription": "PERSONAL", "codeTarget": "GENERAL",
                         "expertReview": false, "dpiaCompleted": true, "subcontractingAgreement": false,
                         "trainingDataLawful": true, "webScraping": false, "scrapingTermsRespected": true,
                         "apiAvailable": false, "automatedDecisionOnPeople": false, "forPublication": true}}
            """;

    @Test
    void readsEveryField() {
        Usage usage = PolicyJson.readUsage(VALID);
        assertEquals("ChatGPT", usage.tool().name());
        assertTrue(usage.tool().generative());
        assertEquals(200.0, usage.tool().parametersBillions());
        assertEquals(Hosting.EXTERNAL, usage.hosting());
        assertEquals(EnumSet.of(DataCategory.PUBLIC, DataCategory.SYNTHETIC_DATA), usage.dataCategories());
        assertEquals(Purpose.WRITING, usage.purpose());
        Context c = usage.context();
        assertEquals(Boolean.TRUE, c.userTrained());
        assertEquals(Subscription.PERSONAL, c.subscription());
        assertEquals(CodeTarget.GENERAL, c.codeTarget());
        assertEquals(Boolean.FALSE, c.expertReview());
        assertEquals(Boolean.TRUE, c.dpiaCompleted());
        assertEquals(Boolean.FALSE, c.subcontractingAgreement());
        assertEquals(Boolean.TRUE, c.trainingDataLawful());
        assertEquals(Boolean.FALSE, c.webScraping());
        assertEquals(Boolean.TRUE, c.scrapingTermsRespected());
        assertEquals(Boolean.FALSE, c.apiAvailable());
        assertEquals(Boolean.FALSE, c.automatedDecisionOnPeople());
        assertEquals(Boolean.TRUE, c.forPublication());
    }

    @Test
    void absentMeansNotStatedAndGenerativeByDefault() {
        Usage usage = PolicyJson.readUsage("""
                {"tool": {"name": "  Llama  "}, "hosting": "LOCAL", "dataCategories": [], "purpose": "OTHER",
                 "context": {"userTrained": null}}""");
        assertEquals("Llama", usage.tool().name());
        assertTrue(usage.tool().generative());
        assertNull(usage.tool().parametersBillions());
        assertTrue(usage.dataCategories().isEmpty());
        assertEquals(Context.NOT_STATED, usage.context());
        assertNull(usage.context().userTrained());
    }

    @Test
    void writtenUsageReadsBackEqual() {
        Usage usage = PolicyJson.readUsage(VALID);
        assertEquals(usage, PolicyJson.readUsage(PolicyJson.write(usage)));
        Usage minimal = PolicyJson.readUsage("""
                {"tool": {"name": "x", "generative": false}, "hosting": "INTERNAL", "dataCategories": ["UNKNOWN"],
                 "purpose": "DATA_ANALYSIS"}""");
        assertEquals(minimal, PolicyJson.readUsage(PolicyJson.write(minimal)));
        assertFalse(PolicyJson.write(minimal).contains("context"));
    }

    @Test
    void categoryOrderAndRepeatsDoNotMatter() {
        Usage a = PolicyJson.readUsage(base("[\"PUBLIC\", \"UNKNOWN\", \"PUBLIC\"]"));
        Usage b = PolicyJson.readUsage(base("[\"UNKNOWN\", \"PUBLIC\"]"));
        assertEquals(a, b);
    }

    public static String base(String categories) {
        return "{\"tool\": {\"name\": \"t\"}, \"hosting\": \"LOCAL\", \"dataCategories\": " + categories
                + ", \"purpose\": \"WRITING\"}";
    }

    static Stream<Arguments> refused() {
        String tool = "\"tool\": {\"name\": \"t\"}";
        String rest = "\"hosting\": \"LOCAL\", \"dataCategories\": [], \"purpose\": \"WRITING\"";
        return Stream.of(
                // malformed and oversized
                Arguments.of("", "(request)", "empty"),
                Arguments.of("{", "(request)", "not valid JSON"),
                Arguments.of("[]", "(request)", "must be a JSON object"),
                Arguments.of("{" + tool + ", " + rest + "} {}", "(request)", "not valid JSON"),
                Arguments.of("{" + tool + ", " + rest + ", \"note\": \"" + "x".repeat(70_000) + "\"}", "(request)",
                        "too large"),
                Arguments.of("{" + tool + ", " + rest + ", \"context\": " + "[".repeat(40) + "]".repeat(40) + "}",
                        "(request)", "too deeply nested"),
                // missing required fields
                Arguments.of("{" + rest + "}", "tool", "required"),
                Arguments.of("{\"tool\": {}, " + rest + "}", "tool.name", "required"),
                Arguments.of("{" + tool + ", \"dataCategories\": [], \"purpose\": \"WRITING\"}", "hosting",
                        "required; accepted: LOCAL, INTERNAL, EXTERNAL_SOVEREIGN, EXTERNAL"),
                Arguments.of("{" + tool + ", \"hosting\": \"LOCAL\", \"purpose\": \"WRITING\"}", "dataCategories",
                        "required; accepted: IDENTIFIABLE_HEALTH_DATA"),
                Arguments.of("{" + tool + ", \"hosting\": \"LOCAL\", \"dataCategories\": []}", "purpose",
                        "required; accepted: WRITING"),
                Arguments.of("{" + tool + ", \"hosting\": null, \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                        "hosting", "required"),
                // unknown and duplicated fields: a misspelt field must not silently drop data
                Arguments.of("{" + tool + ", " + rest + ", \"dataCategory\": [\"IDENTIFIABLE_HEALTH_DATA\"]}",
                        "dataCategory", "unknown field; accepted: tool, hosting, dataCategories, purpose, context"),
                Arguments.of("{\"tool\": {\"name\": \"t\", \"size\": 3}, " + rest + "}", "tool.size", "unknown field"),
                Arguments.of("{" + tool + ", " + rest + ", \"context\": {\"subscriptions\": \"NONE\"}}",
                        "context.subscriptions", "unknown field; accepted: userTrained, subscription"),
                Arguments.of("{" + tool + ", " + rest + ", \"hosting\": \"EXTERNAL\"}", "hosting", "appears twice"),
                // wrong JSON types
                Arguments.of("{\"tool\": \"ChatGPT\", " + rest + "}", "tool", "must be a JSON object, got a text"),
                Arguments.of("{\"tool\": {\"name\": 42}, " + rest + "}", "tool.name", "must be a text, got a number"),
                Arguments.of("{\"tool\": {\"name\": \"t\", \"generative\": \"yes\"}, " + rest + "}", "tool.generative",
                        "must be true or false, got a text"),
                Arguments.of("{\"tool\": {\"name\": \"t\", \"parametersBillions\": \"7\"}, " + rest + "}",
                        "tool.parametersBillions", "must be a number, got a text"),
                Arguments.of("{" + tool + ", \"hosting\": \"LOCAL\", \"dataCategories\": \"PUBLIC\", \"purpose\": \"WRITING\"}",
                        "dataCategories", "must be an array"),
                Arguments.of("{" + tool + ", \"hosting\": 1, \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                        "hosting", "must be a text, got a number"),
                Arguments.of("{" + tool + ", " + rest + ", \"context\": {\"userTrained\": \"false\"}}",
                        "context.userTrained", "must be true or false, got a text"),
                Arguments.of("{" + tool + ", " + rest + ", \"context\": []}", "context", "must be a JSON object"),
                // nulls inside lists
                Arguments.of(base("[\"PUBLIC\", null]"), "dataCategories[1]", "must not be null"),
                // unknown values
                Arguments.of("{" + tool + ", \"hosting\": \"CLOUD\", \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                        "hosting", "\"CLOUD\" is not an accepted value; accepted: LOCAL, INTERNAL, EXTERNAL_SOVEREIGN, EXTERNAL"),
                Arguments.of(base("[\"PUBLIC\", \"health\"]"), "dataCategories[1]", "\"health\" is not an accepted value"),
                Arguments.of("{" + tool + ", \"hosting\": \"local\", \"dataCategories\": [], \"purpose\": \"WRITING\"}",
                        "hosting", "\"local\" is not an accepted value"),
                Arguments.of("{" + tool + ", " + rest + ", \"context\": {\"subscription\": \"FREE\"}}",
                        "context.subscription", "accepted: NONE, PERSONAL, INSERM_FUNDED"),
                Arguments.of("{" + tool + ", " + rest + ", \"context\": {\"codeTarget\": \"CRYPTO\"}}",
                        "context.codeTarget", "accepted: GENERAL, ACCESS_CONTROL, CRYPTOGRAPHY, SENSITIVE_DATA_PROCESSING"),
                // blank names and numbers out of range
                Arguments.of("{\"tool\": {\"name\": \"   \"}, " + rest + "}", "tool.name", "must not be blank"),
                Arguments.of("{\"tool\": {\"name\": \"" + "n".repeat(201) + "\"}, " + rest + "}", "tool.name",
                        "too long (201 characters, at most 200)"),
                Arguments.of("{\"tool\": {\"name\": \"t\", \"parametersBillions\": -1}, " + rest + "}",
                        "tool.parametersBillions", "must be a number from 0 to 100000"),
                Arguments.of("{\"tool\": {\"name\": \"t\", \"parametersBillions\": 1e9}, " + rest + "}",
                        "tool.parametersBillions", "must be a number from 0 to 100000"),
                Arguments.of("{\"tool\": {\"name\": \"t\", \"parametersBillions\": 1" + "0".repeat(40) + "}, " + rest + "}",
                        "tool.parametersBillions", "is too long (at most 32)"),
                // errors in the user's words: full paths at any depth, no parser names
                Arguments.of("{\"tool\": {\"name\": \"a\", \"name\": \"b\"}, " + rest + "}", "tool.name", "appears twice"),
                Arguments.of("{" + tool + ", " + rest + ", \"context\": {\"userTrained\": true, \"userTrained\": false}}",
                        "context.userTrained", "appears twice"),
                Arguments.of("{\"tool\": {\"name\": \"t\", \"parametersBillions\": NaN}, " + rest + "}",
                        "tool.parametersBillions", "NaN and Infinity are not accepted"),
                Arguments.of("{\"tool\": {\"name\": \"t\", \"parametersBillions\": Infinity}, " + rest + "}",
                        "tool.parametersBillions", "not a number"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refused")
    void refusesWithTheFieldNamed(String json, String field, String message) {
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> PolicyJson.readUsage(json));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), () -> "expected \"" + message + "\" in: " + e.getMessage());
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refused")
    void noMessageNamesALibraryClassOrOption(String json, String field, String message) {
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> PolicyJson.readUsage(json));
        for (String internal : List.of("Feature", "Exception", "com.fasterxml", "Constraints", "jackson", "`")) {
            assertTrue(!e.getMessage().contains(internal), () -> "\"" + internal + "\" in: " + e.getMessage());
        }
    }

    @Test
    void enumerationErrorsListEveryAcceptedValue() {
        InvalidUsageException e = assertThrows(InvalidUsageException.class,
                () -> PolicyJson.readUsage(base("[\"SECRET\"]")));
        assertEquals(List.of("IDENTIFIABLE_HEALTH_DATA", "PSEUDONYMISED_DATA", "UNPUBLISHED_RESEARCH",
                "ANONYMISED_WITHOUT_APPROVAL", "CONFIDENTIAL", "INTELLECTUAL_PROPERTY", "PERSONAL_DATA",
                "ANONYMISED_WITH_APPROVAL", "SYNTHETIC_DATA", "PUBLIC", "UNKNOWN"), e.acceptedValues());
    }
}
