package fr.inserm.aipolicy;

import java.util.Objects;

/**
 * Whether a loaded policy is the one its version names: a bundle signed by a trusted key, a folder
 * (or an unchecked bundle) whose files match the digest recorded for their version, or a draft whose
 * files do not. A draft's version says so ({@code 2.1.0-draft+1a2b3c4d5e6f}), and every decision made
 * by it carries that version.
 *
 * @param status signed, recorded or draft
 * @param version the version decisions carry: the recorded version, or the draft's
 * @param digest the digest of the policy's files ({@code sha256:} and 64 hexadecimal digits)
 * @param signedBy the fingerprint of the trusted key that signed the bundle, or null when not signed
 *     or not checked
 * @param origin where the policy was read (a file, a folder, the class path)
 * @param note why a policy is a draft, or what was not checked; empty when nothing is to be said
 */
public record Approval(Status status, String version, String digest, String signedBy, String origin, String note) {

    /** How far a loaded policy is approved. */
    public enum Status {
        /** A bundle whose signature was verified with a trusted key: the approved policy. */
        SIGNED,
        /** Files that match the digest recorded for their version, with no signature checked. */
        RECORDED,
        /** Files that do not match a recorded version: a policy being edited, never an approved one. */
        DRAFT
    }

    /**
     * Checks the fields.
     *
     * @param status signed, recorded or draft
     * @param version the version
     * @param digest the digest
     * @param signedBy the signer's key fingerprint, or null
     * @param origin where the policy was read
     * @param note a note, or empty
     */
    public Approval {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(origin, "origin");
        note = note == null ? "" : note;
    }

    /**
     * Whether this is a draft.
     *
     * @return true for a draft
     */
    public boolean draft() {
        return status == Status.DRAFT;
    }

    /**
     * The version a draft of a policy declared as {@code version} carries.
     *
     * @param version the version in {@code policy.properties}
     * @param digest the digest of the draft's files
     * @return {@code VERSION-draft+} and the first 12 hexadecimal digits of the digest
     */
    public static String draftVersion(String version, String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return version + "-draft+" + hex.substring(0, Math.min(12, hex.length()));
    }

    /**
     * One line that says which policy this is, for the first line of a test run or a comparison:
     * {@code policy 2.1.0 sha256:… signed by ed25519:… from FILE}.
     *
     * @return the line
     */
    public String describe() {
        String how = switch (status) {
            case SIGNED -> "signed by " + signedBy;
            case RECORDED -> "recorded, not signed";
            case DRAFT -> "DRAFT";
        };
        return "policy " + version + " " + digest + " " + how + " from " + origin + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
