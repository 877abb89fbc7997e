package fr.inserm.aipolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.usage.DataCategory;
import fr.inserm.aipolicy.usage.Hosting;
import fr.inserm.aipolicy.usage.Purpose;
import fr.inserm.aipolicy.usage.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched bundle: a new signed policy replaces the old one; a bad one is refused and the old one serves. */
class PolicySourceTest {
    @TempDir
    Path dir;

    private static final Usage USAGE = Usage.builder().tool("t").hosting(Hosting.LOCAL)
            .dataCategories(DataCategory.PUBLIC).purpose(Purpose.WRITING).build();

    /** The mini policy recorded as another version, bundled and signed. */
    private Path version(String version, Path key) throws IOException {
        Path copy = MiniPolicy.copyTo(Files.createDirectory(dir.resolve("v" + version)));
        // a change of the rules themselves: the new version's rules are compiled, not shared
        Files.writeString(copy.resolve("mini.drl"), Files.readString(copy.resolve("mini.drl")) + "\n// " + version + "\n");
        PolicyApprovals.record(copy, version);
        Path bundle = dir.resolve(version + ".aipolicy");
        PolicyApprovals.bundle(copy, key, bundle);
        return bundle;
    }

    private static void replace(Path from, Path to) throws IOException {
        Files.copy(from, to.resolveSibling("incoming.tmp"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(to.resolveSibling("incoming.tmp"), to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aReplacedBundleServesAndABadOneIsRefused() throws Exception {
        Path key = TestKeys.make(dir, "dpo");
        Path serving = dir.resolve("policy.aipolicy");
        replace(version("1.0.0", key), serving);
        try (PolicySource source = PolicyEngine.builder().rulesFrom(serving).trust(TestKeys.publicOf(key))
                .watch(Duration.ofMillis(50))) {
            PolicyEngine engine = source.engine();
            assertEquals("1.0.0", engine.evaluate(USAGE).policyVersion());
            assertEquals(Approval.Status.SIGNED, source.serving().approval().status());

            // a new signed version: served within seconds, by the same engine object
            Path next = version("1.0.1", key);
            long replaced = System.nanoTime();
            replace(next, serving);
            String seen = "";
            while (!seen.equals("1.0.1") && System.nanoTime() - replaced < 5_000_000_000L) {
                seen = engine.evaluate(USAGE).policyVersion();
            }
            System.out.printf("swap: first decision on the new policy %.0f ms after the file was replaced%n",
                    (System.nanoTime() - replaced) / 1e6);
            assertEquals("1.0.1", seen);
            assertTrue(source.lastRefused().isEmpty());

            // a corrupt file, then one signed by another key: refused, 1.0.1 goes on serving
            Files.write(dir.resolve("corrupt"), new byte[] {'a', 'i', 'p'});
            replace(dir.resolve("corrupt"), serving);
            assertFalse(source.checkNow());
            assertEquals("1.0.1", engine.evaluate(USAGE).policyVersion());
            assertTrue(source.lastRefused().orElseThrow().reason().contains("not a bundle signed by a trusted key"),
                    source.lastRefused().toString());

            Path other = TestKeys.make(dir, "other");
            replace(version("9.9.9", other), serving);
            assertFalse(source.checkNow());
            assertEquals("1.0.1", engine.evaluate(USAGE).policyVersion());
            assertTrue(source.lastRefused().orElseThrow().reason().contains("signature is not valid"));
            assertEquals("1.0.1", source.serving().approval().version());
        }
    }
}
