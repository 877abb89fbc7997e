package fr.inserm.aipolicy.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An outside Spring Boot application (app/) built against the installed starter and run, without and
 * with Actuator: it starts, decides, and with Actuator shows the policy's health and the decision metrics.
 */
class SpringBootAppTest {
    static final Path APP = Path.of("app");

    record Result(int status, String out) {
    }

    static Result exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(APP.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out: " + command);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Result buildAndRun(boolean actuator) throws Exception {
        List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-q", "clean", "package", "dependency:build-classpath",
                "-Dmdep.outputFile=target/classpath.txt"));
        String repository = System.getProperty("aipolicy.localRepository");
        if (repository != null && !repository.isBlank()) {
            mvn.add("-Dmaven.repo.local=" + repository);
        }
        if (actuator) {
            mvn.add("-Pactuator");
        }
        Result build = exec(mvn);
        assertEquals(0, build.status(), build.out());
        String classPath = Files.readString(APP.resolve("target/classpath.txt")).strip();
        return exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                "target/classes" + java.io.File.pathSeparator + classPath, "example.App"));
    }

    @Test
    void startsAndDecidesWithoutActuator() throws Exception {
        Result run = buildAndRun(false);
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("verdict DENY"), run.out());
        assertTrue(run.out().contains("no actuator"), run.out());
    }

    @Test
    void showsHealthAndMetricsWithActuator() throws Exception {
        Result run = buildAndRun(true);
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("verdict DENY"), run.out());
        assertTrue(run.out().contains("health UP {policyVersion="), run.out());
        assertTrue(run.out().contains("policyDigest=sha256:"), run.out());
        assertTrue(run.out().contains("metrics aipolicy.decisions 1.0"), run.out());
    }
}
