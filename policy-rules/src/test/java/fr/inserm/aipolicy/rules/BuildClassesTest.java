package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application's first engine costs in classes: the policy's files are read without Jackson's
 * object mapper (some 480 classes and up to a third of a second of every build on this machine type).
 * Counted in a fresh JVM, since this one has loaded everything already.
 */
class BuildClassesTest {

    /** Builds the bundled engine and decides once: the JVM the test starts runs this. */
    public static void main(String[] args) {
        System.out.println(PolicyEngine.builder().build().evaluate(Usage.builder().tool("ChatGPT")
                .hosting(Hosting.EXTERNAL).dataCategories(DataCategory.PUBLIC).purpose(Purpose.TRANSLATION).build())
                .verdict());
    }

    @Test
    void buildingTheEngineDoesNotLoadJacksonsObjectMapper(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.txt");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"),
                BuildClassesTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes()).trim();
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), out);
        assertTrue(out.endsWith("ALLOW"), out);
        List<String> classes = Files.readAllLines(log);
        assertTrue(classes.stream().anyMatch(l -> l.contains(" fr.inserm.aipolicy.tools.ToolCatalogue ")),
                "the log names the classes loaded");
        assertTrue(classes.stream().anyMatch(l -> l.contains(" com.fasterxml.jackson.core.JsonFactory ")),
                "the files are read with Jackson's streaming parser");
        List<String> mapper = classes.stream().filter(l -> l.contains("com.fasterxml.jackson.databind.")).toList();
        assertEquals(List.of(), mapper.subList(0, Math.min(5, mapper.size())), mapper.size() + " classes of the mapper");
    }
}
