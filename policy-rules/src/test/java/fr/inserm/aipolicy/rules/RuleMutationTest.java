package fr.inserm.aipolicy.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.Decision;
import fr.inserm.aipolicy.PolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario files catch every broken rule: for each rule of each DRL file, a copy of the policy
 * with that rule deleted, and one with its condition inverted ({@code not ( … )}), must each fail at
 * least one scenario. A surviving mutant means a rule whose change no test would notice.
 */
class RuleMutationTest {
    static final Path RULES = Path.of("src", "main", "resources", "fr", "inserm", "aipolicy", "rules");
    private static final Pattern RULE = Pattern.compile("(?ms)^rule \"([^\"]+)\"\\n.*?^when\\n(.*?)^then\\n.*?^end\\n?");

    @TempDir
    static Path work;

    record Mutant(String description, String file, String mutatedText) {
    }

    static List<Mutant> mutants() throws IOException {
        List<Mutant> mutants = new ArrayList<>();
        try (Stream<Path> files = Files.list(RULES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                String text = Files.readString(file);
                Matcher m = RULE.matcher(text);
                while (m.find()) {
                    String name = file.getFileName() + ": " + m.group(1);
                    mutants.add(new Mutant("delete " + name, file.getFileName().toString(),
                            text.substring(0, m.start()) + text.substring(m.end())));
                    String when = m.group(2);
                    String inverted = "    not (\n" + when + "    )\n";
                    mutants.add(new Mutant("invert " + name, file.getFileName().toString(),
                            text.substring(0, m.start(2)) + inverted + text.substring(m.end(2))));
                }
            }
        }
        return mutants;
    }

    @TestFactory
    Stream<DynamicTest> everyMutantFailsAScenario() throws IOException {
        List<Scenario> scenarios = Scenario.all();
        List<Mutant> mutants = mutants();
        assertTrue(mutants.size() >= 2 * ScenarioFilesTest.ENGINE.rules().size(), "every rule has two mutants");
        return mutants.stream().map(mutant -> DynamicTest.dynamicTest(mutant.description(), () -> {
            Path policy = Files.createTempDirectory(work, "mutant");
            try (Stream<Path> files = Files.list(RULES)) {
                for (Path f : files.toList()) {
                    Files.copy(f, policy.resolve(f.getFileName()));
                }
            }
            Files.writeString(policy.resolve(mutant.file()), mutant.mutatedText());
            PolicyEngine engine = PolicyEngine.builder().rulesFrom(policy).build();
            String killedBy = null;
            for (Scenario s : scenarios) {
                Decision decision = engine.evaluate(s.usage());
                if (!s.mismatches(decision).isEmpty()) {
                    killedBy = s.toString();
                    break;
                }
            }
            assertTrue(killedBy != null, () -> "no scenario notices: " + mutant.description());
        }));
    }
}
