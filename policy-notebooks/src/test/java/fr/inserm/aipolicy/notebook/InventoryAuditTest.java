package fr.inserm.aipolicy.notebook;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.Hosting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryAuditTest {

    private static final String BARE = "{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"EXTERNAL\","
            + "\"dataCategories\":[\"UNPUBLISHED_RESEARCH\"],\"purpose\":\"WRITING\"}";
    private static final String WRAPPED = "{\"id\":\"SYN-7\",\"synthetic\":true,\"declaredBy\":\"Unit <S1>\","
            + "\"usage\":{\"tool\":{\"name\":\"Llama <local>\"},\"hosting\":\"LOCAL\",\"dataCategories\":[\"PUBLIC\"],"
            + "\"purpose\":\"SUMMARISATION\",\"context\":{\"userTrained\":true}}}";
    private static final String BAD_HOSTING = "{\"id\":\"SYN-8\",\"usage\":{\"tool\":{\"name\":\"x\"},"
            + "\"hosting\":\"CLOUD\",\"dataCategories\":[],\"purpose\":\"WRITING\"}}";

    @Test
    void readsBareAndWrappedLinesAndKeepsUnreadableOnes() {
        List<InventoryEntry> entries = InventoryAudit.parse(List.of(BARE, "", WRAPPED, "{not json", BAD_HOSTING, "[1]"));
        assertEquals(5, entries.size(), "the blank line is skipped");
        InventoryEntry bare = entries.get(0);
        assertEquals("line 1", bare.id());
        assertFalse(bare.synthetic());
        assertEquals(Hosting.EXTERNAL, bare.usage().hosting());

        InventoryEntry wrapped = entries.get(1);
        assertEquals(3, wrapped.line(), "line numbers count blank lines");
        assertEquals("SYN-7", wrapped.id());
        assertTrue(wrapped.synthetic());
        assertEquals("Unit <S1>", wrapped.declaredBy());
        assertEquals("Llama <local>", wrapped.usage().tool().name());

        assertFalse(entries.get(2).readable());
        assertEquals("(line)", entries.get(2).field());
        assertTrue(entries.get(2).error().startsWith("(line): not valid JSON"), entries.get(2).error());
        assertFalse(entries.get(3).readable());
        assertEquals("SYN-8", entries.get(3).id());
        assertEquals("usage.hosting", entries.get(3).field());
        assertTrue(entries.get(3).error().startsWith("usage.hosting: \"CLOUD\" is not an accepted value; accepted: LOCAL,"),
                entries.get(3).error());
        assertFalse(entries.get(4).readable());
    }

    @Test
    void decidesReadableLinesOnlyAndSummarises() {
        PolicyEngine engine = PolicyEngine.builder().build();
        InventoryAudit audit = InventoryAudit.run(engine, InventoryAudit.parse(List.of(BARE, WRAPPED, BAD_HOSTING)));
        assertEquals(3, audit.results().size());
        assertEquals(Verdict.DENY, audit.results().get(0).decision().verdict());
        assertNotNull(audit.results().get(1).decision());
        assertNull(audit.results().get(2).decision());
        assertEquals(1, audit.unreadable().size());

        InventorySummary summary = audit.summary();
        assertEquals(2, summary.decided());
        assertEquals(1, summary.unreadable());
        assertEquals(1, summary.count(Verdict.DENY));
        assertEquals(audit.results().get(1).decision().verdict() == Verdict.ALLOW ? 1 : 0, summary.count(Verdict.ALLOW));

        String examples = audit.examplesHtml(Verdict.DENY, 5);
        assertTrue(examples.contains("1 of 1 decisions: Not allowed"), examples);
        assertTrue(examples.contains("D1"), examples);
        String allowed = audit.examplesHtml(audit.results().get(1).decision().verdict(), 5);
        assertTrue(allowed.contains("Llama &lt;local&gt;"), allowed);
        assertFalse(allowed.contains("<local>"), allowed);
    }

    private static InventoryEntry only(String line) {
        List<InventoryEntry> entries = InventoryAudit.parse(List.of(line));
        assertEquals(1, entries.size());
        return entries.get(0);
    }

    private static void assertRefused(String line, String field, String messageStart) {
        InventoryEntry entry = only(line);
        assertFalse(entry.readable(), line);
        assertNull(entry.usage(), line);
        assertEquals(field, entry.field(), line);
        assertTrue(entry.error().startsWith(messageStart), entry.error());
    }

    @Test
    void anEntryIsReadAsStrictlyAsAUsage() {
        String usage = "{\"tool\":{\"name\":\"x\"},\"hosting\":\"LOCAL\",\"dataCategories\":[],\"purpose\":\"OTHER\"}";
        assertTrue(only("{\"id\":\"A\",\"usage\":" + usage + "}").readable(), "the well-formed entry is read");
        assertRefused("{\"id\":\"A\",\"declaredby\":\"Unit\",\"usage\":" + usage + "}", "declaredby",
                "declaredby: is not an accepted field; accepted: id, synthetic, declaredBy, usage");
        assertRefused("{\"id\":\"A\",\"synthetic\":\"yes\",\"usage\":" + usage + "}", "synthetic",
                "synthetic: must be true or false");
        assertRefused("{\"id\":7,\"usage\":" + usage + "}", "id", "id: must be a text");
        assertRefused("{\"id\":\"A\",\"declaredBy\":[],\"usage\":" + usage + "}", "declaredBy", "declaredBy: must be a text");
        assertRefused("{\"id\":\"A\",\"usage\":" + usage + "} trailing", "(line)", "(line): not valid JSON");
        assertRefused("{\"id\":\"A\",\"usage\":" + usage + ",\"usage\":" + usage + "}", "(line)", "(line): not valid JSON");
        assertRefused("{\"id\":\"A\",\"usage\":[]}", "usage", "usage: must be a JSON object");
        assertRefused("{\"id\":\"A\",\"usage\":{\"tool\":{\"name\":\" \"},\"hosting\":\"LOCAL\",\"dataCategories\":[],"
                + "\"purpose\":\"OTHER\"}}", "usage.tool.name", "usage.tool.name: ");
        assertRefused("{\"tool\":{\"name\":\"x\"},\"hosting\":\"CLOUD\",\"dataCategories\":[],\"purpose\":\"OTHER\"}",
                "hosting", "hosting: \"CLOUD\" is not an accepted value; accepted: LOCAL, INTERNAL, EXTERNAL_SOVEREIGN, EXTERNAL");
        assertRefused("\"text\"", "(line)", "(line): must be a JSON object");
    }

    @Test
    void aUsageTheEngineRefusesIsKeptWithItsErrorAndTheAuditGoesOn() {
        PolicyEngine engine = PolicyEngine.builder().build();
        String local = "{\"id\":\"SYN-9\",\"usage\":{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"LOCAL\","
                + "\"dataCategories\":[],\"purpose\":\"WRITING\"}}";
        String bareLocal = "{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"LOCAL\",\"dataCategories\":[],\"purpose\":\"WRITING\"}";
        InventoryAudit audit = InventoryAudit.run(engine, InventoryAudit.parse(List.of(BARE, local, WRAPPED, bareLocal)));
        assertEquals(4, audit.results().size(), "every line answered");
        assertEquals(List.of(1, 2, 3, 4), audit.results().stream().map(r -> r.entry().line()).toList(), "in order");
        assertEquals(Verdict.DENY, audit.results().get(0).decision().verdict());
        InventoryAudit.Result refused = audit.results().get(1);
        assertNull(refused.decision(), "a use that cannot happen is never decided, so never allowed");
        assertEquals("SYN-9", refused.entry().id());
        assertEquals("usage.hosting", refused.entry().field());
        assertTrue(refused.entry().error().startsWith("usage.hosting: "), refused.entry().error());
        assertNotNull(audit.results().get(2).decision());
        assertEquals("hosting", audit.results().get(3).entry().field());
        assertEquals(2, audit.unreadable().size());
        assertEquals(2, audit.summary().unreadable());
        assertEquals(2, audit.summary().decided());
    }

    @Test
    void readWithTheToolCatalogueALineIsReadAsTheCommandLineBatchReadsIt(@TempDir Path dir) throws Exception {
        PolicyEngine engine = PolicyEngine.builder().build();
        String noHosting = "{\"id\":\"SYN-10\",\"usage\":{\"tool\":{\"name\":\"ChatGPT\"},"
                + "\"dataCategories\":[\"UNPUBLISHED_RESEARCH\"],\"purpose\":\"WRITING\"}}";
        String severalPlaces = "{\"tool\":{\"name\":\"Mistral Le Chat\"},\"dataCategories\":[\"PUBLIC\"],"
                + "\"purpose\":\"WRITING\"}";
        String local = "{\"id\":\"SYN-9\",\"usage\":{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"LOCAL\","
                + "\"dataCategories\":[],\"purpose\":\"WRITING\"}}";
        String notGenerative = "{\"tool\":{\"name\":\"ChatGPT\",\"generative\":false},\"hosting\":\"EXTERNAL\","
                + "\"dataCategories\":[],\"purpose\":\"WRITING\"}";
        String bioBert = "{\"tool\":{\"name\":\"BioBERT\"},\"hosting\":\"INTERNAL\",\"dataCategories\":[\"PUBLIC\"],"
                + "\"purpose\":\"DATA_ANALYSIS\"}";
        List<String> lines = List.of(noHosting, severalPlaces, local, notGenerative, bioBert, BARE, BAD_HOSTING);

        // Without the catalogue (the old API, unchanged): every required field must be stated, and a
        // contradiction waits for the engine.
        List<InventoryEntry> plain = InventoryAudit.parse(lines);
        assertFalse(plain.get(0).readable());
        assertEquals("usage.hosting", plain.get(0).field());
        assertTrue(plain.get(2).readable());
        assertTrue(plain.get(3).readable());
        assertTrue(plain.get(4).usage().tool().generative(), "nothing supplied without the catalogue");

        List<InventoryEntry> read = InventoryAudit.parse(lines, engine.tools());
        assertEquals(7, read.size());
        InventoryEntry chatGpt = read.get(0);
        assertTrue(chatGpt.readable(), chatGpt.error());
        assertEquals("SYN-10", chatGpt.id());
        assertEquals(Hosting.EXTERNAL, chatGpt.usage().hosting(), "an exact single-hosting name supplies its hosting");
        assertFalse(read.get(1).readable(), "Mistral Le Chat runs in several places: no hosting supplied");
        assertEquals("hosting", read.get(1).field());
        assertTrue(read.get(1).error().startsWith("hosting: required"), read.get(1).error());
        assertFalse(read.get(2).readable(), "ChatGPT declared LOCAL is refused when read");
        assertEquals("SYN-9", read.get(2).id());
        assertEquals("usage.hosting", read.get(2).field());
        assertTrue(read.get(2).error().startsWith("usage.hosting: "), read.get(2).error());
        assertFalse(read.get(3).readable());
        assertEquals("tool.generative", read.get(3).field());
        assertFalse(read.get(4).usage().tool().generative(), "the catalogue supplies BioBERT's generative flag");
        assertEquals(read.get(4).usage().tool(), PolicyJson.readRequest(bioBert, engine.tools()).usage().tool());
        assertEquals(Hosting.EXTERNAL, read.get(5).usage().hosting());
        assertEquals("usage.hosting", read.get(6).field());

        InventoryAudit audit = InventoryAudit.run(engine, read);
        assertEquals(7, audit.results().size(), "every line answered");
        assertEquals(4, audit.unreadable().size());
        Decision supplied = audit.results().get(0).decision();
        Decision stated = engine.evaluate(PolicyJson.readUsage("{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"EXTERNAL\","
                + "\"dataCategories\":[\"UNPUBLISHED_RESEARCH\"],\"purpose\":\"WRITING\"}"));
        assertEquals(Verdict.DENY, supplied.verdict());
        assertEquals(stated.verdict(), supplied.verdict());
        assertEquals(stated.citedClauseIds(), supplied.citedClauseIds());

        Path file = dir.resolve("inventory.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        assertEquals(read, InventoryAudit.read(file, engine.tools()), "the file is read as its lines are");
        assertEquals(read.get(0), InventoryAudit.parseLine(1, noHosting, engine.tools()));
        assertEquals(plain, InventoryAudit.read(file), "the old API reads as before");
    }

    @Test
    void aFrenchSpreadsheetIsReadAsTheCommandLineReadsItWithHostingsFromTheCatalogue(@TempDir Path dir) throws Exception {
        PolicyEngine engine = PolicyEngine.builder().build();
        Path csv = dir.resolve("inventaire.csv");
        // French Excel: a byte-order mark, ; between cells, CRLF, labels for headers, VRAI, lower-case codes;
        // no hosting for ChatGPT, a tool the catalogue knows
        Files.write(csv, ("\uFEFFIdentifiant;Déclaré par;Outil;Hébergement;Données;Finalité;Formé à l'IA\r\n"
                + "INV-1;Unité A;ChatGPT;;public;writing;VRAI\r\n"
                + "INV-2;Unité B;Llama;local;\"PUBLIC;PERSONAL_DATA\";Summarisation;faux\r\n"
                + "INV-3;Unité C;Outil maison;;PUBLIC;WRITING;oui\r\n"
                + "INV-4;Unité D;Llama;LOCAL;PUBLIC;WRITING;peut-être\r\n").getBytes(StandardCharsets.UTF_8));
        Path jsonl = dir.resolve("inventory.jsonl");
        Files.writeString(jsonl, "{\"id\":\"INV-1\",\"declaredBy\":\"Unité A\",\"usage\":{\"tool\":{\"name\":\"ChatGPT\"},"
                + "\"dataCategories\":[\"PUBLIC\"],\"purpose\":\"WRITING\",\"context\":{\"userTrained\":true}}}\n"
                + "{\"id\":\"INV-2\",\"declaredBy\":\"Unité B\",\"usage\":{\"tool\":{\"name\":\"Llama\"},\"hosting\":\"LOCAL\","
                + "\"dataCategories\":[\"PUBLIC\",\"PERSONAL_DATA\"],\"purpose\":\"SUMMARISATION\","
                + "\"context\":{\"userTrained\":false}}}\n");
        List<InventoryEntry> fromCsv = InventoryAudit.read(csv, engine.tools());
        List<InventoryEntry> fromJsonl = InventoryAudit.read(jsonl, engine.tools());
        assertEquals(4, fromCsv.size());
        for (int i = 0; i < 2; i++) {
            assertTrue(fromCsv.get(i).readable(), fromCsv.get(i).toString());
            assertEquals(fromJsonl.get(i).usage(), fromCsv.get(i).usage());
            assertEquals(fromJsonl.get(i).id(), fromCsv.get(i).id());
            assertEquals(fromJsonl.get(i).declaredBy(), fromCsv.get(i).declaredBy());
            assertEquals(i + 2, fromCsv.get(i).line());
        }
        assertEquals(Hosting.EXTERNAL, fromCsv.get(0).usage().hosting(), "the catalogue's hosting for ChatGPT");
        // a tool the catalogue does not know still needs its hosting; a bad cell is refused in French (a ; file)
        assertFalse(fromCsv.get(2).readable());
        assertEquals("hosting", fromCsv.get(2).field(), fromCsv.get(2).toString());
        assertFalse(fromCsv.get(3).readable());
        assertTrue(fromCsv.get(3).error().contains("« peut-être » n'est ni vrai ni faux"), fromCsv.get(3).error());
        InventoryAudit audit = InventoryAudit.run(engine, fromCsv);
        assertEquals(4, audit.results().size());
        assertNull(audit.results().get(3).decision());
    }
}
