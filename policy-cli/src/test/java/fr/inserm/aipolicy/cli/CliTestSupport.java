package fr.inserm.aipolicy.cli;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the command-line tool in-process and captures what it prints. */
final class CliTestSupport {
    /** The bundled policy's source folder, from the policy-cli module folder. */
    static final Path RULES = Path.of("..", "policy-rules", "src", "main", "resources", "fr", "inserm", "aipolicy", "rules");

    record Run(int status, String out, String err) {
    }

    private CliTestSupport() {
    }

    static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs the tool on these bytes as standard input. */
    static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new AipolicyCli(new ByteArrayInputStream(stdin), out, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A run whose standard output went to a file. */
    record FileRun(int status, Path out, String err) {
        /** The output, one line at a time. */
        BufferedReader lines() throws IOException {
            return Files.newBufferedReader(out, StandardCharsets.UTF_8);
        }

        /** The output's lines in a list (for small outputs). */
        List<String> allLines() throws IOException {
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs the tool on these bytes as standard input, its standard output to a file: thousands of
     * decisions with their clause texts are tens of megabytes, which the test's small heap (there to show
     * that the batch streams) must not hold as one string.
     */
    static FileRun runToFile(Path out, byte[] stdin, String... args) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (OutputStream file = new FileOutputStream(out.toFile())) {
            status = new AipolicyCli(new ByteArrayInputStream(stdin), file, new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(args);
        }
        return new FileRun(status, out, err.toString(StandardCharsets.UTF_8));
    }

    /** A copy of the bundled policy in a folder, to change. */
    static Path copyOfRules(Path folder) {
        try (Stream<Path> files = Files.list(RULES)) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void replace(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new IllegalStateException("test setup: " + from + " not in " + file);
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
