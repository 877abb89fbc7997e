package fr.inserm.aipolicy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A policy in one file, signed: the format {@code aipolicy bundle} writes and every loader reads,
 * in memory, without extracting anything (docs/approved-policy.md). Text, one header line each:
 *
 * <pre>
 * aipolicy-bundle/1
 * version 2.1.0
 * digest sha256:&lt;64 hex&gt;
 * file &lt;name&gt; &lt;length in bytes&gt;
 * &lt;the file's bytes, UTF-8&gt;
 * (one "file" block per file, names in ascending order, each followed by a newline)
 * end
 * signature ed25519 &lt;Base64 of the Ed25519 signature of every byte above, "end\n" included&gt;
 * </pre>
 *
 * <p>Every byte counts: the reader refuses anything that is not exactly this (a name that is not a
 * plain file name, a length past the end, a name out of order or twice, a byte after the signature),
 * a bundle over {@value #MAX_BYTES} bytes or {@value #MAX_FILES} files, and files whose digest is not
 * the one declared.
 */
final class PolicyBundle {
    static final String MAGIC = "aipolicy-bundle/1";
    /** The largest bundle read: a policy is about 100 KB. */
    static final int MAX_BYTES = 8 << 20;
    static final int MAX_FILES = 200;
    /** A plain file name: no folder, no "..", nothing hidden. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final int MAX_LINE = 200;

    /**
     * A bundle as read.
     *
     * @param version the declared version
     * @param digest the declared digest
     * @param files the policy's files
     * @param signed the bytes the signature covers
     * @param signature the signature, or null for an unsigned bundle
     */
    record Contents(String version, String digest, SortedMap<String, String> files, byte[] signed, byte[] signature) {
        /** Whether the signature is a valid Ed25519 signature of the signed bytes by this key. */
        boolean signedBy(PublicKey key) {
            if (signature == null) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signed);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    private PolicyBundle() {
    }

    /** Whether the bytes begin as a bundle does (a jar or a folder is read otherwise). */
    static boolean looksLike(byte[] start) {
        byte[] magic = (MAGIC + "\n").getBytes(StandardCharsets.US_ASCII);
        return start.length >= magic.length && Arrays.equals(start, 0, magic.length, magic, 0, magic.length);
    }

    /** Writes a bundle of these files (the record of the approved version left out), signed by the key. */
    static byte[] write(String version, String digest, SortedMap<String, String> files, PrivateKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, MAGIC + "\nversion " + version + "\ndigest " + digest + "\n");
        files.forEach((name, text) -> {
            if (!NAME.matcher(name).matches()) {
                throw new PolicyBuildException("cannot bundle " + name + ": not a plain file name");
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ascii(out, "file " + name + " " + bytes.length + "\n");
            out.writeBytes(bytes);
            ascii(out, "\n");
        });
        ascii(out, "end\n");
        byte[] signed = out.toByteArray();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signed);
            ascii(out, "signature ed25519 " + Base64.getEncoder().encodeToString(signer.sign()) + "\n");
        } catch (GeneralSecurityException e) {
            throw new PolicyBuildException("cannot sign with this key: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a bundle.
     *
     * @throws PolicyBuildException naming what is wrong, for anything but a well-formed bundle
     */
    static Contents read(byte[] bytes, String origin) {
        if (bytes.length > MAX_BYTES) {
            throw refused(origin, "larger than " + MAX_BYTES + " bytes");
        }
        Cursor c = new Cursor(bytes, origin);
        if (!c.line().equals(MAGIC)) {
            throw refused(origin, "it does not begin with " + MAGIC);
        }
        String version = c.field("version");
        if (!PolicyRecord.VERSION.matcher(version).matches()) {
            throw refused(origin, "its version \"" + version + "\" is not a version number");
        }
        String digest = c.field("digest");
        SortedMap<String, String> files = new TreeMap<>();
        String last = "";
        while (true) {
            String line = c.line();
            if (line.equals("end")) {
                break;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 3 || !parts[0].equals("file") || !parts[2].matches("\\d{1,8}")) {
                throw refused(origin, "line " + c.lines + " is not \"file NAME LENGTH\" or \"end\"");
            }
            String name = parts[1];
            if (!NAME.matcher(name).matches() || name.equals(PolicyRecord.FILE)) {
                throw refused(origin, "\"" + name + "\" is not a policy file's name");
            }
            if (name.compareTo(last) <= 0) {
                throw refused(origin, name + " is out of order or given twice");
            }
            if (files.size() >= MAX_FILES) {
                throw refused(origin, "more than " + MAX_FILES + " files");
            }
            last = name;
            files.put(name, c.text(Integer.parseInt(parts[2]), name));
        }
        byte[] signed = Arrays.copyOf(bytes, c.at);
        byte[] signature = null;
        if (!c.atEnd()) {
            String line = c.line();
            String prefix = "signature ed25519 ";
            if (!line.startsWith(prefix)) {
                throw refused(origin, "after \"end\" comes only \"signature ed25519 BASE64\"");
            }
            try {
                signature = Base64.getDecoder().decode(line.substring(prefix.length()));
            } catch (IllegalArgumentException e) {
                throw refused(origin, "its signature is not Base64");
            }
            if (!c.atEnd()) {
                throw refused(origin, "there is more after its signature");
            }
        }
        return new Contents(version, digest, files, signed, signature);
    }

    static PolicyBuildException refused(String origin, String why) {
        return new PolicyBuildException("the bundle " + origin + " is refused: " + why);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a bundle's bytes line by line, each line ASCII and short, each file a counted run of bytes. */
    private static final class Cursor {
        final byte[] bytes;
        final String origin;
        int at;
        int lines;

        Cursor(byte[] bytes, String origin) {
            this.bytes = bytes;
            this.origin = origin;
        }

        boolean atEnd() {
            return at == bytes.length;
        }

        String line() {
            lines++;
            int end = at;
            while (end < bytes.length && end - at <= MAX_LINE && bytes[end] != '\n') {
                if (bytes[end] < 0x20 || bytes[end] > 0x7e) {
                    throw refused(origin, "line " + lines + " is not plain text");
                }
                end++;
            }
            if (end >= bytes.length || bytes[end] != '\n') {
                throw refused(origin, "line " + lines + " is cut short or too long");
            }
            String line = new String(bytes, at, end - at, StandardCharsets.US_ASCII);
            at = end + 1;
            return line;
        }

        String field(String name) {
            String line = line();
            if (!line.startsWith(name + " ") || line.length() == name.length() + 1) {
                throw refused(origin, "line " + lines + " is not \"" + name + " …\"");
            }
            return line.substring(name.length() + 1);
        }

        String text(int length, String name) {
            if (length > bytes.length - at - 1 || bytes[at + length] != '\n') {
                throw refused(origin, name + " is cut short (its length runs past the bundle or its newline)");
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, at, length)).toString();
                at += length + 1;
                lines += (int) text.chars().filter(ch -> ch == '\n').count() + 1;
                return text;
            } catch (CharacterCodingException e) {
                throw refused(origin, name + " is not UTF-8");
            }
        }
    }
}
