package fr.inserm.aipolicy.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebooks as committed, which is what a reader sees on a code-hosting page: every code cell
 * executed, no terminal colour code or machine path in any output, the kernel install.sh installs,
 * the jar this module builds, and a French card. (.ci/check_notebooks.py --committed checks the same
 * outputs in CI; this test keeps a bad commit from passing mvn verify.)
 */
class CommittedNotebooksTest {

    private static final Path FOLDER = Path.of("notebooks");
    private static final List<String> FORBIDDEN = List.of("\u001b[", "/work/", "/root/", "/home/");

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static JsonNode read(Path notebook) throws IOException {
        return new ObjectMapper().readTree(notebook.toFile());
    }

    /** Every string under a JSON node. */
    private static void strings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> strings(child, out));
    }

    private static String source(JsonNode cell) {
        StringBuilder text = new StringBuilder();
        JsonNode source = cell.path("source");
        if (source.isTextual()) {
            return source.asText();
        }
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    @Test
    void bothNotebooksAreThere() throws IOException {
        assertEquals(List.of("audit-inventory.ipynb", "check-one-use.ipynb"),
                notebooks().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void outputsHoldNoColourCodeNorMachinePath() throws IOException {
        for (Path notebook : notebooks()) {
            for (JsonNode cell : read(notebook).path("cells")) {
                List<String> texts = new ArrayList<>();
                strings(cell.path("outputs"), texts);
                for (String text : texts) {
                    for (String bad : FORBIDDEN) {
                        assertFalse(text.contains(bad), notebook + ", cell " + cell.path("id").asText()
                                + ": an output holds " + bad.replace("\u001b", "ESC") + ": " + text);
                    }
                }
            }
        }
    }

    @Test
    void everyCodeCellIsCommittedExecutedInTheInstalledKernelLoadingThisModulesJar() throws IOException {
        for (Path notebook : notebooks()) {
            JsonNode nb = read(notebook);
            assertEquals("rjk-aipolicy", nb.path("metadata").path("kernelspec").path("name").asText(),
                    notebook + ": the kernel policy-notebooks/install.sh installs");
            boolean loads = false;
            for (JsonNode cell : nb.path("cells")) {
                String source = source(cell);
                assertFalse(source.contains("policy-examples"), notebook + " still points into policy-examples");
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                assertTrue(cell.path("execution_count").isInt(), notebook + ", cell " + cell.path("id").asText()
                        + " is committed unexecuted");
                loads |= source.strip().equals("%jar ../target/aipolicy-notebooks.jar");
                for (JsonNode output : cell.path("outputs")) {
                    assertFalse("error".equals(output.path("output_type").asText()),
                            notebook + ", cell " + cell.path("id").asText() + " has an error output");
                }
            }
            assertTrue(loads, notebook + " loads the shaded jar of this module");
        }
    }

    @Test
    void checkOneUseShowsAFrenchCard() throws IOException {
        JsonNode french = null;
        for (JsonNode cell : read(FOLDER.resolve("check-one-use.ipynb")).path("cells")) {
            if ("builder-french".equals(cell.path("id").asText())) {
                french = cell;
            }
        }
        assertNotNull(french, "a cell with id builder-french");
        List<String> texts = new ArrayList<>();
        strings(french.path("outputs"), texts);
        String html = String.join("", texts);
        assertTrue(html.contains("class=\"aipolicy-card\" data-verdict=\"DENY\" lang=\"fr\""), html);
        assertTrue(html.contains("Interdit") && html.contains("Pourquoi") && html.contains("Clauses cit\u00e9es"), html);
    }
}
