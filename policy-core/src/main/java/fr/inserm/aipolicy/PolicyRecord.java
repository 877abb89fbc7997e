package fr.inserm.aipolicy;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The record of the version a policy folder was approved as, in its {@value #FILE}: the version and
 * the digest of every other file of the folder when the version was set ({@code aipolicy version}).
 * It lives in a file of its own, outside the digest, so that recording a version changes no other
 * file; files that no longer match it are a draft.
 *
 * @param version the recorded version
 * @param digest the recorded digest
 */
record PolicyRecord(String version, String digest) {
    /** The record's file, beside {@code policy.properties}. */
    static final String FILE = "approved.properties";
    /** What a version may be: numbers and dots, then an optional label; never a draft's. */
    static final Pattern VERSION = Pattern.compile("\\d{1,4}(\\.\\d{1,4}){1,3}(-[A-Za-z0-9.]{1,40})?");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /** The record in a policy's files, or null when there is none or it cannot be read. */
    static PolicyRecord of(PolicyFiles files) {
        String text = files.files().get(FILE);
        if (text == null) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String version = p.getProperty("version", "").strip();
        String digest = p.getProperty("digest", "").strip();
        return version.isEmpty() || !DIGEST.matcher(digest).matches() ? null : new PolicyRecord(version, digest);
    }

    /** The record's file text. */
    String text() {
        return "# The version this folder's files were approved as, and the SHA-256 digest of their content\n"
                + "# (every file of the folder but this one; the digest every decision carries as policyDigest).\n"
                + "# Written by: aipolicy version RULES_DIR VERSION. Do not edit: files that do not match it load\n"
                + "# only as a draft (VERSION-draft+DIGEST), and the build of policy-rules fails.\n"
                + "version=" + version + "\n"
                + "digest=" + digest + "\n";
    }

    /** Whether the files are the ones recorded, for the version they declare. */
    boolean matches(String declaredVersion, String actualDigest) {
        return version.equals(declaredVersion) && digest.equals(actualDigest);
    }
}
