package fr.inserm.aipolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost to a damaged spreadsheet, a second run on the same output, a pipe's framing or an
 * unwritable output: every readable row is answered, one run writes an output, a pipe gives what a
 * file gives, and the exit status says which side failed (2 the input, 3 the output).
 */
class NothingLostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAD = "id,tool.name,hosting,dataCategories,purpose,context.userTrained\n";

    /** Row {@code i} of a generated inventory (decided: ALLOW, DENY or ESCALATE by i). */
    private static String row(int i) {
        String[] usages = {"Llama,LOCAL,PUBLIC,WRITING,true", "ChatGPT,EXTERNAL,UNPUBLISHED_RESEARCH,WRITING,true",
            "Mistral API,EXTERNAL_SOVEREIGN,PUBLIC,AUTOMATED_PROCESSING,true"};
        return "R" + i + "," + usages[i % usages.length] + "\n";
    }

    private static CliTestSupport.Run run(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new AipolicyCli(stdin, out, new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new CliTestSupport.Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every answer's line and id, checked against its row; returns how many. */
    private static int checkAnswers(String out, int expectedRows) throws IOException {
        String[] answers = out.isEmpty() ? new String[0] : out.split("\n");
        for (int i = 0; i < answers.length; i++) {
            JsonNode answer = JSON.readTree(answers[i]);
            assertEquals(i + 2, answer.get("line").asLong(), answers[i]);
            assertEquals("R" + (i + 1), answer.get("id").asText(), answers[i]);
            assertTrue(answer.has("verdict"), answers[i]);
        }
        assertEquals(expectedRows, answers.length, "answers");
        return answers.length;
    }

    @Test
    void aCsvDamagedAtRow601Of610AnswersEveryRowBeforeItAndNamesIt() throws IOException {
        StringBuilder csv = new StringBuilder(HEAD);
        for (int i = 1; i <= 610; i++) {
            csv.append(i == 601 ? "R601,\"Llama,LOCAL,PUBLIC,WRITING,true\n" : row(i));
        }
        CliTestSupport.Run run = CliTestSupport.run(csv.toString(), "evaluate", "--batch", "-", "--input", "csv");
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
        checkAnswers(run.out(), 600);
        // row 601 is line 602 of the file (the header is line 1); its quote opens at column 6
        assertTrue(run.err().contains("the CSV cannot be read from line 602 on: line 602, column 6: a quote opens a cell"
                + " that is never closed; every row before line 602 was answered; lines 602 to 612 were not decided"),
                run.err());
        assertTrue(run.err().contains("aipolicy: 600 lines: "), "the summary counts what was answered: " + run.err());
    }

    @Test
    void aRowTheFormatStillFramesIsSkippedAndTheRestDecided() throws IOException {
        StringBuilder csv = new StringBuilder(HEAD);
        for (int i = 1; i <= 610; i++) {
            csv.append(i == 601 ? "R601," + "x".repeat(LineFramer.MAX_REQUEST_CHARS + 10) + ",LOCAL,PUBLIC,WRITING,true\n"
                    : i == 605 ? "R605,\"Llama\"x,LOCAL,PUBLIC,WRITING,true\n" : row(i));
        }
        CliTestSupport.Run run = CliTestSupport.run(csv.toString(), "evaluate", "--batch", "-", "--input", "csv");
        assertEquals(AipolicyCli.BAD_INPUT, run.status());
        String[] answers = run.out().split("\n");
        assertEquals(610, answers.length);
        for (int i = 0; i < answers.length; i++) {
            JsonNode answer = JSON.readTree(answers[i]);
            assertEquals(i + 2, answer.get("line").asLong(), answers[i]);
            assertEquals(i + 1 == 601 || i + 1 == 605, answer.has("error"), answers[i]);
        }
        assertTrue(answers[600].contains("column 6: a cell is longer than 65536 characters; the row was skipped"),
                answers[600]);
        assertTrue(answers[604].contains("column 13: text after the closing quote of a cell"), answers[604]);
    }

    /** A stream that fails after a number of bytes, as a disk or a network file system can. */
    private static InputStream failingAfter(byte[] bytes, int failAt) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= failAt) {
                    throw new IOException("Input/output error");
                }
                int n = super.read(b, off, Math.min(len, failAt - read));
                read += Math.max(n, 0);
                return n;
            }
        };
    }

    @Test
    void jsonLinesWhoseReadingFailsAnswerEveryLineReadBefore() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 610; i++) {
            lines.append("{\"id\": \"L").append(i).append("\", \"usage\": ")
                    .append(i % 2 == 0 ? BatchFramingTest.A : BatchFramingTest.B).append("}\n");
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        int after600 = lines.indexOf("{\"id\": \"L601\"");
        CliTestSupport.Run run = run(failingAfter(bytes, after600), "evaluate", "--batch", "-");
        assertEquals(AipolicyCli.BAD_INPUT, run.status(), run.err());
        String[] answers = run.out().split("\n");
        assertEquals(600, answers.length, run.err());
        for (int i = 0; i < answers.length; i++) {
            assertEquals("L" + (i + 1), JSON.readTree(answers[i]).get("id").asText());
        }
        assertTrue(run.err().contains("cannot read - after line 600: Input/output error; every record up to line 600"
                + " was answered; the rest was not decided"), run.err());
    }

    /** A stream that hands over one byte per read, as a slow pipe can. */
    private static InputStream oneByteAtATime(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void aPipeHandingOverOneByteAtATimeGivesWhatTheFileGives() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String jsonl = "{\"id\": \"é1\", \"usage\": " + BatchFramingTest.A + "}\r\n"
                + "{\"id\": \"ü☃𝄞\", \"usage\": " + BatchFramingTest.B + "}\r\n\r\n"
                + "{\"id\": \"3\", \"usage\": " + BatchFramingTest.C + "}";
        String csv = HEAD.replace("\n", "\r\n") + "é1,Modèle ☃ 𝄞,LOCAL,PUBLIC,WRITING,true\r\n"
                + "ü2,\"Chat, \"\"GPT\"\"\",EXTERNAL,PUBLIC,TRANSLATION,true\r\n";
        for (String[] input : List.of(new String[] {jsonl, "jsonl"}, new String[] {csv, "csv"})) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(bom);
            bytes.writeBytes(input[0].getBytes(StandardCharsets.UTF_8));
            CliTestSupport.Run whole = CliTestSupport.run(bytes.toByteArray(), "evaluate", "--batch", "-", "--input",
                    input[1]);
            CliTestSupport.Run piped = run(oneByteAtATime(bytes.toByteArray()), "evaluate", "--batch", "-", "--input",
                    input[1]);
            assertEquals(AipolicyCli.OK, whole.status(), whole.err() + whole.out());
            assertEquals(whole.out(), piped.out(), input[1]);
            assertEquals(whole.status(), piped.status(), piped.err());
            assertFalse(piped.out().contains("\"error\""), piped.out());
            assertTrue(piped.out().contains(input[1].equals("csv") ? "\"id\":\"ü2\"" : "\"id\":\"ü☃𝄞\""), piped.out());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void resumeOntoAnUnwritableOutputIsAnOutputFailure(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, BatchFramingTest.A + "\n" + BatchFramingTest.B + "\n");
        CliTestSupport.Run full = CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--resume", "/dev/full");
        assertEquals(AipolicyCli.OUTPUT_FAILURE, full.status(), full.err());
        assertTrue(full.err().contains("cannot write the output") && !full.err().contains("cannot read"), full.err());
        CliTestSupport.Run folder = CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--resume",
                dir.toString());
        assertEquals(AipolicyCli.OUTPUT_FAILURE, folder.status(), folder.err());
        assertTrue(folder.err().contains("cannot write " + dir), folder.err());
        CliTestSupport.Run noFolder = CliTestSupport.run("", "evaluate", "--batch", input.toString(), "--resume",
                dir.resolve("missing").resolve("out.jsonl").toString());
        assertEquals(AipolicyCli.OUTPUT_FAILURE, noFolder.status(), noFolder.err());
        // and the input side stays 2
        CliTestSupport.Run noInput = CliTestSupport.run("", "evaluate", "--batch", dir.resolve("none.jsonl").toString(),
                "--resume", dir.resolve("out.jsonl").toString());
        assertEquals(AipolicyCli.BAD_INPUT, noInput.status(), noInput.err());
        CliTestSupport.Run folderInput = CliTestSupport.run("", "evaluate", "--batch", dir.toString(), "--resume",
                dir.resolve("out2.jsonl").toString());
        assertEquals(AipolicyCli.BAD_INPUT, folderInput.status(), folderInput.err());
        assertTrue(folderInput.err().contains("aipolicy: cannot read " + dir + ": Is a directory")
                && !folderInput.err().contains("Exception"), folderInput.err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoRunsResumingOneOutputGiveOneOutputAndOneRefusal(@TempDir Path dir) throws Exception {
        int count = 20_000;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(i % 2 == 0 ? BatchFramingTest.A : BatchFramingTest.B);
        }
        byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Path output = dir.resolve("answers.jsonl");
        Path inputFile = dir.resolve("in.jsonl");
        Files.write(inputFile, input);
        // the first run, its own process, reads its input from a pipe this test holds open halfway
        Process first = OutputFailureTest.tool("evaluate", "--batch", "-", "--resume", output.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream pipe = first.getOutputStream()) {
            pipe.write(input, 0, input.length / 2);
            pipe.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((!Files.exists(output) || Files.size(output) == 0) && System.nanoTime() < deadline) {
                Thread.sleep(50); // wait until the first run writes its answers, so holds its lock
            }
            assertTrue(Files.size(output) > 0, "the first run started writing");
            long before = Files.size(output);
            CliTestSupport.Run second = CliTestSupport.run("", "evaluate", "--batch", inputFile.toString(), "--resume",
                    output.toString());
            assertEquals(AipolicyCli.BAD_INPUT, second.status(), second.err());
            assertTrue(second.err().contains(output + " is being written by another aipolicy run"), second.err());
            assertTrue(Files.size(output) >= before, "the second run cut nothing");
            pipe.write(input, input.length / 2, input.length - input.length / 2);
        }
        assertTrue(first.waitFor(90, TimeUnit.SECONDS));
        assertEquals(AipolicyCli.OK, first.exitValue(), OutputFailureTest.stderr(first));
        long answers = 0;
        try (BufferedReader reader = Files.newBufferedReader(output)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                answers++;
                assertEquals(answers, JSON.readTree(line).get("line").asLong());
            }
        }
        assertEquals(count, answers, "exactly one run's answers, in order");
        // once the first run is over, the output is free: a resume finds nothing left to do
        CliTestSupport.Run after = CliTestSupport.run("", "evaluate", "--batch", inputFile.toString(), "--resume",
                output.toString());
        assertEquals(AipolicyCli.OK, after.status(), after.err());
        try (java.util.stream.Stream<String> answersAfter = Files.lines(output)) { // 20,000 answers: streamed, not held
            assertEquals(count, answersAfter.count());
        }
    }
}
