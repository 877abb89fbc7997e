package fr.inserm.aipolicy.tools;

import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How tool names are read and compared: compact form, skeleton, refused characters, catalogue aliases. */
class ToolNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"Chat GPT | chatgpt", "Chat-GPT | chatgpt", "chatgpt | chatgpt",
        "ＣｈａｔＧＰＴ | chatgpt", "Llama3.2-1B via Ollama | llama321bviaollama", "STRASSE | strasse", "Straße | strasse",
        "µSAM | μsam", "通义千问 | 通义千问", "DALL·E 3 | dalle3", "𝐂𝐥𝐚𝐮𝐝𝐞 | claude"})
    void comparesNamesInCompactForm(String name, String compact) {
        assertEquals(compact, ToolNames.compact(name));
    }

    @Test
    void aWordIsARunOfLettersAndDigits() {
        assertEquals(List.of("llama3", "2", "1b", "via", "ollama"), ToolNames.words("Llama3.2-1B via Ollama"));
        assertEquals(List.of("gpt", "oss", "120b", "cloud"), ToolNames.words("gpt-oss:120b-cloud"));
        assertEquals(List.of(), ToolNames.words(" -·- "));
    }

    @ParameterizedTest(name = "{0} looks like {1}")
    @CsvSource(delimiter = '|', value = {"chаtgpt | chatgpt", "сlaude | claude", "gpt4о | gpt4o", "gpt4ο | gpt4o",
        "c1aude | claude", "cIaude | claude", "gernini | gemini", "chàtgpt | chatgpt", "ԁeepl | deepl",
        "qwеn | qwen", "grоk | grok", "ѕcite | scite", "llama3l | llama31", "mistrа17b | mistral7b"})
    void aLookAlikeHasTheSkeletonOfTheNameItImitates(String lookAlike, String name) {
        assertNotEquals(name, lookAlike);
        ToolNames.Folding folding = ToolNames.Folding.of(List.of(name));
        assertEquals(ToolNames.key(name, folding), ToolNames.key(lookAlike, folding));
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @CsvSource(delimiter = '|', value = {"μsam | usam", "gemma | gemini", "llama | ollama", "通义千问 | qwen",
        "claude | clause", "grok | groq"})
    void differentNamesKeepDifferentSkeletons(String one, String other) {
        ToolNames.Folding folding = ToolNames.Folding.of(List.of(one, other));
        assertNotEquals(ToolNames.key(one, folding), ToolNames.key(other, folding));
    }

    @Test
    void namesTheImitatingCharacter() {
        assertEquals("U+0430 CYRILLIC SMALL LETTER A", ToolNames.firstLookAlike("chаtgpt", 0, 7));
        assertEquals("U+0031 DIGIT ONE", ToolNames.firstLookAlike("c1aude", 0, 6));
        assertEquals("\"gernn\"", ToolNames.firstLookAlike("gernn", 0, 5), "only ordinary letters differ");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"Chat\u200BGPT", "Chat\u200DGPT", "\u202EChatGPT", "Chat\u200EGPT", "\uFEFFChatGPT",
        "Chat\u00ADGPT", "Chat\u0007GPT", "Chat\tGPT", "Chat\uD800GPT", "ChatGPT\uDC00", "Chat\u3164GPT", "Chat\uE000GPT",
        "Chat\u2066GPT\u2069", "Chat\u034FGPT"})
    void refusesANameHoldingAnInvisibleOrControlCharacter(String name) {
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> Tool.named(name));
        assertEquals("tool.name", e.field());
        assertTrue(e.getMessage().contains("U+") && e.getMessage().contains("type the name again"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"   ", "\u200B", "\u200B \u2060", " \u3164 ", "\u202E\u202C", "\uFEFF", "\u00A0\u2003"})
    void refusesANameBlankOnceInvisibleCharactersAreLeftOut(String name) {
        InvalidUsageException e = assertThrows(InvalidUsageException.class, () -> Tool.named(name));
        assertEquals("tool.name", e.field());
        assertTrue(e.problem().startsWith("must not be blank"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ChatGPT", "μSAM", "通义千问", "🤖 assistant", "Llama3.2-1B via Ollama", "  Claude  ",
        "Mistral Le Chat (Pro)"})
    void acceptsVisibleNamesInAnyScript(String name) {
        assertEquals(name.strip(), Tool.named(name).name());
    }

    static final String JSON = """
            {"version": "t2", "tools": [
              {"id": "chat", "name": "ChatThing", "kind": "platform", "aliases": ["ChatThing", "Chat Thing Plus"],
               "hostings": ["EXTERNAL"], "generative": true},
              {"id": "tiny", "name": "Tiny-1B", "kind": "model", "aliases": ["Tiny 1B"],
               "hostings": ["LOCAL", "INTERNAL", "EXTERNAL_SOVEREIGN", "EXTERNAL"], "generative": true,
               "parametersBillions": 1.2},
              {"id": "local", "name": "Local runner", "kind": "runner", "aliases": ["LocalRun"],
               "hostings": ["LOCAL", "INTERNAL"]},
              {"id": "desk", "name": "Desk", "kind": "platform", "aliases": ["Desk"], "hostings": ["INTERNAL"],
               "insermService": true},
              {"id": "cloud", "name": "Runner cloud", "kind": "platform", "aliases": [],
               "tags": ["LocalRun cloud", "-cloud"], "hostings": ["EXTERNAL"], "generative": true}
            ]}
            """;
    static final ToolCatalogue TOOLS = ToolCatalogue.parse(JSON, "test");

    static Usage usage(String name, Hosting hosting) {
        return Usage.builder().tool(name).hosting(hosting).purpose(Purpose.WRITING).build();
    }

    @Test
    void tagsDesignateAToolOnlyInsideALongerName() {
        assertEquals(Optional.empty(), TOOLS.suppliedHosting("LocalRun cloud"));
        assertEquals("hosting", assertThrows(InvalidUsageException.class,
                () -> TOOLS.check(usage("LocalRun cloud", Hosting.LOCAL))).field());
        assertEquals("hosting", assertThrows(InvalidUsageException.class,
                () -> TOOLS.check(usage("tiny1b-cloud", Hosting.LOCAL))).field());
        Usage plain = usage("tiny 1b on LocalRun", Hosting.LOCAL);
        assertEquals(plain, TOOLS.check(plain));
        Usage notATag = usage("cloud-tiny 1b", Hosting.LOCAL);
        assertEquals(notATag, TOOLS.check(notATag), "a suffix tag counts only after a letter or digit");
        assertEquals(List.of("tiny", "cloud"), TOOLS.contained("Tiny-1B-cloud").stream().map(KnownTool::id).toList());
    }

    @Test
    void suppliesAndConfirmsOnlyForAnEqualName() {
        assertEquals(Optional.of(Hosting.EXTERNAL), TOOLS.suppliedHosting("chat thing plus"));
        assertEquals(Optional.of(Hosting.INTERNAL), TOOLS.suppliedHosting("DESK"));
        assertEquals(Optional.empty(), TOOLS.suppliedHosting("Desk app"));
        assertTrue(TOOLS.confirms("Desk", Hosting.INTERNAL));
        assertTrue(TOOLS.confirms("local-run", Hosting.LOCAL));
        assertFalse(TOOLS.confirms("Tiny 1B", Hosting.LOCAL));
        assertFalse(TOOLS.confirms("Tiny 1B via LocalRun", Hosting.LOCAL));
        assertFalse(TOOLS.confirms("Desk", Hosting.LOCAL));
        assertTrue(TOOLS.find("Desk").orElseThrow().insermService());
        assertFalse(TOOLS.find("ChatThing").orElseThrow().insermService());
    }

    @Test
    void remembersABoundedNumberOfNames() {
        for (int i = 0; i < ToolCatalogue.MAX_REMEMBERED_NAMES + 10; i++) {
            Usage usage = usage("tool " + i, Hosting.LOCAL);
            assertEquals(usage, TOOLS.check(usage));
        }
        assertEquals("hosting", assertThrows(InvalidUsageException.class,
                () -> TOOLS.check(usage("ChatThing " + 1, Hosting.LOCAL))).field(), "still checked past the bound");
    }

    @Test
    void refusesACatalogueWhoseNamesLookAlikeOrAreUnreadable() {
        String lookAlike = JSON.replace("\"aliases\": [\"Desk\"]", "\"aliases\": [\"Desk\", \"ChаtThing\"]");
        assertTrue(assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(lookAlike, "t")).getMessage()
                .contains("looks like a name of chat"));
        String same = JSON.replace("\"aliases\": [\"Desk\"]", "\"aliases\": [\"Desk\", \"chat-thing\"]");
        assertTrue(assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(same, "t")).getMessage()
                .contains("also names chat"));
        assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(
                JSON.replace("\"aliases\": [\"Desk\"]", "\"aliases\": [\"De\\u200Bsk\"]"), "t"));
        assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(
                JSON.replace("\"aliases\": [\"Desk\"]", "\"aliases\": []"), "t"), "no alias and no tag");
        assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(
                JSON.replace("\"kind\": \"runner\"", "\"kind\": \"service\""), "t"));
        assertTrue(assertThrows(PolicyBuildException.class, () -> ToolCatalogue.parse(
                JSON.replace("\"hostings\": [\"INTERNAL\"],", "\"hostings\": [\"INTERNAL\"], \"hosting\": \"INTERNAL\","),
                "t")).getMessage().contains("unknown field \"hosting\""), "the supplied hosting follows from the hostings");
    }
}
