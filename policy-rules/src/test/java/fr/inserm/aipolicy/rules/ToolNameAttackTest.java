package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.tools.KnownTool;
import fr.inserm.aipolicy.tools.ToolCatalogue;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import fr.inserm.aipolicy.testing.Scenario;
import fr.inserm.aipolicy.testing.ScenarioFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tool names as an attacker or a hurried user writes them, against the real catalogue (policy 2.1,
 * section 5). The tables are generated from Unicode's confusables data and from the catalogue itself,
 * not typed: a new alias or a new version of the data is tested without editing this class.
 */
class ToolNameAttackTest {
    static final ToolCatalogue TOOLS = ScenarioFilesTest.ENGINE.tools();
    static final List<Hosting> INSIDE = List.of(Hosting.LOCAL, Hosting.INTERNAL);

    /** Unicode's confusables data as the library ships it: code point to skeleton. */
    static Map<Integer, String> confusables() throws IOException {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (InputStream in = ToolCatalogue.class.getResourceAsStream("confusables.txt")) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" ");
                StringBuilder skeleton = new StringBuilder();
                for (int i = 1; i < fields.length; i++) {
                    skeleton.appendCodePoint(Integer.parseInt(fields[i], 16));
                }
                out.put(Integer.parseInt(fields[0], 16), skeleton.toString());
            }
        }
        return out;
    }

    /** Whether a name, after NFKC, is digits and nothing else ("03", "０3"): a number. */
    static boolean number(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).codePoints()
                .filter(c -> Character.isLetterOrDigit(c) || Character.getType(c) == Character.LETTER_NUMBER)
                .allMatch(c -> c >= '0' && c <= '9');
    }

    /** Tools that exist nowhere local or internal: their names must never pass as LOCAL or INTERNAL. */
    static List<KnownTool> externalTools() {
        return TOOLS.tools().stream().filter(t -> t.hostings().stream().allMatch(Hosting::isExternal)).toList();
    }

    static Usage usage(String name, Hosting hosting, boolean generative) {
        return Usage.builder().tool(new Tool(name, generative, null)).hosting(hosting).purpose(Purpose.WRITING).build();
    }

    /** The field a refusal names, or null when the usage is accepted (a name the usage itself refuses: tool.name). */
    static String refusal(String name, Hosting hosting, boolean generative) {
        try {
            TOOLS.check(usage(name, hosting, generative));
            return null;
        } catch (InvalidUsageException e) {
            return e.field();
        }
    }

    /** The letters a character may stand for in a name typed in any case: its own and its cases' skeletons. */
    static List<String> looks(int cp) {
        List<String> out = new ArrayList<>();
        for (int variant : new int[] {cp, Character.toUpperCase(cp), Character.toLowerCase(cp)}) {
            String text = new String(Character.toChars(variant));
            out.add(text);
        }
        return out;
    }

    /**
     * For every entry of the confusables data whose skeleton is a single letter or digit of an external
     * tool's catalogued names, in any case, and every such tool: its name with that letter replaced by
     * the entry's character is refused when declared LOCAL or INTERNAL, and also when declared not
     * generative (D3 cannot be slipped past with a look-alike).
     */
    @Test
    void everyLookAlikeLetterOfAnExternalNameIsRefusedInside() throws IOException {
        Map<Integer, String> data = confusables();
        Map<String, List<Integer>> sources = new LinkedHashMap<>(); // letter or digit imitated -> characters
        data.forEach((cp, skeleton) -> {
            if (skeleton.codePointCount(0, skeleton.length()) == 1 && Character.isLetterOrDigit(skeleton.codePointAt(0))
                    && skeleton.codePointAt(0) < 0x80) {
                sources.computeIfAbsent(skeleton, k -> new ArrayList<>()).add(cp);
            }
        });
        int tried = 0;
        List<String> passed = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (KnownTool tool : externalTools()) {
            // each letter or digit of the tool's names once: its first place in the first alias holding it
            Map<String, String[]> places = new LinkedHashMap<>();
            for (String alias : tool.aliases()) {
                for (int i = 0; i < alias.length(); i++) {
                    char letter = alias.charAt(i);
                    if (Character.isLetterOrDigit(letter) && letter < 0x80) {
                        for (String look : looks(letter)) {
                            places.putIfAbsent(look, new String[] {alias.substring(0, i), alias.substring(i + 1)});
                        }
                    }
                }
            }
            for (Map.Entry<String, String[]> place : places.entrySet()) {
                for (int cp : sources.getOrDefault(place.getKey(), List.of())) {
                    String name = place.getValue()[0] + new String(Character.toChars(cp)) + place.getValue()[1];
                    if (number(name)) {
                        numbers.add(name); // "03" is a number, not o3: the one exception, by design
                        continue;
                    }
                    tried++;
                    if (refusal(name, Hosting.LOCAL, true) == null || refusal(name, Hosting.INTERNAL, true) == null
                            || refusal(name, Hosting.LOCAL, false) == null) {
                        passed.add(String.format(Locale.ROOT, "%s (U+%04X for %s)", name, cp, place.getKey()));
                    }
                }
            }
        }
        System.out.println("look-alike names tried: " + tried + ", each LOCAL, INTERNAL and not generative, from " + data.size()
                + " entries of the confusables data");
        assertTrue(tried > 5_000, "tried " + tried);
        assertTrue(numbers.stream().allMatch(n -> n.endsWith("3") && n.codePointCount(0, n.length()) == 2), "" + numbers);
        assertEquals(List.of(), passed.subList(0, Math.min(passed.size(), 200)), passed.size() + " accepted");
    }

    /** Every entry of the data imitating a letter or digit is used by the table above, or imitates none of the names. */
    @Test
    void everyEntryOfTheDataIsCovered() throws IOException {
        Map<Integer, String> data = confusables();
        StringBuilder letters = new StringBuilder();
        for (KnownTool tool : externalTools()) {
            tool.aliases().forEach(letters::append);
        }
        String text = letters.toString();
        int covered = 0;
        for (Map.Entry<Integer, String> entry : data.entrySet()) {
            String skeleton = entry.getValue();
            if (skeleton.length() == 1 && skeleton.charAt(0) < 0x80 && Character.isLetterOrDigit(skeleton.charAt(0))
                    && (text.contains(skeleton) || text.contains(skeleton.toUpperCase(Locale.ROOT))
                            || text.contains(skeleton.toLowerCase(Locale.ROOT)))) {
                covered++;
            }
        }
        System.out.println("entries of the data imitating a letter or digit of an external name: " + covered);
        assertTrue(covered > 1_000, "covered " + covered);
    }

    /**
     * Every alias, in every case (all upper, all lower, each letter's case changed alone), is that tool
     * and no look-alike of another, and is accepted wherever the tool exists.
     */
    @Test
    void everyAliasInAnyCaseIsItsTool() {
        List<String> wrong = new ArrayList<>();
        for (KnownTool tool : TOOLS.tools()) {
            for (String alias : tool.aliases()) {
                List<String> casings = new ArrayList<>(List.of(alias, alias.toUpperCase(Locale.ROOT),
                        alias.toLowerCase(Locale.ROOT)));
                for (int i = 0; i < alias.length(); i++) {
                    char c = alias.charAt(i);
                    char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                    casings.add(alias.substring(0, i) + flipped + alias.substring(i + 1));
                }
                for (String name : casings) {
                    if (!TOOLS.find(name).map(KnownTool::id).equals(Optional.of(tool.id()))) {
                        wrong.add(name + " is not " + tool.id());
                    }
                    for (Hosting hosting : tool.hostings()) {
                        String field = refusal(name, hosting, true);
                        if (field != null) {
                            wrong.add(name + " " + hosting + " refused naming " + field);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Symbols, emoji and arrows, from Unicode's symbol categories (every 61st, seeded by the data's order). */
    static List<String> symbols() {
        List<String> out = new ArrayList<>(List.of("☁️", "☁", "→", "🇺🇸", "🙂", "⇒", "✓", "★", "$", "+", "©", "®", "™", "∞",
                "🔒", "🏠"));
        int seen = 0;
        for (int cp = 0x80; cp < 0x1FB00; cp++) {
            int type = Character.getType(cp);
            if (type == Character.MATH_SYMBOL || type == Character.OTHER_SYMBOL || type == Character.CURRENCY_SYMBOL
                    || type == Character.MODIFIER_SYMBOL) {
                if (seen++ % 61 == 0) {
                    out.add(new String(Character.toChars(cp)));
                }
            }
        }
        return out;
    }

    /**
     * A name with a symbol, emoji or arrow in it (before, after, or between two words) is another name
     * than any catalogued one: it never supplies a hosting, never confirms LOCAL or INTERNAL, and is
     * never the tool in {@code find}.
     */
    @Test
    void namesWithSymbolsNeverConfirmOrSupplyAHosting() {
        List<String> symbols = symbols();
        List<String> wrong = new ArrayList<>();
        int tried = 0;
        for (KnownTool tool : TOOLS.tools()) {
            for (String alias : tool.aliases()) {
                for (String symbol : symbols) {
                    int space = alias.indexOf(' ');
                    List<String> names = new ArrayList<>(List.of(alias + " " + symbol, symbol + " " + alias, alias + symbol));
                    if (space > 0) {
                        names.add(alias.substring(0, space) + " " + symbol + alias.substring(space));
                    }
                    for (String name : names) {
                        tried++;
                        if (TOOLS.find(name).isPresent() || TOOLS.suppliedHosting(name).isPresent()
                                || INSIDE.stream().anyMatch(h -> TOOLS.confirms(name, h))) {
                            wrong.add(name);
                        }
                    }
                }
            }
        }
        System.out.println("names with symbols tried: " + tried + " (" + symbols.size() + " symbols)");
        assertEquals(List.of(), wrong.subList(0, Math.min(40, wrong.size())), wrong.size() + " confirmed or supplied");
        assertTrue(TOOLS.confirms("llama.cpp", Hosting.LOCAL), "the plain name still confirms");
    }

    /**
     * Versions typed against the brand: every alias of a tool that does not exist locally, followed by a
     * version in the same word ("ChatGPT4o", "Claude3.5 Sonnet", "Copilot365"), contains that tool: refused
     * when declared LOCAL, never a supplied hosting, accepted on EXTERNAL.
     */
    @Test
    void runTogetherVersionsOfEveryPlatformAreContained() {
        List<String> wrong = new ArrayList<>();
        for (KnownTool tool : TOOLS.tools()) {
            if (tool.hostings().contains(Hosting.LOCAL)) {
                continue;
            }
            for (String alias : tool.aliases()) {
                for (String version : List.of("4", "4o", "3.5 Sonnet", "2.5 Pro", "365", "5-mini", "0", "1")) {
                    String name = alias + version;
                    String local = refusal(name, Hosting.LOCAL, true);
                    if (!"hosting".equals(local) && !"tool.name".equals(local)) {
                        wrong.add(name + " LOCAL: " + local);
                    }
                    if (!TOOLS.contained(name).contains(tool) && !"tool.name".equals(local)) {
                        wrong.add(name + " does not contain " + tool.id() + ": " + TOOLS.contained(name));
                    }
                    // "GPT-4" and "1" make "GPT-41", which is the alias GPT-4.1: equal names may supply theirs
                    Optional<KnownTool> equal = TOOLS.find(name);
                    if (equal.isEmpty() ? TOOLS.suppliedHosting(name).isPresent()
                            : equal.get().hostings().contains(Hosting.LOCAL)) {
                        wrong.add(name + " supplies a hosting, or equals a local tool");
                    }
                    if ("hosting".equals(local) && refusal(name, Hosting.EXTERNAL, true) != null) {
                        wrong.add(name + " EXTERNAL refused");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Real local tools whose names hold a platform's letters among other letters: other tools, decided as LOCAL. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DeepLabCut", "GPT4All", "ConsensusClusterPlus", "PrecursorFinder", "DeepLIFT", "DeepLoc",
        "BioGPT", "scGPT", "MedGemma", "llamafile", "Claudette", "Geminid tracker", "Groking", "DeepLabCut 2.3",
        "GPT4All Falcon"})
    void realLocalToolsHoldingAPlatformsLettersAreAccepted(String name) {
        for (boolean generative : List.of(true, false)) {
            Usage usage = usage(name, Hosting.LOCAL, generative);
            assertSame(usage, TOOLS.check(usage), name + " generative " + generative);
        }
        assertFalse(TOOLS.contained(name).stream().anyMatch(t -> !t.hostings().contains(Hosting.LOCAL)),
                name + " holds " + TOOLS.contained(name));
        assertFalse(TOOLS.confirms(name, Hosting.LOCAL));
    }

    /** Look-alikes the first attack found, each kind once: refused however declared, generative or not. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ᴄʟᴀᴜᴅᴇ", "ᏟᎻᎪᎢᏀᏢᎢ", "ꓚꓡꓮꓴꓓꓰ", "ⲤⲞⲢⲒⳐⲞⲦ", "ϹΗΑΤGΡΤ", "CΙaude", "Gemin١", "Chaʼt GPT local",
        "ChаtGPT4o", "Ꮯlaude3.5 Sonnet", "Copil০t365", "G℮mini", "Сopilot", "GPT-4о", "GP𝖳-4o"})
    void lookAlikesAreRefused(String name) {
        for (Hosting hosting : Hosting.values()) {
            for (boolean generative : List.of(true, false)) {
                String field = refusal(name, hosting, generative);
                if (hosting == Hosting.EXTERNAL && generative && !"tool.name".equals(field)) {
                    // an exact or contained name (a modifier letter read as the apostrophe it looks like) is accepted on EXTERNAL
                    assertTrue(field == null && !TOOLS.contained(name).isEmpty(), name + ": " + field);
                } else {
                    assertTrue(field != null, name + " " + hosting + " generative " + generative + " accepted");
                }
            }
        }
    }

    /** Every dash and colon look-alike before "cloud" names Ollama's cloud models; look-alike letters are refused. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt-oss:120b‐cloud", "gpt-oss:120b‑cloud", "gpt-oss:120b–cloud", "gpt-oss:120b−cloud",
        "gpt-oss:120b—cloud", "gpt-oss:120b－cloud", "gpt-oss:120b‒cloud", "minimax-m2꞉cloud", "minimax-m2։cloud",
        "minimax-m2∶cloud", "minimax-m2：cloud", "gpt-oss:120b-ᴄloud", "gpt-oss:120b-clоud", "gpt-oss:120b-cl0ud",
        "qwen3:480b-CLOUD", "llama3:70b-cIoud", "gpt-oss:120b-ϲloud"})
    void everyCloudTagIsExternal(String name) {
        for (Hosting hosting : INSIDE) {
            String field = refusal(name, hosting, true);
            assertTrue("hosting".equals(field) || "tool.name".equals(field), name + " " + hosting + ": " + field);
        }
        assertFalse(TOOLS.confirms(name, Hosting.LOCAL));
    }

    /** The name cases of the acceptance scenarios of policy 2.1, through the engine. */
    @Test
    void theNameCasesOfTwoPointOneAreDecidedAsWritten() throws URISyntaxException {
        Path file = Path.of(getClass().getClassLoader().getResource("names/acceptance-v2.1-names.json").toURI());
        List<Scenario> cases = ScenarioFiles.read(file);
        assertEquals(8, cases.size());
        List<String> failed = new ArrayList<>();
        for (Scenario scenario : cases) {
            Scenario.Outcome outcome = scenario.run(ScenarioFilesTest.ENGINE);
            if (!outcome.passed()) {
                failed.add(outcome.report());
            }
        }
        assertEquals(List.of(), failed);
    }

    /** The staff's spellings of section 5 (2.1), with the hostings each really has. */
    @Test
    void knowsTheSpellingsStaffType() {
        for (String name : List.of("gpt-4o", "GPT-5", "o3", "Claude Sonnet", "Gemini Pro", "Copilot M365", "Azure OpenAI",
                "chat.openai.com", "OpenAI")) {
            assertEquals(Optional.of(Hosting.EXTERNAL), TOOLS.suppliedHosting(name), name);
            assertEquals("hosting", refusal(name, Hosting.LOCAL, true), name);
        }
        assertEquals("hosting", refusal("GPT4All via OpenAI", Hosting.LOCAL, true));
        assertEquals(null, refusal("03 forecasting model", Hosting.LOCAL, true), "a number is not a look-alike of o3");
    }
}
