package fr.inserm.aipolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in the PEM files {@code openssl genpkey -algorithm ed25519} (a private key, PKCS#8)
 * and {@code openssl pkey -pubout} (a public key, SubjectPublicKeyInfo) write, read and written with
 * the JDK alone.
 */
final class PemKeys {
    private static final int MAX_PEM = 16 * 1024;

    private PemKeys() {
    }

    static PrivateKey readPrivate(Path pem) {
        byte[] der = body(pem, "PRIVATE KEY", " (make one with: openssl genpkey -algorithm ed25519 -out PRIVATE.pem)");
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PolicyBuildException(pem + " is not an Ed25519 private key (make one with:"
                    + " openssl genpkey -algorithm ed25519 -out PRIVATE.pem)", e);
        }
    }

    static PublicKey readPublic(Path pem) {
        byte[] der = body(pem, "PUBLIC KEY", " (write one with: openssl pkey -in PRIVATE.pem -pubout -out PUBLIC.pem)");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PolicyBuildException(pem + " is not an Ed25519 public key (write one with:"
                    + " openssl pkey -in PRIVATE.pem -pubout -out PUBLIC.pem)", e);
        }
    }

    /** A key as PEM text: {@code PRIVATE KEY} for PKCS#8, {@code PUBLIC KEY} for SubjectPublicKeyInfo. */
    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** {@code ed25519:} and the first 16 hexadecimal digits of the SHA-256 of the public key's encoding. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "ed25519:" + HexFormat.of().formatHex(sha, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] body(Path pem, String label, String hint) {
        String text;
        try {
            if (Files.size(pem) > MAX_PEM) {
                throw new PolicyBuildException(pem + " is too large to be a key file");
            }
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PolicyBuildException("cannot read the key file " + pem + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new PolicyBuildException(pem + " holds no " + label + " in PEM form (a '" + begin + "' block)" + hint);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to).strip());
        } catch (IllegalArgumentException e) {
            throw new PolicyBuildException(pem + ": the " + label + " block is not Base64", e);
        }
    }
}
