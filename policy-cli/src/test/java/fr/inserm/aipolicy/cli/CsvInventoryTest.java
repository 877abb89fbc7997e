package fr.inserm.aipolicy.cli;

import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.Context;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Tool;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import fr.inserm.aipolicy.cli.CliTestSupport.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inventories as staff keep them: CSV with a header of field paths, each row read as the same usage
 * JSON as JSON Lines, so every decision and every message is the core's.
 */
class CsvInventoryTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A seeded random usage stating a random subset of every context field the core has. */
    static Usage randomUsage(Random random) throws Exception {
        RecordComponent[] fields = Context.class.getRecordComponents();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Class<?> type = fields[i].getType();
            if (random.nextInt(3) == 0) {
                continue; // not stated
            }
            if (type == Boolean.class) {
                values[i] = random.nextBoolean();
            } else if (type.isEnum()) {
                Object[] constants = type.getEnumConstants();
                values[i] = constants[random.nextInt(constants.length)];
            }
        }
        Context context = (Context) Context.class.getDeclaredConstructors()[0].newInstance(values);
        EnumSet<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            categories.add(DataCategory.values()[random.nextInt(DataCategory.values().length)]);
        }
        Purpose purpose = Purpose.values()[random.nextInt(Purpose.values().length)];
        Tool tool = new Tool("tool, \"quoted\" " + random.nextInt(20), purpose.producesContent() || random.nextBoolean(),
                random.nextBoolean() ? null : (double) random.nextInt(200));
        return new Usage(tool, Hosting.values()[random.nextInt(Hosting.values().length)], categories, purpose, context);
    }

    /** The CSV row of a usage, in the order of {@link CsvInventory#columns()}, written by hand. */
    static String csvRow(String id, Usage usage) {
        ObjectNode json = (ObjectNode) readTree(PolicyJson.write(usage));
        List<String> cells = new ArrayList<>();
        for (String column : CsvInventory.columns()) {
            String cell = switch (column) {
                case "id" -> id;
                case "declaredBy" -> "Unit 1";
                case "dataCategories" -> String.join(";", usage.dataCategories().stream().map(Enum::name).toList());
                default -> {
                    JsonNode node = json.at("/" + column.replace('.', '/'));
                    yield node.isMissingNode() ? "" : node.asText();
                }
            };
            cells.add(cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return String.join(",", cells);
    }

    static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void csvGivesTheSameDecisionsAsTheEquivalentJsonLines(@TempDir Path dir) throws Exception {
        long seed = 20251203L;
        Random random = new Random(seed);
        List<String> jsonl = new ArrayList<>();
        List<String> csv = new ArrayList<>(List.of(String.join(",", CsvInventory.columns())));
        for (int i = 0; i < 400; i++) {
            Usage usage = randomUsage(random);
            jsonl.add("{\"id\": \"U" + i + "\", \"declaredBy\": \"Unit 1\", \"usage\": " + PolicyJson.write(usage) + "}");
            csv.add(csvRow("U" + i, usage));
        }
        Path jsonlFile = dir.resolve("inventory.jsonl");
        Path csvFile = dir.resolve("inventory.csv");
        Files.write(jsonlFile, jsonl);
        Files.write(csvFile, csv);
        CliTestSupport.Run fromJson = CliTestSupport.run("", "evaluate", "--batch", jsonlFile.toString());
        CliTestSupport.Run fromCsv = CliTestSupport.run("", "evaluate", "--batch", csvFile.toString());
        assertEquals(fromJson.status(), fromCsv.status(), fromCsv.err());
        String[] a = fromJson.out().split("\n");
        String[] b = fromCsv.out().split("\n");
        assertEquals(400, a.length);
        assertEquals(400, b.length);
        for (int i = 0; i < 400; i++) {
            // the CSV's line i + 2 (after the header) is the JSON Lines' line i + 1
            assertTrue(b[i].startsWith("{\"line\":" + (i + 2) + ",\"id\":\"U" + i + "\","), b[i]);
            assertEquals(a[i].replaceFirst("^\\{\"line\":\\d+,", "{"), b[i].replaceFirst("^\\{\"line\":\\d+,", "{"),
                    "seed " + seed + ", record " + i + ": " + jsonl.get(i));
        }
        assertTrue(fromCsv.err().contains("400 lines: "), fromCsv.err());
    }

    @Test
    void everyFieldTheJsonCanStateHasAColumn() throws Exception {
        Object[] values = new Object[Context.class.getRecordComponents().length];
        RecordComponent[] fields = Context.class.getRecordComponents();
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].getType() == Boolean.class ? Boolean.TRUE : fields[i].getType().getEnumConstants()[0];
        }
        Usage usage = new Usage(new Tool("t", true, 3.0), Hosting.LOCAL, EnumSet.of(DataCategory.PUBLIC),
                Purpose.WRITING, (Context) Context.class.getDeclaredConstructors()[0].newInstance(values));
        JsonNode json = readTree(PolicyJson.write(usage));
        List<String> paths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isObject()) {
                field.getValue().fieldNames().forEachRemaining(name -> paths.add(field.getKey() + "." + name));
            } else {
                paths.add(field.getKey());
            }
        }
        assertEquals(4 + fields.length + 2, paths.size(), paths.toString());
        assertTrue(CsvInventory.columns().containsAll(paths), "missing: " + paths + " vs " + CsvInventory.columns());
    }

    @Test
    void aSemicolonAloneIsTheEmptyListOfDataAndAnEmptyCellIsRefusedAsNotStated() {
        CliTestSupport.Run fromJson = CliTestSupport.run(
                "{\"tool\":{\"name\":\"ChatGPT\"},\"hosting\":\"EXTERNAL\",\"dataCategories\":[],\"purpose\":\"WRITING\"}\n",
                "evaluate", "--batch", "-");
        CliTestSupport.Run fromCsv = CliTestSupport.run(
                "tool.name,hosting,dataCategories,purpose\nChatGPT,EXTERNAL,;,WRITING\nChatGPT,EXTERNAL,,WRITING\n",
                "evaluate", "--batch", "-", "--input", "csv");
        String[] lines = fromCsv.out().split("\n");
        assertEquals(2, lines.length, fromCsv.out());
        assertTrue(fromJson.out().startsWith("{\"line\":1,\"verdict\":"), fromJson.out());
        assertEquals(fromJson.out().strip().replaceFirst("^\\{\"line\":1,", ""),
                lines[0].replaceFirst("^\\{\"line\":2,", ""));
        assertTrue(lines[1].startsWith("{\"line\":3,\"error\":\"invalid usage\",\"field\":\"dataCategories\""), lines[1]);
        assertTrue(lines[1].contains("\"message\":\"dataCategories: required (an empty cell is not stated; write ; alone"),
                lines[1]);
    }

    @Test
    void anUnknownColumnIsRefusedOnceNamingItAndTheAcceptedColumns() {
        String csv = "id,tool.name,hosting,dataCategories,purpose,context.userTrainde\n"
                + "1,ChatGPT,EXTERNAL,PUBLIC,WRITING,true\n2,ChatGPT,EXTERNAL,PUBLIC,WRITING,true\n";
        CliTestSupport.Run run = CliTestSupport.run(csv, "evaluate", "--batch", "-", "--input", "csv");
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("aipolicy: the CSV header cannot be read: context.userTrainde: unknown column"
                + " \"context.userTrainde\", did you mean \"context.userTrained\"?; accepted: the field paths ("
                + String.join(", ", CsvInventory.columns()) + ") or their labels in English (Id, Declared by, Tool,"),
                run.err());
        assertTrue(run.err().contains("context.userTrained"));
        CliTestSupport.Run missing = CliTestSupport.run("tool.name,hosting,purpose\nChatGPT,EXTERNAL,WRITING\n",
                "evaluate", "--batch", "-", "--input", "csv");
        assertEquals(AipolicyCli.BAD_INPUT, missing.status());
        assertTrue(missing.err().contains("dataCategories: required column missing from the header"), missing.err());
    }

    @Test
    void badCellsAreErrorsNamingTheColumnAndTheLineAndTheBatchGoesOn() throws Exception {
        String csv = "id,tool.name,tool.parametersBillions,hosting,dataCategories,purpose,context.userTrained,"
                + "context.subscription\n"
                + "A,ChatGPT,,EXTERNAL,PUBLIC,WRITING,yes,\n"
                + "B,ChatGPT,seventy,EXTERNAL,PUBLIC,WRITING,,\n"
                + "C,ChatGPT,,EXTERNAL,PUBLIC,WRITING,TRUE,FREE\n"
                + "\"D, with a comma\nand a line break\",\"a, quoted name\",,LOCAL,PUBLIC,WRITING,FALSE,\n"
                + ",,,,,,,\n"
                + "E,ChatGPT,,EXTERNAL,,WRITING,,\n"
                + "F,,,EXTERNAL,PUBLIC,WRITING,,\n";
        CliTestSupport.Run run = CliTestSupport.run(csv, "evaluate", "--batch", "-", "--input", "csv");
        String[] out = run.out().split("\n");
        assertEquals(6, out.length, run.out());
        JsonNode a = readTree(out[0]);
        assertEquals(2, a.get("line").asInt());
        assertEquals("A", a.get("id").asText());
        assertEquals("context.userTrained", a.get("field").asText());
        assertTrue(a.get("message").asText().contains("\"yes\" is not true or false"), out[0]);
        JsonNode b = readTree(out[1]);
        assertEquals("tool.parametersBillions", b.get("field").asText());
        assertTrue(b.get("message").asText().contains("\"seventy\" is not a number"), out[1]);
        JsonNode c = readTree(out[2]);
        assertEquals("context.subscription", c.get("field").asText(), "the core's check and message");
        assertTrue(c.get("message").asText().contains("\"FREE\" is not an accepted value; accepted: NONE, PERSONAL,"
                + " INSERM_FUNDED"), out[2]);
        JsonNode d = readTree(out[3]);
        assertEquals(5, d.get("line").asInt());
        assertEquals("D, with a comma\nand a line break", d.get("id").asText());
        assertEquals("ESCALATE", d.get("verdict").asText(), "userTrained FALSE is false: S4");
        JsonNode e = readTree(out[4]);
        assertEquals(8, e.get("line").asInt(), "the empty row on line 7 is skipped and counted");
        assertEquals("dataCategories", e.get("field").asText(), "an empty cell is not stated");
        assertEquals("tool.name", readTree(out[5]).get("field").asText());
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
        assertTrue(run.err().contains("6 lines: 0 ALLOW, 1 ESCALATE, 0 DENY, 5 errors, 1 blank lines skipped"), run.err());
    }

    @Test
    void aBadByteSpoilsItsOwnRowOnly() {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("id,tool.name,hosting,dataCategories,purpose\n1,Caf".getBytes(StandardCharsets.UTF_8));
        csv.write(0xE9);
        csv.writeBytes(",LOCAL,PUBLIC,WRITING\n2,Llama,LOCAL,PUBLIC,WRITING\n".getBytes(StandardCharsets.UTF_8));
        CliTestSupport.Run run = CliTestSupport.run(csv.toByteArray(), "evaluate", "--batch", "-", "--input", "csv");
        String[] out = run.out().split("\n");
        assertEquals(2, out.length);
        assertEquals("tool.name", readTree(out[0]).get("field").asText());
        assertTrue(readTree(out[0]).get("message").asText().contains("not UTF-8"), out[0]);
        assertEquals("ALLOW", readTree(out[1]).get("verdict").asText());
    }

    @Test
    void repeatedRowsAreDecidedOnceEachKeepingItsOwnIdAndABadIdIsStillRefused(@TempDir Path dir) throws Exception {
        // workers remember a row by its cells but the id: the id of each answer must still be its row's
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("id,tool.name,hosting,dataCategories,purpose\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= 3_000; i++) {
            csv.writeBytes(("u" + i + ",Llama,LOCAL,PUBLIC,WRITING\n").getBytes(StandardCharsets.UTF_8));
        }
        csv.writeBytes("u".getBytes(StandardCharsets.UTF_8));
        csv.write(0xE9);
        csv.writeBytes(",Llama,LOCAL,PUBLIC,WRITING\n".getBytes(StandardCharsets.UTF_8));
        // 3,000 decisions with their texts are 20 MB: read from a file one line at a time
        CliTestSupport.FileRun run = CliTestSupport.runToFile(dir.resolve("answers.jsonl"), csv.toByteArray(), "evaluate",
                "--batch", "-", "--input", "csv");
        int lines = 0;
        try (BufferedReader out = run.lines()) {
            for (String line = out.readLine(); line != null; line = out.readLine(), lines++) {
                JsonNode answer = readTree(line);
                if (lines < 3_000) {
                    assertEquals("u" + (lines + 1), answer.get("id").asText(), line);
                    assertEquals(lines + 2, answer.get("line").asLong(), line);
                    assertEquals("ALLOW", answer.get("verdict").asText(), line);
                } else {
                    assertEquals("id", answer.get("field").asText(), line);
                    assertTrue(answer.get("message").asText().contains("not UTF-8"), line);
                }
            }
        }
        assertEquals(3_001, lines);
    }

    @Test
    void anOverLongCellSpoilsItsRowOnlyAndABrokenQuoteStopsTheBatchNamingTheLine() {
        String head = "id,tool.name,hosting,dataCategories,purpose\n1,Llama,LOCAL,PUBLIC,WRITING\n";
        // an unquoted cell ends at the separator: the row is framed, refused, and the next row decided
        Run longCell = runCsv(head + "2," + "x".repeat(LineFramer.MAX_REQUEST_CHARS + 1) + ",LOCAL,PUBLIC,WRITING\n"
                + "3,Llama,LOCAL,PUBLIC,WRITING\n");
        assertEquals(AipolicyCli.BAD_INPUT, longCell.status());
        String[] answers = longCell.out().split("\n");
        assertEquals(3, answers.length, longCell.err());
        assertTrue(answers[1].startsWith("{\"line\":3,\"error\":") && answers[1].contains(
                "column 3: a cell is longer than 65536 characters; the row was skipped"), answers[1]);
        assertTrue(answers[2].startsWith("{\"line\":4,\"id\":\"3\",\"verdict\":\"ALLOW\""), answers[2]);
        // a quote never closed swallows the rest of the file: the batch stops there, naming the line and column
        Run quote = runCsv(head + "2,\"Llama,LOCAL,PUBLIC,WRITING\n3,Llama,LOCAL,PUBLIC,WRITING\n");
        assertEquals(AipolicyCli.BAD_INPUT, quote.status());
        assertEquals(1, quote.out().split("\n").length, quote.out());
        assertTrue(quote.err().contains("the CSV cannot be read from line 3 on: line 3, column 3: a quote opens a cell"
                + " that is never closed; every row before line 3 was answered; lines 3 to 5 were not decided"), quote.err());
    }

    private static Run runCsv(String csv) {
        return CliTestSupport.run(csv, "evaluate", "--batch", "-", "--input", "csv");
    }

    @Test
    void theSampleInventoryAsCsvForASpreadsheet() throws IOException {
        Path sample = Path.of("..", "examples", "inventory-sample.csv");
        CliTestSupport.Run run = CliTestSupport.run("", "evaluate", "--batch", sample.toString(), "--output", "csv");
        assertEquals(AipolicyCli.BAD_INPUT, run.status(), run.err());
        String[] out = run.out().split("\n");
        List<String> in = Files.readAllLines(sample);
        // the input's own columns, then the decision's, in words
        assertEquals(in.get(0) + ",Line,Verdict,Reasons,What to do,What to consider,What was assumed,Questions to answer,"
                + "Whom to ask,Clauses,Policy version,Error", out[0]);
        assertTrue(out[1].startsWith(in.get(1) + ",2,NOT ALLOWED,"), out[1]);
        assertTrue(out[1].contains("D1") || out[1].contains("R3"), out[1]);
        assertTrue(out[2].startsWith(in.get(2) + ",3,ASK FIRST,"), out[2]);
        assertTrue(out[2].contains("Data Protection Officer") || out[2].contains("DPO"), out[2]);
        assertTrue(out[3].startsWith(in.get(3) + ",4,ALLOWED,"), out[3]);
        assertTrue(out[5].startsWith(in.get(5) + ",6,,,,,,,,,,\"ERROR: hosting: \"\"CLOUD\"\" is not an accepted value;"),
                out[5]);
        assertTrue(out[7].startsWith(in.get(7) + ",8,,,,,,,,,,") && out[7].contains("context.userTrained"), out[7]);
        assertEquals(8, out.length);
    }

    @Test
    void theSampleInventoryAsTextForAPersonInFrench() {
        CliTestSupport.Run run = CliTestSupport.run("", "evaluate", "--batch",
                Path.of("..", "examples", "inventory-sample.csv").toString(), "--output", "text", "--lang", "fr");
        assertTrue(run.out().startsWith("ligne 2 (INV-001): INTERDIT\n  interdit en raison de D1: Les données sensibles"),
                run.out());
        assertTrue(run.out().contains("tenu pour acquis: "), run.out());
        assertFalse(run.out().contains("line ") || run.out().contains("must:") || run.out().contains("advice:"),
                "no English word in the French text: " + run.out());
    }
}
