package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyRule;
import fr.inserm.aipolicy.decision.Clause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The clause catalogue: every id of POLICY.md §1, each quoting its source text; every cited id exists. */
class CatalogueTest {
    /** The clause identifiers of POLICY.md §1, in its order. */
    static final List<String> POLICY_IDS = List.of("R0.1", "R0.2", "R1", "R2", "R2.1", "R2.2", "R3", "R3.1", "R4",
            "R4.1", "R4.2", "R4.3", "R4.4", "R5.1", "R5.2", "R5.3", "R6", "R6.1", "R6.2", "R7.1", "R7.2", "E1.1", "E1.2",
            "E1.3", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "INSERM-1", "INSERM-2", "CNIL-1", "CNIL-2",
            "CNIL-3", "CNIL-4", "CNIL-5", "CNIL-6");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static List<Clause> clauses() {
        return ScenarioFilesTest.ENGINE.catalogue();
    }

    @Test
    void holdsEveryIdOfThePolicyInOrder() {
        assertEquals(POLICY_IDS, clauses().stream().map(Clause::id).toList());
    }

    @Test
    void everyIdARuleCitesExists() {
        for (PolicyRule rule : ScenarioFilesTest.ENGINE.rules()) {
            for (String id : rule.clauses()) {
                assertTrue(ScenarioFilesTest.ENGINE.clause(id).isPresent(), rule.id() + " cites " + id);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clauses")
    void quotesItsSourceInTheSourceLanguage(Clause clause) throws IOException {
        String seed = clause.id().startsWith("CNIL") ? "003_5977ec6135dc9098.txt"
                : clause.id().startsWith("INSERM") ? "002_1a6c221afb484db6.txt"
                : clause.id().startsWith("E") ? "001_bb91f20f5579dd91.txt" : "000_be00a05ee82f2234.txt";
        boolean french = clause.id().startsWith("CNIL") || clause.id().startsWith("INSERM");
        assertEquals(french ? "fr" : "en", clause.language());
        String source;
        try (InputStream in = CatalogueTest.class.getClassLoader().getResourceAsStream("seeds/" + seed)) {
            // the catalogue drops the seed's footnote digits (POLICY.md §1: "CNIL/G29/EDPB")
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("CNIL/G291/EDPB2", "CNIL/G29/EDPB");
        }
        assertTrue(collapse(source).contains(collapse(clause.text())),
                () -> clause.id() + "'s text is not quoted from " + seed + ": " + clause.text());
        assertFalse(clause.title().isBlank());
        assertTrue(clause.title().length() <= 80, clause.title());
    }

    private static String collapse(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }
}
