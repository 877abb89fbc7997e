package fr.inserm.aipolicy.rules;

import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.decision.Decision;
import fr.inserm.aipolicy.decision.Verdict;
import fr.inserm.aipolicy.json.PolicyJson;
import fr.inserm.aipolicy.usage.InvalidUsageException;
import fr.inserm.aipolicy.usage.Usage;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded fuzzer: valid requests mutated (truncated, types swapped, fields deleted or duplicated,
 * random bytes, deep nesting). Every case must end in a decision or an {@link InvalidUsageException},
 * never another exception or a hang; and whatever a mutation leaves readable, sensitive data on an
 * external platform is still denied.
 */
@Tag("slow") // left out by -Pquick: a rule change in progress runs the rest in a third of the time
class FuzzTest {
    static final int CASES = 40_000;
    static final java.util.List<String> INTERNAL_WORDS = java.util.List.of("Feature", "Exception", "com.fasterxml",
            "Constraints", "jackson");
    static final List<String> TOKENS = List.of("null", "true", "false", "0", "-1", "1e400", "\"\"", "[]", "{}",
            "\"EXTERNAL\"", "\"IDENTIFIABLE_HEALTH_DATA\"", "[null]", "\"\\u0000\"", "{\"a\":", "]", "}", ",", ":");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyMutationEndsInADecisionOrAnInputError() {
        PolicyEngine engine = ScenarioFilesTest.ENGINE;
        long seed = Long.getLong("aipolicy.seed", System.nanoTime());
        Random random = new Random(seed);
        int decided = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            Usage original = UsageSpace.randomUsage(random);
            String json = mutate(PolicyJson.write(original), random);
            try {
                Usage read = PolicyJson.readUsage(json);
                Decision d = engine.evaluate(read);
                decided++;
                if (read.isExternal() && read.includesSensitiveData() && d.verdict() != Verdict.DENY) {
                    fail(d.verdict() + " for sensitive data on an external platform (seed " + seed + "): " + json);
                }
            } catch (InvalidUsageException e) {
                refused++;
                assertTrue(e.getMessage().startsWith(e.field() + ": "), e.getMessage());
                // in the user's words: no parser class, option or limit name
                for (String internal : INTERNAL_WORDS) {
                    assertTrue(!e.getMessage().contains(internal), "seed " + seed + ": \"" + internal + "\" in: "
                            + e.getMessage());
                }
            } catch (RuntimeException e) {
                fail("case " + i + " (seed " + seed + ") threw " + e + " for: " + abbreviate(json), e);
            }
        }
        assertTrue(decided > CASES / 50 && refused > CASES / 2,
                "the fuzzer should both keep some requests valid and break most: decided " + decided + ", refused "
                        + refused + " (seed " + seed + ")");
    }

    static String mutate(String json, Random random) {
        String s = json;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(8)) {
                case 0 -> s = s.substring(0, random.nextInt(s.length() + 1)); // truncation
                case 1 -> s = swapValue(s, random); // type swap
                case 2 -> s = deleteField(s, random);
                case 3 -> s = duplicateField(s, random);
                case 4 -> { // random bytes
                    StringBuilder b = new StringBuilder(s);
                    for (int k = 0; k < 1 + random.nextInt(4); k++) {
                        int at = random.nextInt(b.length() + 1);
                        b.insert(at, (char) random.nextInt(0x3000));
                    }
                    s = b.toString();
                }
                case 5 -> { // deep nesting
                    int depth = 1 + random.nextInt(2_000);
                    s = s.replaceFirst("\"context\":", "\"context\":" + "[".repeat(depth)) + "]".repeat(random.nextInt(depth + 1));
                }
                case 6 -> { // a token inserted anywhere
                    int at = random.nextInt(s.length() + 1);
                    s = s.substring(0, at) + TOKENS.get(random.nextInt(TOKENS.size())) + s.substring(at);
                }
                default -> { } // unchanged: some cases stay valid
            }
        }
        return s;
    }

    private static String swapValue(String s, Random random) {
        int colon = nth(s, ':', random);
        if (colon < 0) {
            return s;
        }
        int end = colon + 1;
        int depth = 0;
        boolean inString = false;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (c == '"' && s.charAt(end - 1) != '\\') {
                inString = !inString;
            } else if (!inString && (c == '[' || c == '{')) {
                depth++;
            } else if (!inString && (c == ']' || c == '}')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!inString && c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        return s.substring(0, colon + 1) + TOKENS.get(random.nextInt(TOKENS.size())) + s.substring(end);
    }

    private static String deleteField(String s, Random random) {
        int quote = nthFieldStart(s, random);
        if (quote < 0) {
            return s;
        }
        int next = s.indexOf(",\"", quote + 1);
        return next < 0 ? s.substring(0, quote) + "}" : s.substring(0, quote) + s.substring(next + 1);
    }

    private static String duplicateField(String s, Random random) {
        int quote = nthFieldStart(s, random);
        if (quote < 0) {
            return s;
        }
        int next = s.indexOf(",\"", quote + 1);
        String field = next < 0 ? s.substring(quote, s.length() - 1) : s.substring(quote, next);
        return s.substring(0, quote) + field + "," + s.substring(quote);
    }

    private static int nthFieldStart(String s, Random random) {
        int brace = nth(s, '{', random);
        return brace < 0 || brace + 1 >= s.length() || s.charAt(brace + 1) != '"' ? -1 : brace + 1;
    }

    private static int nth(String s, char c, Random random) {
        int count = (int) s.chars().filter(x -> x == c).count();
        if (count == 0) {
            return -1;
        }
        int target = random.nextInt(count);
        int at = -1;
        for (int k = 0; k <= target; k++) {
            at = s.indexOf(c, at + 1);
        }
        return at;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "… (" + s.length() + " chars)" : s;
    }
}
