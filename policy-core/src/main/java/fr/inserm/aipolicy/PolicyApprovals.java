package fr.inserm.aipolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three steps that make a policy approved, and the check every loader makes: record the version
 * of a policy folder (its digest, in {@code approved.properties}), pack it into a bundle signed with
 * an Ed25519 key, and verify a bundle against a trusted public key (docs/approved-policy.md).
 *
 * <p>Also a command, for the build when the command-line tool is not built yet:
 * {@code java -cp policy-core/target/classes fr.inserm.aipolicy.PolicyApprovals version RULES_DIR VERSION}.
 */
public final class PolicyApprovals {
    /** The command that records the bundled policy's version, from the repository's root. */
    static final String BUNDLED_RULES = "policy-rules/src/main/resources/fr/inserm/aipolicy/rules";
    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^version\\s*[=:].*$");

    private PolicyApprovals() {
    }

    /**
     * Records the version of a policy folder: sets {@code version=} in its {@code policy.properties}
     * (when it differs) and writes the digest of its files, for that version, to its
     * {@code approved.properties}. Only the files are checked here (the manifest); the command-line
     * tool builds the policy first, so that only a policy that builds is recorded.
     *
     * @param folder the policy folder
     * @param version the version, for example {@code 2.1.1}
     * @return the approval of the folder as recorded
     * @throws PolicyBuildException when the version is not a version number or the folder is not a policy
     */
    public static Approval record(Path folder, String version) {
        if (!PolicyRecord.VERSION.matcher(version).matches()) {
            throw new PolicyBuildException("\"" + version + "\" is not a version: numbers and dots (2.1.1), then"
                    + " optionally a label (2.1.1-rc1)");
        }
        if (!Files.isDirectory(folder)) {
            throw new PolicyBuildException("no policy folder at " + folder + ": a version is recorded in a folder");
        }
        try {
            Path properties = folder.resolve(PolicyFiles.VERSION_FILE);
            if (!Files.isRegularFile(properties)) {
                throw new PolicyBuildException("no policy in " + folder + ": " + PolicyFiles.VERSION_FILE + " is not there");
            }
            String text = Files.readString(properties, StandardCharsets.UTF_8);
            PolicyManifest declared = PolicyManifest.read(PolicyFiles.fromPath(folder));
            if (!declared.version().equals(version)) {
                Matcher m = VERSION_LINE.matcher(text);
                if (!m.find()) {
                    throw new PolicyBuildException(properties + " has no version= line to set");
                }
                writeAtomically(properties, m.replaceFirst(Matcher.quoteReplacement("version=" + version)));
            }
            PolicyFiles files = PolicyFiles.fromPath(folder);
            PolicyManifest manifest = PolicyManifest.read(files);
            PolicyRecord record = new PolicyRecord(manifest.version(), files.digest());
            writeAtomically(folder.resolve(PolicyRecord.FILE), record.text());
            return examine(PolicyFiles.fromPath(folder));
        } catch (IOException e) {
            throw new PolicyBuildException("cannot record the version in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a policy folder (or a bundle, read without a trusted key) is the version it declares.
     *
     * @param folderOrBundle a policy folder, a jar, or a bundle
     * @return recorded, or draft (with why)
     * @throws PolicyBuildException when it is not a policy, or a bundle is malformed
     */
    public static Approval check(Path folderOrBundle) {
        return open(folderOrBundle, List.of(), true, PolicyApprovals.class.getClassLoader()).approval();
    }

    /**
     * Packs a recorded policy folder into a bundle signed with an Ed25519 private key.
     *
     * @param folder the policy folder; it must match its recorded version (not a draft)
     * @param privateKeyPem the private key, PKCS#8 PEM ({@code openssl genpkey -algorithm ed25519})
     * @param out the bundle file to write (replaced atomically)
     * @return the approval of what was packed
     * @throws PolicyBuildException when the folder is a draft or the key cannot be read
     */
    public static Approval bundle(Path folder, Path privateKeyPem, Path out) {
        PolicyFiles files = PolicyFiles.fromPath(folder);
        Approval approval = examine(files);
        if (approval.draft()) {
            throw new PolicyBuildException("the policy at " + folder + " is a draft (" + approval.note()
                    + "): record its version first (aipolicy version " + folder + " VERSION), then bundle it");
        }
        SortedMap<String, String> content = new TreeMap<>(files.files());
        content.remove(PolicyRecord.FILE);
        byte[] bytes = PolicyBundle.write(PolicyManifest.read(files).version(), approval.digest(), content,
                PemKeys.readPrivate(privateKeyPem));
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".bundle", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PolicyBuildException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return approval;
    }

    /**
     * Verifies a bundle: intact (its files are the ones its digest names) and signed by the key.
     *
     * @param bundle the bundle file
     * @param publicKeyPem the trusted public key, PEM ({@code openssl pkey -pubout})
     * @return the approval: signed, by the key's fingerprint
     * @throws PolicyBuildException saying why the bundle is refused
     */
    public static Approval verify(Path bundle, Path publicKeyPem) {
        return open(bundle, List.of(PemKeys.readPublic(publicKeyPem)), false, PolicyApprovals.class.getClassLoader())
                .approval();
    }

    /**
     * The fingerprint of a public key, as {@link Approval#signedBy()} names it.
     *
     * @param publicKeyPem the public key, PEM
     * @return {@code ed25519:} and 16 hexadecimal digits
     */
    public static String fingerprint(Path publicKeyPem) {
        return PemKeys.fingerprint(PemKeys.readPublic(publicKeyPem));
    }

    /**
     * {@code version RULES_DIR VERSION}: records a version (for the build, before the command-line
     * tool is built); {@code check RULES_DIR}: exits 1 when the folder is a draft.
     *
     * @param args the command
     */
    public static void main(String[] args) {
        try {
            if (args.length == 3 && args[0].equals("version")) {
                System.out.println("recorded: " + record(Path.of(args[1]), args[2]).describe());
                return;
            }
            if (args.length == 2 && args[0].equals("check")) {
                Approval approval = check(Path.of(args[1]));
                System.out.println(approval.describe());
                System.exit(approval.draft() ? 1 : 0);
            }
            System.err.println("usage: PolicyApprovals version RULES_DIR VERSION | check RULES_DIR");
            System.exit(2);
        } catch (PolicyBuildException e) {
            System.err.println("PolicyApprovals: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The files of a policy and how far they are approved.
     *
     * @param files the files
     * @param approval the approval
     */
    record Opened(PolicyFiles files, Approval approval) {
    }

    /**
     * Reads a policy as a loader must: a bundle, checked (against the trusted keys when there are
     * any); a folder, a jar or the class path, compared with its record. Under trusted keys, only a
     * bundle signed by one of them loads; anything else only as a draft, and only when asked.
     */
    static Opened open(Path path, List<PublicKey> trusted, boolean draftAllowed, ClassLoader loader) {
        if (path != null && isBundle(path)) {
            return openBundle(path, trusted);
        }
        String where = path == null ? "the policy on the class path" : path.toString();
        if (!trusted.isEmpty() && !draftAllowed) {
            throw new PolicyBuildException(where + " is not a bundle signed by a trusted key: with a trusted key,"
                    + " only signed bundles load (a folder loads as a draft when asked: --draft)");
        }
        PolicyFiles files = path == null ? PolicyFiles.fromClassPath(loader) : PolicyFiles.fromPath(path);
        Approval approval = examine(files);
        if (trusted.isEmpty()) {
            return new Opened(files, approval);
        }
        String digest = files.digest();
        return new Opened(files, new Approval(Approval.Status.DRAFT,
                Approval.draftVersion(PolicyManifest.read(files).version(), digest), digest, null, files.origin(),
                "not a signed bundle, loaded as a draft on request"));
    }

    /** A folder's (or jar's, or the class path's) files compared with their record. */
    static Approval examine(PolicyFiles files) {
        PolicyManifest manifest = PolicyManifest.read(files);
        String digest = files.digest();
        PolicyRecord record = PolicyRecord.of(files);
        if (record != null && record.matches(manifest.version(), digest)) {
            return new Approval(Approval.Status.RECORDED, manifest.version(), digest, null, files.origin(), "");
        }
        String why = record == null ? "no " + PolicyRecord.FILE + " records its version"
                : !record.version().equals(manifest.version())
                ? "the record is for version " + record.version() + ", " + PolicyFiles.VERSION_FILE + " says "
                        + manifest.version()
                : "its files are not the ones recorded for " + manifest.version();
        return new Approval(Approval.Status.DRAFT, Approval.draftVersion(manifest.version(), digest), digest, null,
                files.origin(), why);
    }

    private static Opened openBundle(Path path, List<PublicKey> trusted) {
        String origin = path.toString();
        byte[] bytes;
        try {
            if (Files.size(path) > PolicyBundle.MAX_BYTES) {
                throw PolicyBundle.refused(origin, "larger than " + PolicyBundle.MAX_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(PolicyBundle.MAX_BYTES + 1);
            }
        } catch (IOException e) {
            throw new PolicyBuildException("cannot read the bundle " + origin + ": " + e.getMessage(), e);
        }
        PolicyBundle.Contents contents = PolicyBundle.read(bytes, origin);
        PolicyFiles files = new PolicyFiles(origin, contents.files(), false);
        String digest = files.digest();
        if (!digest.equals(contents.digest())) {
            throw PolicyBundle.refused(origin, "its files are not the ones its digest names (changed after signing)");
        }
        PolicyManifest manifest = PolicyManifest.read(files);
        if (!manifest.version().equals(contents.version())) {
            throw PolicyBundle.refused(origin, "it declares version " + contents.version() + " but its "
                    + PolicyFiles.VERSION_FILE + " says " + manifest.version());
        }
        if (trusted.isEmpty()) {
            return new Opened(files, new Approval(Approval.Status.RECORDED, contents.version(), digest, null, origin,
                    contents.signature() == null ? "unsigned bundle" : "signature not checked: no trusted key"));
        }
        if (contents.signature() == null) {
            throw PolicyBundle.refused(origin, "it is not signed, and only bundles signed by a trusted key load");
        }
        List<String> tried = new ArrayList<>();
        for (PublicKey key : trusted) {
            if (contents.signedBy(key)) {
                return new Opened(files, new Approval(Approval.Status.SIGNED, contents.version(), digest,
                        PemKeys.fingerprint(key), origin, ""));
            }
            tried.add(PemKeys.fingerprint(key));
        }
        throw PolicyBundle.refused(origin, "its signature is not valid for the trusted key" + (tried.size() > 1 ? "s " : " ")
                + String.join(", ", tried) + " (signed by another key, or changed after signing)");
    }

    /** Whether a file begins as a bundle does. */
    static boolean isBundle(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return PolicyBundle.looksLike(in.readNBytes(PolicyBundle.MAGIC.length() + 1));
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".record", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
