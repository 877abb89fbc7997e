package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyEngine;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.testing.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario files catch every broken rule: for each rule of each DRL file, a copy of the policy
 * with that rule deleted, and one with its condition inverted ({@code not ( … )}), must each fail at
 * least one scenario. A surviving mutant means a rule whose change no test would notice.
 */
@Tag("slow") // left out by -Pquick: a rule change in progress runs the rest in a third of the time
class RuleMutationTest {
    static final Path RULES = Path.of("src", "main", "resources", "fr", "inserm", "aipolicy", "rules");
    private static final Pattern RULE = Pattern.compile("(?ms)^rule \"([^\"]+)\"\\n.*?^when\\n(.*?)^then\\n.*?^end\\n?");

    @TempDir
    static Path work;

    /** A changed rule file; a deleted rule is also taken out of the manifest, or the engine would refuse to build. */
    record Mutant(String description, String file, String mutatedText, String deletedId) {
    }

    private static final Pattern ID = Pattern.compile("@id\\(\"([^\"]+)\"\\)");

    private static final Pattern BECAUSE = Pattern.compile("@because\\(\"([^\"]+)\"\\)");

    /**
     * The deleted rule and the assumption rules that name it in {@code @because} (deleted from their
     * files too): an assumption about a rule that no longer exists would not build.
     */
    private static List<String> withDependents(Path policy, String deleted) throws IOException {
        List<String> ids = new ArrayList<>(List.of(deleted));
        try (Stream<Path> files = Files.list(policy)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                String text = Files.readString(file);
                Matcher m = RULE.matcher(text);
                StringBuilder kept = new StringBuilder();
                int last = 0;
                while (m.find()) {
                    Matcher because = BECAUSE.matcher(m.group(0));
                    if (because.find() && List.of(because.group(1).split("\\s+")).contains(deleted)) {
                        ids.add(id(m.group(0)));
                        kept.append(text, last, m.start());
                        last = m.end();
                    }
                }
                kept.append(text.substring(last));
                Files.writeString(file, kept.toString());
            }
        }
        return ids;
    }

    private static String id(String rule) {
        Matcher m = ID.matcher(rule);
        if (!m.find()) {
            throw new IllegalStateException("a rule without @id: " + rule);
        }
        return m.group(1);
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
                            text.substring(0, m.start()) + text.substring(m.end()), id(m.group(0))));
                    String when = m.group(2);
                    String inverted = "    not (\n" + when + "    )\n";
                    mutants.add(new Mutant("invert " + name, file.getFileName().toString(),
                            text.substring(0, m.start(2)) + inverted + text.substring(m.end(2)), null));
                }
            }
        }
        return mutants;
    }

    @TestFactory
    Stream<DynamicTest> everyMutantFailsAScenario() throws IOException {
        List<Scenario> scenarios = ScenarioFilesTest.scenarios();
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
            if (mutant.deletedId() != null) {
                for (String id : withDependents(policy, mutant.deletedId())) {
                    Path manifest = policy.resolve("policy.properties");
                    Files.writeString(manifest, Files.readString(manifest)
                            .replaceAll("(?<=[\\s=])" + Pattern.quote(id) + "(?=[\\s\\\\]|$)", ""));
                }
            }
            PolicyEngine engine = PolicyEngine.builder().rulesFrom(policy).build();
            String killedBy = null;
            for (Scenario s : scenarios) {
                if (!s.run(engine).passed()) {
                    killedBy = s.toString();
                    break;
                }
            }
            assertTrue(killedBy != null, () -> "no scenario notices: " + mutant.description());
        }));
    }
}
