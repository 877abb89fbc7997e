package fr.inserm.aipolicy.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An outside Maven application (app/) built against the installed artifacts and run: the bundled
 * policy decides, strictly too, on a lean class path (no DRL parser, code generator or Java
 * compiler), and an input error carries its field and accepted values as data.
 */
class EmbeddingTest {
    static final Path APP = Path.of("app");
    static final Path BUILT = Path.of("..", "policy-rules", "target", "policy-rules-1.0.0-SNAPSHOT.jar");
    static final Path INSTALLED = Path.of(System.getProperty("user.home"), ".m2", "repository", "fr", "inserm",
            "aipolicy", "policy-rules", "1.0.0-SNAPSHOT", "policy-rules-1.0.0-SNAPSHOT.jar");
    static final List<String> COMPILER = List.of("ecj-", "javaparser", "mvel2", "drools-drl-parser",
            "drools-model-codegen", "antlr");

    record Result(int status, String out) {
    }

    static Result exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void anOutsideApplicationDecidesWithTheInstalledPolicyOnALeanClassPath() throws Exception {
        // under mvn install the policy was installed before this module; under mvn verify it was not
        assumeTrue(Files.isRegularFile(INSTALLED) && Files.isRegularFile(BUILT) && sha256(INSTALLED).equals(sha256(BUILT)),
                "the installed policy-rules is not this build's: run mvn install");
        Result build = exec(APP, List.of("mvn", "-B", "-q", "package", "dependency:build-classpath",
                "-Dmdep.outputFile=target/classpath.txt"));
        assertEquals(0, build.status(), build.out());
        String classPath = Files.readString(APP.resolve("target/classpath.txt")).strip();
        List<String> jars = new ArrayList<>(List.of(classPath.split(java.io.File.pathSeparator)));
        for (String jar : jars) {
            for (String compiler : COMPILER) {
                assertFalse(Path.of(jar).getFileName().toString().startsWith(compiler), "on the class path: " + jar);
            }
        }
        assertTrue(jars.size() <= 24, jars.size() + " jars: " + jars);
        Result run = exec(APP, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                "target/classes" + java.io.File.pathSeparator + classPath, "example.App"));
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("verdict DENY [R3, R4, R4.1, INSERM-1, CNIL-4]"), run.out());
        assertTrue(run.out().contains("strict ESCALATE [context.userTrained, context.automatedDecisionOnPeople, hosting]"), run.out());
        assertTrue(run.out().contains("400 hosting [LOCAL, INTERNAL, EXTERNAL_SOVEREIGN, EXTERNAL]"), run.out());
        assertTrue(run.out().contains("policy 2.1.0"), run.out());
    }
}
