package fr.inserm.aipolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed bundles: only an intact bundle signed by a trusted key loads under that key; a changed byte,
 * another key, no signature, a folder, a path trick or an oversized file is refused, saying why.
 */
class PolicyBundleTest {
    @TempDir
    Path dir;
    Path key;
    Path trusted;
    Path bundle;

    @BeforeEach
    void signTheMiniPolicy() {
        key = TestKeys.make(dir, "dpo");
        trusted = TestKeys.publicOf(key);
        bundle = dir.resolve("mini.aipolicy");
        Approval packed = PolicyApprovals.bundle(MiniPolicy.source(), key, bundle);
        assertEquals(Approval.Status.RECORDED, packed.status());
    }

    private String refusal(Path file, Path publicKey) {
        return assertThrows(PolicyBuildException.class,
                () -> PolicyEngine.builder().rulesFrom(file).trust(publicKey).build()).getMessage();
    }

    @Test
    void aSignedBundleLoadsUnderItsKeyAsTheRecordedVersion() {
        PolicyEngine engine = PolicyEngine.builder().rulesFrom(bundle).trust(trusted).build();
        Approval approval = engine.policy().approval();
        assertEquals(Approval.Status.SIGNED, approval.status());
        assertEquals("0.1-test", engine.policyVersion());
        assertEquals(MiniPolicy.engine().policyDigest(), engine.policyDigest());
        assertEquals(PolicyApprovals.fingerprint(trusted), approval.signedBy());
        assertTrue(approval.signedBy().matches("ed25519:[0-9a-f]{16}"), approval.signedBy());
        assertEquals(approval, PolicyApprovals.verify(bundle, trusted));
    }

