package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyBuildException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.decision.Clause;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Reason;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.report.PolicyReports;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule, clause title, contact and label has its French text, and decisions read in French. */
class FrenchTextsTest {
    static final PolicyEngine ENGINE = ScenarioFilesTest.ENGINE;
    static final String FOLDER = "fr/inserm/aipolicy/rules/";

    static Properties bundle(String file) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(FrenchTextsTest.class.getClassLoader().getResourceAsStream(FOLDER + file),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    @Test
    void everyRuleHasAFrenchMessageAndNoOtherKeyIsThere() {
        Set<String> rules = ENGINE.rules().stream().map(PolicyRule::id).collect(Collectors.toCollection(TreeSet::new));
        ENGINE.rules().stream().filter(r -> r.assumes() != null).forEach(r -> rules.add(r.id() + ".assumed"));
        rules.add("DEFAULT");
        rules.add("STRICT");
        Properties french = bundle("messages_fr.properties");
        assertEquals(rules, new TreeSet<>(french.stringPropertyNames()));
        assertEquals(rules, new TreeSet<>(bundle("messages.properties").stringPropertyNames()));
        for (PolicyRule rule : ENGINE.rules()) {
            assertNotEquals(rule.text(), french.getProperty(rule.id()).strip(), rule.id() + " is not translated");
        }
    }

    @Test
    void bothLabelBundlesHaveTheSameKeysAndEveryClauseAFrenchTitle() {
        Set<String> english = new TreeSet<>(bundle("labels.properties").stringPropertyNames());
        Set<String> french = new TreeSet<>(bundle("labels_fr.properties").stringPropertyNames());
        Set<String> titles = french.stream().filter(k -> k.startsWith("title.")).collect(Collectors.toCollection(TreeSet::new));
        french.removeAll(titles);
        assertEquals(english, french);
        assertEquals(ENGINE.catalogue().stream().map(c -> "title." + c.id()).collect(Collectors.toCollection(TreeSet::new)),
                titles);
        List<Clause> frenchCatalogue = PolicyReports.of(ENGINE).catalogue(Locale.FRENCH);
        for (int i = 0; i < frenchCatalogue.size(); i++) {
            Clause en = ENGINE.catalogue().get(i);
            Clause fr = frenchCatalogue.get(i);
            assertEquals(en.text(), fr.text(), "clause texts stay in their source language");
            assertNotEquals(en.title(), fr.title(), en.id());
        }
        assertEquals(ENGINE.catalogue(), PolicyReports.of(ENGINE).catalogue(Locale.ENGLISH));
    }

    @Test
    void everyScenarioDecidesTheSameInFrenchWithFrenchTexts() {
        Properties french = bundle("messages_fr.properties");
        for (Usage usage : ScenarioFilesTest.usages()) {
            String scenario = PolicyJson.write(usage);
            Decision english = ENGINE.evaluate(usage);
            assertEquals(PolicyJson.write(english), PolicyJson.write(PolicyReports.of(ENGINE).evaluate(usage, Locale.ENGLISH)),
                    "English is the plain decision: " + scenario);
            Decision fr = PolicyReports.of(ENGINE).evaluate(usage, Locale.FRANCE);
            assertEquals(english.verdict(), fr.verdict(), scenario.toString());
            assertEquals(english.appliedRules(), fr.appliedRules(), scenario.toString());
            assertEquals(english.citedClauseIds(), fr.citedClauseIds(), scenario.toString());
            assertEquals(english.obligationIds(), fr.obligationIds(), scenario.toString());
            assertEquals(english.adviceIds(), fr.adviceIds(), scenario.toString());
            assertEquals(english.escalateTo(), fr.escalateTo(), scenario.toString());
            assertEquals(english.policyDigest(), fr.policyDigest());
            for (Reason reason : fr.reasons()) {
                assertEquals(french.getProperty(reason.rule()).strip(), reason.text(), scenario.toString());
            }
            for (int i = 0; i < fr.obligations().size(); i++) {
                assertEquals(english.obligations().get(i).clauses(), fr.obligations().get(i).clauses());
                assertNotEquals(english.obligations().get(i).text(), fr.obligations().get(i).text());
            }
        }
    }

    @Test
    void refusesALanguageItDoesNotHave() {
        Usage usage = ScenarioFilesTest.usages().get(0);
        assertEquals("language", assertThrows(InvalidUsageException.class,
                () -> PolicyReports.of(ENGINE).evaluate(usage, Locale.GERMAN)).field());
    }

    @Test
    void aRuleWithoutAFrenchMessageFailsTheBuild(@TempDir Path copy) throws IOException {
        copyPolicy(copy);
        Path messages = copy.resolve("messages_fr.properties");
        Files.writeString(messages, Files.readString(messages).replaceAll("(?m)^S3=.*$", ""));
        PolicyBuildException e = assertThrows(PolicyBuildException.class,
                () -> PolicyEngine.builder().rulesFrom(copy).build());
        assertTrue(e.getMessage().contains("messages_fr.properties") && e.getMessage().contains("S3"), e.getMessage());
    }

    /**
     * The words the reader meets (policy 2.1): the unit is named as Inserm's own page names it, a
     * title keeps its clause's qualifiers in both languages, E4's reproducibility testing is an
     * invitation, and CNIL-6's governance names the information-systems manager and the CISO.
     */
    @Test
    void theWordsTheReaderMeetsAreTheTexts() {
        Properties french = new Properties();
        french.putAll(bundle("messages_fr.properties"));
        french.putAll(bundle("labels_fr.properties"));
        french.forEach((key, text) -> assertTrue(!String.valueOf(text).contains("Cellule"),
                key + " names the unit otherwise than Inserm's page (\"pôle IA & numérique\"): " + text));
        assertTrue(french.getProperty("contact.AI_UNIT").startsWith("pôle IA & numérique"));
        Map<String, String> qualifiers = Map.of("R4.3", "external", "R4.4", "non-sensitive", "R5.1", "paid",
                "CNIL-6", "CISO");
        Map<String, String> frenchQualifiers = Map.of("R4.3", "externe", "R4.4", "non sensibles", "R5.1", "payants",
                "CNIL-6", "RSSI");
        qualifiers.forEach((id, word) -> assertTrue(ENGINE.clause(id).orElseThrow().title().contains(word), id));
        frenchQualifiers.forEach((id, word) -> assertTrue(french.getProperty("title." + id).contains(word), id));
        assertTrue(ENGINE.clause("R5.1").orElseThrow().title().contains("generative"));
        assertTrue(ENGINE.clause("E4").orElseThrow().title().contains("invited"));
        assertTrue(french.getProperty("title.E4").contains("invités"));
        assertTrue(ENGINE.clause("CNIL-6").orElseThrow().title().contains("IS manager"));
        assertTrue(french.getProperty("title.CNIL-6").contains("responsable des systèmes d'information, le RSSI"));
        Properties english = bundle("messages.properties");
        assertTrue(english.getProperty("O2").contains("invited to test"), "E4 invites, it does not oblige");
        assertTrue(french.getProperty("O2").contains("invité à tester"));
        assertTrue(english.getProperty("O11").contains("information systems manager, the CISO"));
        assertTrue(french.getProperty("O11").contains("responsable des systèmes d'information, le RSSI"));
    }

    @Test
    void aPolicyWithoutTranslationsStillBuildsButCannotAnswerInFrench(@TempDir Path copy) throws IOException {
        copyPolicy(copy);
        Files.delete(copy.resolve("messages_fr.properties"));
        Files.delete(copy.resolve("labels_fr.properties"));
        Path manifest = copy.resolve("policy.properties");
        Files.writeString(manifest, Files.readString(manifest).replace("messages_fr.properties", "")
                .replace("labels_fr.properties", ""));
        fr.inserm.aipolicy.PolicyApprovals.record(copy, ENGINE.policyVersion()); // an edited copy, recorded: not a draft
        PolicyEngine engine = PolicyEngine.builder().rulesFrom(copy).build();
        Usage usage = ScenarioFilesTest.usages().get(0);
        assertEquals(PolicyJson.write(ENGINE.evaluate(usage)).replace(ENGINE.policyDigest(), engine.policyDigest()),
                PolicyJson.write(engine.evaluate(usage)));
        assertThrows(UnsupportedOperationException.class, () -> PolicyReports.of(engine).evaluate(usage, Locale.FRENCH));
    }

    @Test
    void halfATranslationFailsTheBuild(@TempDir Path copy) throws IOException {
        copyPolicy(copy);
        Files.delete(copy.resolve("labels_fr.properties"));
        PolicyBuildException e = assertThrows(PolicyBuildException.class,
                () -> PolicyEngine.builder().rulesFrom(copy).build());
        assertTrue(e.getMessage().contains("labels_fr.properties"), e.getMessage());
    }

    static void copyPolicy(Path target) throws IOException {
        try {
            Path folder = Path.of(FrenchTextsTest.class.getClassLoader().getResource(FOLDER + "policy.properties").toURI())
                    .getParent();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
