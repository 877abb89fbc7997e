package fr.inserm.aipolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/** Ed25519 key pairs for tests, made with the JDK and written as PEM, as openssl writes them. */
final class TestKeys {
    private TestKeys() {
    }

    /**
     * A new key pair.
     *
     * @param folder where to write it
     * @param name the files' names: NAME-private.pem, NAME-public.pem
     * @return the private key's file; the public key's is beside it
     */
    static Path make(Path folder, String name) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.writeString(folder.resolve(name + "-public.pem"), PemKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return Files.writeString(folder.resolve(name + "-private.pem"),
                    PemKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path publicOf(Path privatePem) {
        return privatePem.resolveSibling(privatePem.getFileName().toString().replace("-private", "-public"));
    }

    /** The pair made by {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}. */
    static Path openssl() {
        try {
            return Path.of(TestKeys.class.getClassLoader().getResource("keys/openssl-test-private.pem").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
