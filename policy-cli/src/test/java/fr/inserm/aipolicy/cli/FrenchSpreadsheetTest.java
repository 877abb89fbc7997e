package fr.inserm.aipolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.inserm.aipolicy.Language;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A French Excel export decided as its JSON Lines equivalent, row for row: {@code ;} between cells, a
 * byte-order mark, {@code \r\n}, {@code VRAI}/{@code FAUX}/{@code OUI}/{@code NON} in any case, enum
 * codes in any case, a decimal comma, and headers given as field paths or as labels in French or
 * English; the spreadsheet given back read by Python's {@code csv} module; a Windows-1252 file refused
 * row by row.
 */
class FrenchSpreadsheetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 2025_12_06L;

    /** A French Excel inventory and its JSON Lines equivalent. */
    record Inventory(String csv, String jsonl, List<List<String>> cells, List<String> header) {
    }

    private static String anyCase(Random random, String text) {
        return switch (random.nextInt(3)) {
            case 0 -> text.toLowerCase(Locale.ROOT);
            case 1 -> text.toUpperCase(Locale.ROOT);
            default -> text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT)
                    + text.substring(1).toLowerCase(Locale.ROOT);
        };
    }

    private static String cell(String text) {
        return text.contains(";") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    static Inventory frenchExcel(long seed, int rows) throws Exception {
        Random random = new Random(seed);
        List<String> header = new ArrayList<>();
        for (String column : CsvInventory.columns()) {
            header.add(switch (random.nextInt(4)) {
                case 0 -> column;
                case 1 -> SheetWords.of(Language.EN).label(column);
                case 2 -> anyCase(random, SheetWords.of(Language.FR).label(column));
                default -> SheetWords.of(Language.FR).label(column);
            });
        }
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(String.join(";", header.stream().map(FrenchSpreadsheetTest::cell).toList())).append("\r\n");
        StringBuilder jsonl = new StringBuilder();
        List<List<String>> allCells = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            Usage usage = CsvInventoryTest.randomUsage(random);
            Double size = random.nextBoolean() ? null : random.nextInt(20_000) / 100.0;
            usage = new Usage(new Tool(usage.tool().name() + " é", usage.tool().generative(), size), usage.hosting(),
                    usage.dataCategories(), usage.purpose(), usage.context());
            ObjectNode json = (ObjectNode) JSON.readTree(PolicyJson.write(usage));
            List<String> cells = new ArrayList<>();
            for (String column : CsvInventory.columns()) {
                String value = switch (column) {
                    case "id" -> "INV-" + i;
                    case "declaredBy" -> "Unité " + i % 7;
                    case "dataCategories" -> String.join(random.nextBoolean() ? ";" : ", ",
                            usage.dataCategories().stream().map(c -> anyCase(random, c.name())).toList());
                    case "tool.parametersBillions" -> size == null ? "" : String.valueOf(size).replace('.', ',');
                    default -> {
                        JsonNode node = json.at("/" + column.replace('.', '/'));
                        if (node.isMissingNode() || node.isNull()) {
                            yield "";
                        }
                        if (node.isBoolean()) {
                            String[][] words = {{"VRAI", "FAUX"}, {"OUI", "NON"}, {"TRUE", "FALSE"}};
                            yield anyCase(random, words[random.nextInt(3)][node.asBoolean() ? 0 : 1]);
                        }
                        yield column.equals("tool.name") ? node.asText() : anyCase(random, node.asText());
                    }
                };
                cells.add(value);
            }
            allCells.add(cells);
            csv.append(String.join(";", cells.stream().map(FrenchSpreadsheetTest::cell).toList())).append("\r\n");
            jsonl.append("{\"id\": \"INV-").append(i).append("\", \"usage\": ").append(PolicyJson.write(usage))
                    .append("}\n");
        }
        return new Inventory(csv.toString(), jsonl.toString(), allCells, header);
    }

    @Test
    void aFrenchExcelFileIsDecidedRowForRowLikeItsJsonLines() throws Exception {
        System.out.println("FrenchSpreadsheetTest seed " + SEED);
        Inventory inventory = frenchExcel(SEED, 400);
        CliTestSupport.Run fromCsv = CliTestSupport.run(inventory.csv(), "evaluate", "--batch", "-", "--input", "csv");
        CliTestSupport.Run fromJsonl = CliTestSupport.run(inventory.jsonl(), "evaluate", "--batch", "-");
        assertEquals(fromJsonl.status(), fromCsv.status(), fromCsv.err());
        String[] csvAnswers = fromCsv.out().split("\n");
        String[] jsonAnswers = fromJsonl.out().split("\n");
        assertEquals(400, csvAnswers.length, fromCsv.err());
        assertEquals(400, jsonAnswers.length);
        int decided = 0;
        for (int i = 0; i < 400; i++) {
            ObjectNode a = (ObjectNode) JSON.readTree(csvAnswers[i]);
            ObjectNode b = (ObjectNode) JSON.readTree(jsonAnswers[i]);
            assertEquals(i + 2, a.remove("line").asLong());
            assertEquals(i + 1, b.remove("line").asLong());
            if (b.has("verdict")) {
                assertEquals(b, a, "row " + (i + 1));
                decided++;
            } else {
                assertEquals(b.get("field"), a.get("field"), "row " + (i + 1) + ": " + a + " / " + b);
            }
        }
        assertTrue(decided > 300, "most rows are decided: " + decided);
    }

    @Test
    void theExcelFrOutputReadByPythonsCsvModuleHoldsTheDecisions(@TempDir Path dir) throws Exception {
        Inventory inventory = frenchExcel(SEED + 1, 120);
        Path input = dir.resolve("inventaire.csv");
        Files.writeString(input, inventory.csv());
        Path output = dir.resolve("decisions.csv");
        CliTestSupport.FileRun run = CliTestSupport.runToFile(output, new byte[0], "evaluate", "--batch",
                input.toString(), "--output", "csv");
        CliTestSupport.Run json = CliTestSupport.run(inventory.jsonl(), "evaluate", "--batch", "-", "--lang", "fr");
        byte[] bytes = Files.readAllBytes(output);
        assertEquals(0xEF, bytes[0] & 0xFF, "a byte-order mark, for Excel");
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\r\n"), "CRLF, as the input");
        // Python's csv module, as a steward's script would read it
        Path script = dir.resolve("read.py");
        Files.writeString(script, "import csv, json, sys\n"
                + "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
                + "    print(json.dumps(list(csv.reader(f, delimiter=';'))))\n");
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), output.toString())
                .redirectErrorStream(true).start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), printed);
        JsonNode table = JSON.readTree(printed);
        assertEquals(121, table.size(), run.err());
        JsonNode header = table.get(0);
        int own = inventory.header().size();
        for (int c = 0; c < own; c++) {
            assertEquals(inventory.header().get(c), header.get(c).asText());
        }
        SheetWords fr = SheetWords.of(Language.FR);
        List<String> added = new ArrayList<>();
        for (String name : SheetFormat.ADDED) {
            added.add(fr.word("out." + name));
        }
        for (int c = 0; c < added.size(); c++) {
            assertEquals(added.get(c), header.get(own + c).asText());
        }
        String version = PolicyEngine.builder().build().policyVersion();
        String[] decisions = json.out().split("\n");
        for (int i = 0; i < 120; i++) {
            JsonNode row = table.get(i + 1);
            JsonNode decision = JSON.readTree(decisions[i]);
            assertEquals(own + added.size(), row.size(), row.toString());
            for (int c = 0; c < own; c++) {
                assertEquals(inventory.cells().get(i).get(c), row.get(c).asText(), "row " + (i + 1) + " repeats its cells");
            }
            assertEquals(String.valueOf(i + 2), row.get(own).asText());
            if (!decision.has("verdict")) {
                assertEquals("", row.get(own + 1).asText());
                assertTrue(row.get(own + 10).asText().startsWith("ERREUR : "), row.toString());
                continue;
            }
            assertEquals(fr.word("verdict." + decision.get("verdict").asText()), row.get(own + 1).asText());
            List<String> reasons = new ArrayList<>();
            decision.get("reasons").forEach(r -> reasons.add(r.get("text").asText()));
            assertEquals(String.join(" | ", reasons.stream().distinct().toList()), row.get(own + 2).asText());
            List<String> clauses = new ArrayList<>();
            decision.get("citations").forEach(c -> clauses.add(c.get("id").asText()));
            assertEquals(String.join(" ", clauses), row.get(own + 8).asText());
            assertEquals(version, row.get(own + 9).asText());
            assertEquals("", row.get(own + 10).asText());
            if (decision.get("escalateTo").size() > 0) {
                assertFalse(row.get(own + 7).asText().isEmpty(), row.toString());
            }
            if (decision.get("assumptions").size() > 0) {
                assertEquals(decision.get("assumptions").get(0).get("question").asText(),
                        row.get(own + 6).asText().split(" \\| ")[0]);
            }
        }
    }

    @Test
    void aWindows1252FileIsRefusedRowByRowAskingForUtf8() throws Exception {
        Inventory inventory = frenchExcel(SEED + 2, 30);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(inventory.csv().substring(1).getBytes(Charset.forName("windows-1252")));
        for (String lang : List.of("fr", "en")) {
            CliTestSupport.Run run = CliTestSupport.run(bytes.toByteArray(), "evaluate", "--batch", "-", "--input", "csv",
                    "--lang", lang);
            assertEquals(AipolicyCli.BAD_INPUT, run.status(), run.err());
            String[] answers = run.out().split("\n");
            assertEquals(30, answers.length, run.err());
            for (int i = 0; i < answers.length; i++) {
                JsonNode answer = JSON.readTree(answers[i]);
                assertEquals(i + 2, answer.get("line").asLong());
                assertTrue(answer.get("message").asText().contains(lang.equals("fr")
                        ? "enregistrez le fichier en UTF-8" : "save the file as UTF-8"), answers[i]);
            }
        }
    }

    @Test
    void anUnknownHeaderNamesTheNearestKnownOneInTheCallersLanguage() {
        String csv = "Outil;Hébergment;Données;Finalité\r\nChatGPT;EXTERNAL;PUBLIC;WRITING\r\n";
        CliTestSupport.Run run = CliTestSupport.run(csv, "evaluate", "--batch", "-", "--input", "csv", "--lang", "fr");
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
        assertTrue(run.err().startsWith("aipolicy: l'en-tête du CSV ne peut pas être lu : Hébergment : colonne inconnue"
                + " « Hébergment », vouliez-vous dire « Hébergement » ?") || run.err().contains(
                "colonne inconnue « Hébergment », vouliez-vous dire « Hébergement » ?"), run.err());
        assertTrue(run.err().contains("tool.name") && run.err().contains("Tool") && run.err().contains("Outil"), run.err());
    }

    @Test
    void everyColumnHasALabelInBothLanguagesAndNoTwoColumnsShareOne() {
        for (Language language : List.of(Language.EN, Language.FR)) {
            for (String column : CsvInventory.columns()) {
                assertNotNull(SheetWords.of(language).label(column), column + " in " + language);
            }
        }
        // every path and label names its own column only
        for (String column : CsvInventory.columns()) {
            for (String name : List.of(column, SheetWords.of(Language.EN).label(column),
                    SheetWords.of(Language.FR).label(column))) {
                assertEquals(column, SheetWords.names().get(SheetWords.normalise(name)), name);
            }
        }
    }

    @Test
    void theExampleIsTheCommandsOutput(@TempDir Path dir) throws IOException {
        Path example = Path.of("..", "examples", "inventaire-excel-fr.csv");
        Path decided = Path.of("..", "examples", "inventaire-excel-fr.decisions.csv");
        Path out = dir.resolve("out.csv");
        CliTestSupport.runToFile(out, new byte[0], "evaluate", "--batch", example.toString(), "--output", "csv");
        assertEquals(Files.readString(decided), Files.readString(out),
                "regenerate: aipolicy evaluate --batch examples/inventaire-excel-fr.csv --output csv"
                        + " > examples/inventaire-excel-fr.decisions.csv");
    }
}
