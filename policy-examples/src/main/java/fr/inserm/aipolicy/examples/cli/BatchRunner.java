package fr.inserm.aipolicy.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.InvalidUsageException;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicyJson;
import fr.inserm.aipolicy.Verdict;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code evaluate --batch}: decides JSON Lines, one output line per input line, in input order; a
 * line that cannot be read gives an error object naming its line, and the batch goes on.
 */
final class BatchRunner {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PolicyEngine engine;
    private final PrintStream err;

    BatchRunner(PolicyEngine engine, PrintStream err) {
        this.engine = engine;
        this.err = err;
    }

    /**
     * Decides every line of the input.
     *
     * @return {@link AipolicyCli#OK}, or {@link AipolicyCli#BAD_INPUT} when any line was bad
     */
    int run(Reader reader, OutputStream out) throws IOException {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        long errors = 0;
        long line = 0;
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        Writer output = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            line++;
            String result;
            try {
                Decision decision = engine.evaluate(PolicyJson.readUsage(text));
                counts.merge(decision.verdict(), 1L, Long::sum);
                result = PolicyJson.write(decision);
            } catch (InvalidUsageException e) {
                errors++;
                result = errorLine(line, "invalid usage", e.field(), e.getMessage());
            } catch (RuntimeException e) {
                errors++;
                result = errorLine(line, "internal failure", null, e.toString());
            }
            output.write(result);
            output.write('\n');
        }
        output.flush();
        err.println("aipolicy: " + line + " lines: " + counts.getOrDefault(Verdict.ALLOW, 0L) + " ALLOW, "
                + counts.getOrDefault(Verdict.ESCALATE, 0L) + " ESCALATE, " + counts.getOrDefault(Verdict.DENY, 0L)
                + " DENY, " + errors + " errors");
        return errors == 0 ? AipolicyCli.OK : AipolicyCli.BAD_INPUT;
    }

    static String errorLine(long line, String error, String field, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("line", line);
        node.put("error", error);
        if (field != null) {
            node.put("field", field);
        }
        node.put("message", message);
        return node.toString();
    }
}
