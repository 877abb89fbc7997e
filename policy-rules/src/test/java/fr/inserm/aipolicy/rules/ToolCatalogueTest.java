package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.tools.KnownTool;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The real tool catalogue (policy version 2, §5): names, supplied hostings, contradictions, confirmation. */
class ToolCatalogueTest {
    static final ToolCatalogue TOOLS = ScenarioFilesTest.ENGINE.tools();
    /** A Java class name in a message: a dotted package path or a known type name. */
    static final Pattern CLASS_NAME = Pattern.compile(
            "\\b[a-z]+\\.[a-z]+\\.[A-Za-z.]+|Exception|KnownTool|ToolCatalogue|Optional|Hosting\\[|\\bnull\\b");

    static Usage usage(String name, Hosting hosting) {
        return usage(name, hosting, true, Purpose.WRITING);
    }

    static Usage usage(String name, Hosting hosting, boolean generative, Purpose purpose) {
        return Usage.builder().tool(new Tool(name, generative, null)).hosting(hosting).purpose(purpose)
                .dataCategories(purpose.consumesData() ? List.of(DataCategory.PUBLIC) : List.of()).build();
    }

    /** Checks a refusal names the field, says something and holds no class name. */
    static InvalidUsageException refused(String field, Usage usage) {
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> TOOLS.check(usage),
                usage.tool().name() + " " + usage.hosting());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertFalse(CLASS_NAME.matcher(e.getMessage()).find(), e.getMessage());
        return e;
    }

    @Test
    void isVersionTwoPointOne() {
        assertEquals("2.1.0", TOOLS.version());
    }

    @ParameterizedTest(name = "{0} supplies {1}")
    @CsvSource(delimiter = '|', value = {
        "ChatGPT | EXTERNAL", "chat-gpt | EXTERNAL", "CHAT GPT | EXTERNAL", "ChatGPT Plus | EXTERNAL",
        "ChatGPT desktop | EXTERNAL", "Claude desktop | EXTERNAL", "Cursor | EXTERNAL", "GitHub Copilot | EXTERNAL",
        "Copilot in VS Code | EXTERNAL", "Microsoft 365 Copilot | EXTERNAL", "Azure OpenAI | EXTERNAL",
        "GPT-4o | EXTERNAL", "DeepL | EXTERNAL", "NotebookLM | EXTERNAL", "通义千问 | EXTERNAL",
        "OpenAI Whisper API | EXTERNAL", "DALL·E | EXTERNAL", "Inserm internal assistant | INTERNAL",
        "inserm-assistant | INTERNAL", "ＣｈａｔＧＰＴ | EXTERNAL"})
    void suppliesTheOnlyHostingOfATheNameEquals(String name, Hosting hosting) {
        assertEquals(Optional.of(hosting), TOOLS.suppliedHosting(name));
        assertEquals(hosting, TOOLS.usage(name).purpose(Purpose.WRITING).build().hosting());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"Ollama cloud", "Ollama Turbo", "ChatGPT (Inserm assistant account)",
        "ChatGPT and Claude", "Mistral 7B via Ollama", "Llama3.2-1B via Ollama", "Mistral Le Chat", "Le Chat Enterprise",
        "Mistral API", "Ollama", "LM Studio", "llama.cpp", "Llama", "DeepSeek", "Qwen", "Whisper", "BioBERT",
        "gpt-oss:120b-cloud", "my ChatGPT", "an unknown tool"})
    void suppliesNoHostingOtherwise(String name) {
        assertEquals(Optional.empty(), TOOLS.suppliedHosting(name));
        Usage.Builder builder = TOOLS.find(name).isPresent() ? TOOLS.usage(name) : Usage.builder().tool(name);
        assertEquals("hosting", assertThrows(InvalidUsageException.class,
                () -> builder.purpose(Purpose.WRITING).build()).field());
    }

    @Test
    void findsOnlyTheToolANameEquals() {
        assertEquals("chatgpt", TOOLS.find("Chat-GPT").orElseThrow().id());
        assertEquals("llama-3.2-1b", TOOLS.find("Llama3.2-1B").orElseThrow().id());
        assertEquals("qwen-chat", TOOLS.find("通义千问").orElseThrow().id());
        assertTrue(TOOLS.find("Mistral 7B via Ollama").isEmpty());
        assertTrue(TOOLS.find("ChatGPT (Inserm assistant account)").isEmpty());
        assertTrue(TOOLS.find("ChatGPTx").isEmpty(), "no match inside a word");
        assertEquals("tool.name", assertThrows(InvalidUsageException.class, () -> TOOLS.usage("Mistral 7B via Ollama"))
                .field());
        Usage biobert = TOOLS.usage("BioBERT").hosting(Hosting.LOCAL).dataCategories(DataCategory.PUBLIC)
                .purpose(Purpose.DATA_ANALYSIS).build();
        assertFalse(biobert.tool().generative());
        assertEquals(0.11, biobert.tool().parametersBillions());
    }

    @ParameterizedTest(name = "{0} declared {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // look-alikes: Cyrillic а, Cyrillic С, Cyrillic о in 4o, Greek ο, digit 1 for l, capital I for l, rn for m
        "ChаtGPT | EXTERNAL | tool.name", "Сlaude | EXTERNAL | tool.name", "GPT-4о | EXTERNAL | tool.name",
        "GPT-4ο | LOCAL | tool.name", "C1aude | EXTERNAL | tool.name", "CIaude | EXTERNAL | tool.name",
        "Gernini | EXTERNAL | tool.name", "ChаtGPT desktop | LOCAL | tool.name", "Mistrаl 7B via Ollama | LOCAL | tool.name",
        "Chàtgpt | EXTERNAL | tool.name", "Сlaude 3.5 Sonnet | EXTERNAL | tool.name",
        "llama3:70b-cIoud | LOCAL | tool.name", "Ollama c1oud | LOCAL | tool.name", "gpt-oss:cl0ud | LOCAL | tool.name",
        // hostings the catalogue contradicts
        "GPT‐4o | LOCAL | hosting", "GPT−4o | INTERNAL | hosting", "ChatGPT | LOCAL | hosting",
        "ChatGPT Plus | INTERNAL | hosting", "my ChatGPT account | LOCAL | hosting", "ChatGPT 4 | LOCAL | hosting",
        "Claude 3.5 Sonnet | INTERNAL | hosting", "Gemini 2.5 Pro | LOCAL | hosting", "Copilot | INTERNAL | hosting",
        "ChatGPT and Claude | LOCAL | hosting", "ChatGPT (Inserm assistant account) | INTERNAL | hosting",
        "llama3:70b-cloud | LOCAL | hosting", "minimax-m2:cloud | LOCAL | hosting", "Qwen3-Coder:480B-Cloud | LOCAL | hosting", "gpt-oss:120b-cloud | INTERNAL | hosting", "Ollama cloud | LOCAL | hosting",
        "Ollama Turbo | LOCAL | hosting", "Cursor | LOCAL | hosting", "ChatGPT desktop | LOCAL | hosting",
        "Claude desktop | LOCAL | hosting", "Copilot in VS Code | LOCAL | hosting", "Le Chat | INTERNAL | hosting",
        "Le Chat Enterprise | INTERNAL | hosting", "Mistral API | LOCAL | hosting",
        "Inserm internal assistant | LOCAL | hosting", "Inserm internal assistant | EXTERNAL_SOVEREIGN | hosting",
        "DeepSeek app | LOCAL | hosting", "通义千问 | LOCAL | hosting", "Qwen Chat | LOCAL | hosting",
        "OpenAI Whisper API | LOCAL | hosting", "llama.cpp | EXTERNAL_SOVEREIGN | hosting"})
    void refuses(String name, Hosting hosting, String field) {
        InvalidUsageException e = refused(field, usage(name, hosting));
        if (field.equals("hosting")) {
            assertTrue(e.acceptedValues().contains("EXTERNAL"), "EXTERNAL is always accepted: " + e.getMessage());
            assertFalse(e.acceptedValues().contains(hosting.name()), e.getMessage());
            assertTrue(e.getMessage().contains("\"" + hosting + "\" contradicts the tool catalogue " + TOOLS.version()), e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("looks like"), e.getMessage());
        }
    }

    @Test
    void aContradictionNamesEveryToolTheNameContainsAndItsHostings() {
        InvalidUsageException e = refused("hosting", usage("ChatGPT (Inserm assistant account)", Hosting.INTERNAL));
        assertTrue(e.getMessage().contains("ChatGPT exists only as an external service (EXTERNAL)"), e.getMessage());
        assertTrue(e.getMessage().contains("Inserm internal assistant exists only (INTERNAL)"), e.getMessage());
        assertEquals(List.of("EXTERNAL"), e.acceptedValues());
        InvalidUsageException cloud = refused("hosting", usage("llama3:70b-cloud", Hosting.LOCAL));
        assertTrue(cloud.getMessage().contains("Ollama cloud models"), cloud.getMessage());
        InvalidUsageException lookAlike = refused("tool.name", usage("ChаtGPT", Hosting.EXTERNAL));
        assertTrue(lookAlike.getMessage().contains("ChatGPT") && lookAlike.getMessage().contains("U+0430"),
                lookAlike.getMessage());
        InvalidUsageException leChat = refused("hosting", usage("Le Chat", Hosting.INTERNAL));
        assertEquals(List.of("EXTERNAL_SOVEREIGN", "EXTERNAL"), leChat.acceptedValues());
    }

    @ParameterizedTest(name = "{0} declared {1}")
    @CsvSource(delimiter = '|', value = {
        "μSAM | LOCAL", "µSAM | INTERNAL", "通义千问 | EXTERNAL", "Mistral 7B via Ollama | LOCAL",
        "BioBERT fine-tuned locally | LOCAL", "Llama3.2-1B via Ollama | LOCAL", "Llama 3.1 70B via Ollama | INTERNAL",
        "Qwen coder via Ollama | LOCAL", "Stable Diffusion via ComfyUI | LOCAL", "ChatGPT | EXTERNAL",
        "ChatGPT (Inserm assistant account) | EXTERNAL", "ChatGPT and Claude | EXTERNAL", "Cursor | EXTERNAL",
        "Le Chat Enterprise | EXTERNAL_SOVEREIGN", "Mistral Le Chat Pro | EXTERNAL_SOVEREIGN", "llama.cpp | LOCAL",
        "llama.cpp | EXTERNAL", "Inserm internal assistant | INTERNAL", "Inserm internal assistant | EXTERNAL",
        "gpt-oss-20b | LOCAL", "Whisper large v3 | LOCAL", "DeepSeek-R1 via Ollama | LOCAL", "LM Studio | LOCAL",
        "custom classifier | LOCAL", "U-Net | INTERNAL", "ChatGPT | EXTERNAL", "mycloud-tool | LOCAL",
        "Chat GPT | EXTERNAL", "GPT‐4o | EXTERNAL"})
    void accepts(String name, Hosting hosting) {
        Usage usage = usage(name, hosting);
        assertSame(usage, TOOLS.check(usage));
        assertSame(usage, TOOLS.check(usage), "the remembered answer is the same");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "Inserm internal assistant | INTERNAL | true", "inserm assistant | INTERNAL | true",
        "llama.cpp | LOCAL | true", "llama.cpp | INTERNAL | false", "llama-server | LOCAL | true",
        "llama-server | INTERNAL | false", "llama.cpp ☁️ | LOCAL | false", "llama.cpp → cloud | LOCAL | false",
        "Inserm assistant → 🇺🇸 | INTERNAL | false", "llama.cpp 🙂 | LOCAL | false", "LLAMA.CPP | LOCAL | true",
        "Inserm internal assistant | LOCAL | false", "Ollama | LOCAL | false", "LM Studio | LOCAL | false",
        "Mistral 7B via Ollama | LOCAL | false", "Llama3.2-1B | LOCAL | false", "BioBERT | INTERNAL | false",
        "llama.cpp with Ollama cloud | LOCAL | false", "ChatGPT | EXTERNAL | false", "llama.cpp | EXTERNAL | false",
        "Inserm internal assistant | EXTERNAL | false", "Ιnserm internal assistant | INTERNAL | false"})
    void confirmsOnlyANameThatIsAToolExistingNowhereExternal(String name, Hosting hosting, boolean confirmed) {
        assertEquals(confirmed, TOOLS.confirms(name, hosting));
    }

    @ParameterizedTest(name = "{0} not generative for {1}")
    @CsvSource(delimiter = '|', value = {"ChatGPT | WRITING", "Mistral 7B via Ollama | DATA_ANALYSIS",
        "Whisper | DATA_ANALYSIS", "Stable Diffusion via ComfyUI | OTHER", "tabular generator | SYNTHETIC_DATA_GENERATION",
        "random forest | IMAGE_GENERATION", "DeepL | TRANSLATION"})
    void refusesANonGenerativeDeclarationTheCatalogueOrThePurposeContradicts(String name, Purpose purpose) {
        Hosting hosting = TOOLS.find(name).map(KnownTool::hostings).filter(h -> h.size() == 1)
                .map(h -> h.iterator().next()).orElse(Hosting.LOCAL);
        // refused by the catalogue, or, for image and data generation, by the usage itself before any catalogue
        InvalidUsageException e = purpose.producesContent()
                ? assertThrows(InvalidUsageException.class, () -> usage(name, hosting, false, purpose))
                : refused("tool.generative", usage(name, hosting, false, purpose));
        assertEquals("tool.generative", e.field());
        assertEquals(List.of("true"), e.acceptedValues());
        Usage generative = usage(name, hosting, true, purpose);
        assertSame(generative, TOOLS.check(generative), "stated generative, the same usage is accepted");
    }

    @ParameterizedTest(name = "{0} not generative for {1}")
    @CsvSource(delimiter = '|', value = {"BioBERT fine-tuned locally | MODEL_TRAINING", "DistilBERT | DATA_ANALYSIS",
        "random forest | DATA_ANALYSIS", "Ollama | DATA_ANALYSIS"})
    void acceptsANonGenerativeDeclarationNothingContradicts(String name, Purpose purpose) {
        Usage usage = usage(name, Hosting.LOCAL, false, purpose);
        assertSame(usage, TOOLS.check(usage));
    }

    static Stream<Arguments> everyAlias() {
        List<Arguments> out = new ArrayList<>();
        for (KnownTool tool : TOOLS.tools()) {
            for (String alias : tool.aliases()) {
                out.add(Arguments.of(tool.id(), alias));
            }
        }
        return out.stream();
    }

    /**
     * Every alias: never a look-alike of another; it supplies a hosting exactly when its tool exists in
     * one; each hosting is accepted exactly when the tool exists there (or it is EXTERNAL); LOCAL is
     * confirmed exactly for a tool existing nowhere external, INTERNAL exactly for an Inserm service.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyAlias")
    void everyAliasAgreesWithItsTool(String id, String alias) {
        KnownTool tool = TOOLS.find(alias).orElseThrow();
        assertEquals(id, tool.id());
        assertEquals(tool.hostings().size() == 1 ? Optional.of(tool.hostings().iterator().next()) : Optional.empty(),
                TOOLS.suppliedHosting(alias));
        for (Hosting hosting : Hosting.values()) {
            Usage usage = usage(alias, hosting);
            if (tool.hostings().contains(hosting) || hosting == Hosting.EXTERNAL) {
                assertSame(usage, TOOLS.check(usage), alias + " " + hosting);
            } else {
                InvalidUsageException e = refused("hosting", usage);
                assertTrue(e.getMessage().contains(tool.name()), e.getMessage());
            }
            boolean inside = tool.hostings().stream().noneMatch(Hosting::isExternal);
            assertEquals(inside && !hosting.isExternal() && tool.hostings().contains(hosting)
                    && (hosting == Hosting.LOCAL || tool.insermService()), TOOLS.confirms(alias, hosting),
                    alias + " " + hosting);
        }
    }

    @Test
    void coversTheToolsStaffMeetMost() {
        for (String name : List.of("ChatGPT", "ChatGPT desktop", "OpenAI API", "Azure OpenAI", "Claude", "Gemini",
                "Copilot", "Copilot for Microsoft 365", "GitHub Copilot", "Le Chat", "Le Chat Enterprise", "Mistral API",
                "Codestral", "Mistral 7B", "Mistral Large", "Llama 3.1", "Llama 3.2 1B", "Qwen", "通义千问", "DeepSeek",
                "DeepSeek app", "Grok", "Meta AI", "Perplexity", "DeepL", "Grammarly", "NotebookLM", "Cursor", "Elicit",
                "Consensus", "Scite", "DALL-E", "Midjourney", "Stable Diffusion", "Whisper", "OpenAI transcription API",
                "gpt-oss", "BioBERT", "Ollama", "LM Studio", "llama.cpp", "Inserm internal assistant")) {
            assertTrue(TOOLS.find(name).isPresent(), name);
        }
        assertTrue(TOOLS.find("Inserm internal assistant").orElseThrow().insermService());
        assertEquals(1, TOOLS.tools().stream().filter(KnownTool::insermService).count());
        assertTrue(Arrays.stream(Hosting.values()).allMatch(TOOLS.find("Llama").orElseThrow().hostings()::contains),
                "an open-weight model exists in every hosting");
        assertNull(TOOLS.find("Ollama").orElseThrow().hosting());
        assertEquals(List.of("BioBERT", "Llama3.2-1B"), TOOLS.smallerModels().stream().map(KnownTool::name).toList());
    }
}