    @Test
    void everyChangedByteIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(bundle);
        long seed = System.nanoTime();
        System.out.println("everyChangedByteIsRefused seed " + seed);
        Random random = new Random(seed);
        // every byte of the header and the signature line, and a seeded sample of the files' bytes
        for (int i = 0; i < good.length; i++) {
            boolean edge = i < 120 || i > good.length - 110;
            if (!edge && random.nextInt(40) != 0) {
                continue;
            }
            byte[] bad = good.clone();
            bad[i] = (byte) (bad[i] ^ (1 + random.nextInt(255)));
            Path file = dir.resolve("bad.aipolicy");
            Files.write(file, bad);
            int at = i;
            PolicyBuildException e = assertThrows(PolicyBuildException.class,
                    () -> PolicyApprovals.verify(file, trusted), () -> "byte " + at + " changed, seed " + seed);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void anotherKeysSignatureIsRefused() {
        Path other = TestKeys.make(dir, "someone-else");
        String why = refusal(bundle, TestKeys.publicOf(other));
        assertTrue(why.contains("signature is not valid for the trusted key " + PolicyApprovals.fingerprint(
                TestKeys.publicOf(other))), why);
        // and a bundle signed by that other key is refused under the DPO's key
        Path forged = dir.resolve("forged.aipolicy");
        PolicyApprovals.bundle(MiniPolicy.source(), other, forged);
        assertTrue(refusal(forged, trusted).contains("signature is not valid"));
    }

    @Test
    void anUnsignedBundleIsRefusedUnderTrust() throws IOException {
        String text = Files.readString(bundle, StandardCharsets.UTF_8);
        Path unsigned = dir.resolve("unsigned.aipolicy");
        Files.writeString(unsigned, text.substring(0, text.indexOf("signature ed25519 ")), StandardCharsets.UTF_8);
        assertTrue(refusal(unsigned, trusted).contains("not signed"), refusal(unsigned, trusted));
        // without a trusted key it loads, and says that nothing vouches for it
        Approval unchecked = PolicyEngine.builder().rulesFrom(unsigned).build().policy().approval();
        assertEquals(Approval.Status.RECORDED, unchecked.status());
        assertEquals("unsigned bundle", unchecked.note());
    }

    @Test
    void aFolderUnderTrustIsRefusedUnlessADraftIsAskedFor() {
        assertTrue(refusal(MiniPolicy.source(), trusted).contains("only signed bundles load"));
        PolicyEngine draft = PolicyEngine.builder().rulesFrom(MiniPolicy.source()).trust(trusted).draft(true).build();
        assertTrue(draft.policyVersion().startsWith("0.1-test-draft+"), draft.policyVersion());
        assertEquals(Approval.draftVersion("0.1-test", draft.policyDigest()), draft.policyVersion());
    }

    @Test
    void filesChangedAndResignedWithTheirOldDigestAreRefused() throws IOException {
        // a file rewritten inside the bundle, lengths kept: the digest no longer names the files
        String text = Files.readString(bundle, StandardCharsets.UTF_8);
        int at = text.indexOf("rule \"");
        assertTrue(at > 0);
        Path changed = dir.resolve("changed.aipolicy");
        Files.writeString(changed, text.substring(0, at) + "RULE" + text.substring(at + 4), StandardCharsets.UTF_8);
        String why = refusal(changed, trusted);
        assertTrue(why.contains("not the ones its digest names") || why.contains("signature is not valid"), why);
    }

    @Test
    void pathTricksAreRefused() throws IOException {
        for (String name : new String[] {"../policy.properties", "/etc/passwd", "rules/x.drl", ".hidden", "a..drl",
                "approved.properties"}) {
            Path file = dir.resolve("trick.aipolicy");
            Files.writeString(file, PolicyBundle.MAGIC + "\nversion 0.1\ndigest sha256:00\nfile " + name + " 1\nx\nend\n");
            String why = assertThrows(PolicyBuildException.class, () -> PolicyApprovals.check(file)).getMessage();
            assertTrue(why.contains("not a policy file's name"), name + ": " + why);
        }
    }

    @Test
    void cutShortOversizedAndTrailingBytesAreRefused() throws IOException {
        byte[] good = Files.readAllBytes(bundle);
        Path file = dir.resolve("bad.aipolicy");
        Files.write(file, java.util.Arrays.copyOf(good, good.length - 1));
        assertThrows(PolicyBuildException.class, () -> PolicyApprovals.verify(file, trusted));
        Files.write(file, java.util.Arrays.copyOf(good, good.length + 1));
        assertThrows(PolicyBuildException.class, () -> PolicyApprovals.verify(file, trusted));
        byte[] huge = new byte[PolicyBundle.MAX_BYTES + 1];
        System.arraycopy(good, 0, huge, 0, good.length);
        Files.write(file, huge);
        assertTrue(assertThrows(PolicyBuildException.class, () -> PolicyApprovals.verify(file, trusted)).getMessage()
                .contains("larger than"));
        Files.writeString(file, PolicyBundle.MAGIC + "\nversion 0.1\ndigest sha256:00\nfile a.drl 99999999\nx\nend\n");
        assertTrue(assertThrows(PolicyBuildException.class, () -> PolicyApprovals.check(file)).getMessage()
                .contains("cut short"));
    }

    @Test
    void aDraftIsNeverBundled() throws IOException {
        Path copy = MiniPolicy.copyTo(Files.createDirectory(dir.resolve("edited")));
        Files.writeString(copy.resolve("mini.drl"), Files.readString(copy.resolve("mini.drl")) + "\n// edited\n");
        String why = assertThrows(PolicyBuildException.class,
                () -> PolicyApprovals.bundle(copy, key, dir.resolve("x.aipolicy"))).getMessage();
        assertTrue(why.contains("is a draft") && why.contains("aipolicy version"), why);
        assertFalse(Files.exists(dir.resolve("x.aipolicy")));
    }

    @Test
    void anOpensslKeyPairSignsAndVerifies() {
        Path opensslKey = TestKeys.openssl();
        Path signed = dir.resolve("openssl.aipolicy");
        PolicyApprovals.bundle(MiniPolicy.source(), opensslKey, signed);
        Approval approval = PolicyApprovals.verify(signed, TestKeys.publicOf(opensslKey));
        assertEquals(Approval.Status.SIGNED, approval.status());
        assertThrows(PolicyBuildException.class, () -> PolicyApprovals.verify(signed, trusted));
    }

    @Test
    void aKeyFileThatIsNotAKeySaysWhatToRun() throws IOException {
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        String why = assertThrows(PolicyBuildException.class, () -> PolicyApprovals.verify(bundle, notAKey)).getMessage();
        assertTrue(why.contains("PUBLIC KEY"), why);
        String wrongKind = assertThrows(PolicyBuildException.class,
                () -> PolicyApprovals.bundle(MiniPolicy.source(), trusted, dir.resolve("y"))).getMessage();
        assertTrue(wrongKind.contains("openssl genpkey -algorithm ed25519"), wrongKind);
    }
}
