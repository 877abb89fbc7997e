package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Contact;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.report.PolicyReports;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cards and summaries show words, not codes, in English and in French, with glyphs Debian's fonts draw.
 * Each test renders many real decisions and searches the text a person sees (tags and attributes
 * removed) for any code of the policy: a label that fell back to {@code Enum.name()}, an obligation or
 * advice id, would fail it.
 */
class CardLabelsTest {

    private static final Locale[] LOCALES = {Locale.ENGLISH, Locale.FRENCH};
    /** Headings of the English card that must not appear on a French one. */
    private static final List<String> ENGLISH_ONLY = List.of("Why", "Whom to ask", "Obligations (you must)",
            "Advice (you should consider)", "Cited clauses", "Not allowed", "Ask first", "external platform",
            "rules applied", "Verdict by purpose", "Most cited clauses", "unreadable");

    private static PolicyEngine engine;

    @BeforeAll
    static void buildEngine() {
        engine = PolicyEngine.builder().build();
    }

    /** The codes a person must never read: every constant of the policy's enumerations (save DPO and CDO,
     *  which are the abbreviations people use), and every obligation and advice id the decisions carry. */
    private static Set<String> codes(List<Decision> decisions) {
        Set<String> codes = new TreeSet<>();
        for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(Verdict.class, Hosting.class,
                Purpose.class, DataCategory.class, Subscription.class, CodeTarget.class, Contact.class)) {
            for (Enum<?> constant : type.getEnumConstants()) {
                codes.add(constant.name());
            }
        }
        codes.remove("DPO");
        codes.remove("CDO");
        for (Decision d : decisions) {
            codes.addAll(d.obligationIds());
            codes.addAll(d.adviceIds());
        }
        return codes;
    }

    /** What a browser shows of an HTML fragment: tags (and their attributes) removed, entities decoded. */
    private static String visible(String html) {
        return html.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    private static void assertNoCode(String shown, Set<String> codes, String where) {
        Matcher m = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\\b").matcher(shown);
        while (m.find()) {
            if (codes.contains(m.group())) {
                int from = Math.max(0, m.start() - 60);
                fail(where + ": the code " + m.group() + " is shown: ..." + shown.substring(from,
                        Math.min(shown.length(), m.end() + 60)).replace('\n', ' ') + "...");
            }
        }
    }

    /** Uses over every hosting, purpose and data category, and contexts that reach ESCALATE and obligations. */
    private static List<Usage> usages() {
        List<Context> contexts = List.of(Context.builder().build(),
                Context.builder().userTrained(false).forPublication(true).build(),
                Context.builder().userTrained(true).subscription(Subscription.INSERM_FUNDED)
                        .codeTarget(CodeTarget.CRYPTOGRAPHY).automatedDecisionOnPeople(true).build(),
                Context.builder().webScraping(true).apiAvailable(true).build());
        List<Usage> usages = new ArrayList<>();
        int i = 0;
        for (Hosting hosting : Hosting.values()) {
            for (Purpose purpose : Purpose.values()) {
                for (DataCategory category : DataCategory.values()) {
                    usages.add(Usage.builder().tool(new fr.inserm.aipolicy.usage.Tool("an AI assistant", true, 70.0))
                            .hosting(hosting).dataCategories(category).purpose(purpose)
                            .context(contexts.get(i++ % contexts.size())).build());
                }
            }
        }
        return usages;
    }

    @Test
    void cardsShowNoCodeInEitherLanguage() {
        List<Usage> usages = usages();
        for (Locale locale : LOCALES) {
            List<Decision> decisions = new ArrayList<>();
            Set<Verdict> seen = new TreeSet<>();
            for (Usage usage : usages) {
                DecisionCard card = DecisionCard.decide(engine, usage, locale);
                decisions.add(card.decision());
                seen.add(card.decision().verdict());
                Set<String> codes = codes(List.of(card.decision()));
                String where = locale + " card of " + usage;
                assertNoCode(visible(card.html()), codes, where + " (HTML)");
                assertNoCode(card.markdown().replaceAll("<[^>]*>", " "), codes, where + " (Markdown)");
            }
            assertEquals(Set.of(Verdict.values()), seen, "the usages reach every verdict");
            assertFalse(codes(decisions).stream().noneMatch(c -> c.contains("VERIFY")), "obligation ids are checked");
        }
    }

    @Test
    void englishCardsFromTheStaticCallsShowNoCode() {
        for (Usage usage : usages().subList(0, 200)) {
            Decision decision = engine.evaluate(usage);
            Set<String> codes = codes(List.of(decision));
            assertNoCode(visible(DecisionCard.html(usage, decision)), codes, "card of " + usage);
            assertNoCode(DecisionCard.markdown(usage, decision).replaceAll("<[^>]*>", " "), codes, "markdown of " + usage);
        }
    }

    @Test
    void aFrenchCardIsFrenchThroughout() {
        Usage usage = Usage.builder().tool("ChatGPT").hosting(Hosting.EXTERNAL)
                .dataCategories(DataCategory.UNPUBLISHED_RESEARCH).purpose(Purpose.WRITING)
                .context(Context.builder().userTrained(false).build()).build();
        DecisionCard card = DecisionCard.decide(engine, usage, Locale.FRENCH);
        assertEquals(Locale.FRENCH, card.locale());
        String shown = visible(card.html());
        assertTrue(shown.contains("\u2717 Interdit"), shown);
        assertTrue(shown.contains("ChatGPT \u00b7 plateforme externe \u00b7 rédaction \u00b7 données\u00a0: recherche non publiée"),
                shown);
        assertTrue(shown.contains("Pourquoi"), shown);
        assertTrue(shown.contains("Clauses citées"), shown);
        assertTrue(shown.contains("règles appliquées"), shown);
        Decision french = PolicyReports.of(engine).evaluate(usage, Locale.FRENCH);
        for (Reason reason : french.reasons()) {
            assertTrue(shown.contains(reason.text()), "French reason " + reason.rule() + " in " + shown);
        }
        for (String english : ENGLISH_ONLY) {
            assertFalse(shown.contains(english), "English words \"" + english + "\" on a French card: " + shown);
        }
        assertTrue(card.html().contains("lang=\"fr\""));
        assertTrue(card.markdown().startsWith("### \u2717 Interdit \u2014 "), card.markdown());
    }

    @Test
    void aFrenchCardNamesWhomToAskInFrench() {
        Usage usage = Usage.builder().tool("Mistral API").hosting(Hosting.EXTERNAL_SOVEREIGN)
                .dataCategories(DataCategory.PUBLIC).purpose(Purpose.AUTOMATED_PROCESSING)
                .context(Context.builder().dpiaCompleted(false).userTrained(true).build()).build();
        String html = DecisionCard.decide(engine, usage, Locale.FRENCH).html();
        assertTrue(visible(html).contains("À qui s'adresser"), html);
        assertTrue(html.contains("<li data-contact=\"DPO\">Délégué à la protection des données (DPO)</li>"), html);
    }

    @Test
    void summariesShowNoCodeInEitherLanguage() throws IOException {
        List<InventoryEntry> entries = InventoryAudit.read(Path.of("notebooks", "data", "synthetic-inventory.jsonl"));
        for (Locale locale : LOCALES) {
            InventoryAudit audit = InventoryAudit.run(engine, entries, locale);
            List<Decision> decisions = audit.results().stream().map(InventoryAudit.Result::decision)
                    .filter(d -> d != null).toList();
            Set<String> codes = codes(decisions);
            InventorySummary summary = audit.summary(locale);
            assertNoCode(visible(summary.html()), codes, locale + " summary");
            assertNoCode(summary.markdown(), codes, locale + " summary (Markdown)");
            for (Verdict verdict : Verdict.values()) {
                assertNoCode(visible(audit.examplesHtml(verdict, 50, locale)), codes, locale + " examples " + verdict);
            }
            if (locale == Locale.FRENCH) {
                String shown = visible(summary.html());
                assertTrue(shown.contains("Verdict par finalité"), shown);
                for (String english : ENGLISH_ONLY) {
                    assertFalse(shown.contains(english), "English words \"" + english + "\" in a French summary");
                }
            }
        }
    }

    @Test
    void anotherLanguageIsRefusedNamingTheField() {
        Usage usage = Usage.builder().tool("an AI assistant").hosting(Hosting.LOCAL).purpose(Purpose.OTHER).build();
        InvalidUsageException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidUsageException.class,
                () -> DecisionCard.decide(engine, usage, Locale.GERMAN));
        assertEquals("language", e.field());
        assertTrue(e.getMessage().contains("en") && e.getMessage().contains("fr"), e.getMessage());
        assertThrowsLanguage(() -> new InventorySummary(Locale.ITALIAN));
    }

    private static void assertThrowsLanguage(org.junit.jupiter.api.function.Executable call) {
        assertEquals("language", org.junit.jupiter.api.Assertions.assertThrows(InvalidUsageException.class, call).field());
    }

    @Test
    void bothBundlesHaveTheSameKeysAndALabelForEveryConstant() throws IOException {
        Properties en = load("card.properties");
        Properties fr = load("card_fr.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(fr.stringPropertyNames()),
                "card.properties and card_fr.properties must have the same keys");
        List<String> translated = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            translated.add("verdict." + v);
            translated.add("meaning." + v);
        }
        for (Hosting h : Hosting.values()) {
            translated.add("hosting." + h);
        }
        for (Purpose p : Purpose.values()) {
            translated.add("purpose." + p);
        }
        for (DataCategory c : DataCategory.values()) {
            translated.add("data." + c);
        }
        for (Contact c : Contact.values()) {
            assertNotNull(en.getProperty("contact." + c), "contact." + c);
        }
        for (String key : en.stringPropertyNames()) {
            if (key.startsWith("heading.")) {
                translated.add(key);
            }
        }
        for (String key : translated) {
            assertNotNull(en.getProperty(key), "card.properties lacks " + key);
            assertNotEquals(en.getProperty(key), fr.getProperty(key), "card_fr.properties does not translate " + key);
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CardText.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** Characters DejaVu Sans (Debian's default font, fonts-dejavu-core) draws: checked with fc-list. No emoji. */
    private static boolean drawnByDejaVu(int c) {
        return c == '\n' || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0x17f) || (c >= 0x2010 && c <= 0x2027)
                || c == 0x202f || (c >= 0x2030 && c <= 0x203a) || c == 0x2192 || c == 0x2713 || c == 0x2717
                || c == 0x26a0 || c == 0x2264 || c == 0x2265 || c == 0x20ac;
    }

    @Test
    void everyCharacterIsOneDebiansFontsDraw() throws IOException {
        List<String> outputs = new ArrayList<>();
        for (Usage usage : usages()) {
            for (Locale locale : LOCALES) {
                DecisionCard card = DecisionCard.decide(engine, usage, locale);
                outputs.add(card.html());
                outputs.add(card.markdown());
            }
        }
        List<InventoryEntry> entries = InventoryAudit.read(Path.of("notebooks", "data", "synthetic-inventory.jsonl"));
        for (Locale locale : LOCALES) {
            outputs.add(InventoryAudit.run(engine, entries, locale).summary(locale).html());
        }
        for (String output : outputs) {
            output.codePoints().filter(c -> !drawnByDejaVu(c)).findFirst().ifPresent(c -> fail(String.format(
                    "U+%04X (%s) is not a character DejaVu Sans draws, in: %s", c, Character.getName(c),
                    output.substring(Math.max(0, output.indexOf(Character.toString(c)) - 80),
                            Math.min(output.length(), output.indexOf(Character.toString(c)) + 20)))));
        }
    }
}
