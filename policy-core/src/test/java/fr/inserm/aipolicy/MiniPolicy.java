package fr.inserm.aipolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A four-rule test policy in src/test/resources/policies/mini, copied to a folder a test may break. */
final class MiniPolicy {
    private MiniPolicy() {
    }

    static Path source() {
        try {
            return Path.of(MiniPolicy.class.getClassLoader().getResource("policies/mini/policy.properties").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path copyTo(Path folder) {
        try (Stream<Path> files = Files.list(source())) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicyEngine engine() {
        return PolicyEngine.builder().rulesFrom(source()).build();
    }
}
