package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.inserm.aipolicy.PolicyApprovals;
import fr.inserm.aipolicy.PolicyEngine;
import fr.inserm.aipolicy.PolicySource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server watching a signed bundle, under load from 16 connections, has its bundle replaced by a
 * new signed version: every answer carries the old version or the new one, none fails, and every
 * request made once the new version answered carries it, within 5 s of the file being replaced. A corrupt bundle dropped in its place
 * changes nothing but {@code /health}, which says why it was refused.
 */
class PolicySwapServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RULES = Path.of("..", "policy-rules", "src", "main", "resources", "fr", "inserm", "aipolicy",
            "rules");
    private static final String USAGE = """
            {"tool": {"name": "ChatGPT"}, "hosting": "EXTERNAL", "dataCategories": ["UNPUBLISHED_RESEARCH"],
             "purpose": "WRITING"}""";

    @TempDir
    Path dir;

    /** An answer: when its request started and ended, its status, the version it carries. */
    record Answer(long startNanos, long endNanos, int status, String version) {
    }

    private Path signedVersion(String version, Path key) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("rules-" + version));
        try (Stream<Path> files = Files.list(RULES)) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        if (!version.equals("7.0.0")) {
            // the update changes a clause's title: a catalogue change, its rules unchanged (shared, not recompiled)
            Path catalogue = folder.resolve("catalogue.json");
            Files.writeString(catalogue, Files.readString(catalogue).replaceFirst("\"title\": \"", "\"title\": \"(" + version + ") "));
        }
        PolicyApprovals.record(folder, version);
        return PolicyApprovals.bundle(folder, key, dir.resolve(version + ".aipolicy")) == null ? null
                : dir.resolve(version + ".aipolicy");
    }

    private static void replace(Path from, Path to) throws Exception {
        Path incoming = to.resolveSibling(".incoming");
        Files.copy(from, incoming, StandardCopyOption.REPLACE_EXISTING);
        Files.move(incoming, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    @Test
    void aReplacedBundleServesWithoutARestartAndACorruptOneIsRefused() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path key = Files.writeString(dir.resolve("dpo-private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path trusted = Files.writeString(dir.resolve("dpo-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Path v1 = signedVersion("7.0.0", key);
        Path v2 = signedVersion("7.0.1", key);
        Path serving = dir.resolve("policy.aipolicy");
        replace(v1, serving);

        PolicySource source = PolicyEngine.builder().rulesFrom(serving).trust(trusted).watch(Duration.ofMillis(200));
        PolicyServer server = PolicyServer.start(source.engine(),
                PolicyServer.Options.defaults().withPort(0).withRequestsPerMinute(0), null);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri().resolve("api/decisions"))
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(USAGE))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            JsonNode node = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
                            answers.add(new Answer(start, System.nanoTime(), r.statusCode(),
                                    node == null ? r.body() : node.path("policyVersion").asText()));
                            Thread.sleep(2); // a busy server, not one that leaves no processor to load the new policy
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    }
                }, "client-" + i);
                t.start();
                clients.add(t);
            }
            Thread.sleep(1500);
            long replaced = System.nanoTime();
            replace(v2, serving);
            long firstNew = waitFor(answers, "7.0.1", replaced, 120);
            Thread.sleep(1500);
            System.out.printf("swap under load: the first answer from 7.0.1 came %.0f ms after the bundle was replaced%n",
                    (firstNew - replaced) / 1e6);
            assertTrue(firstNew - replaced < 5_000_000_000L, "the new policy answered more than 5 s after the swap");

            // a corrupt bundle in its place: refused, 7.0.1 goes on serving, /health says why
            byte[] corrupt = Files.readAllBytes(v1);
            corrupt[corrupt.length / 2] ^= 0x20;
            Path bad = Files.write(dir.resolve("corrupt.aipolicy"), corrupt);
            long dropped = System.nanoTime();
            replace(bad, serving);
            while (source.lastRefused().isEmpty() && System.nanoTime() - dropped < 60_000_000_000L) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            stop.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }

            assertTrue(failures.isEmpty(), () -> failures.size() + " requests failed, first: " + failures.peek());
            Map<String, Integer> byVersion = new TreeMap<>();
            for (Answer a : answers) {
                assertEquals(200, a.status(), a.version());
                byVersion.merge(a.version(), 1, Integer::sum);
                assertTrue(a.version().equals("7.0.0") || a.version().equals("7.0.1"), a.version());
                if (a.startNanos() > firstNew) {
                    assertEquals("7.0.1", a.version(), "a request made after the new policy answered");
                }
            }
            System.out.println("answers by version: " + byVersion);
            assertTrue(byVersion.getOrDefault("7.0.0", 0) > 0 && byVersion.getOrDefault("7.0.1", 0) > 0, byVersion::toString);

            JsonNode health = JSON.readTree(client.send(HttpRequest.newBuilder(server.uri().resolve("health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("7.0.1", health.path("policy").path("version").asText(), health.toString());
            assertEquals("SIGNED", health.path("policy").path("status").asText(), health.toString());
            assertEquals(PolicyApprovals.fingerprint(trusted), health.path("policy").path("signedBy").asText());
            assertTrue(health.path("lastRefusedUpdate").path("reason").asText().contains("is refused"), health.toString());
            assertEquals("7.0.1", health.path("policyVersion").asText());
        } finally {
            stop.set(true);
            server.close();
            source.close();
        }
    }

    /** When the first answer carrying the version ended; fails after the timeout. */
    private static long waitFor(ConcurrentLinkedQueue<Answer> answers, String version, long since, int seconds)
            throws InterruptedException {
        long deadline = since + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            long first = Long.MAX_VALUE;
            for (Answer a : answers) {
                if (a.version().equals(version)) {
                    first = Math.min(first, a.endNanos());
                }
            }
            if (first != Long.MAX_VALUE) {
                return first;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(version + " never answered within " + seconds + " s of the bundle being replaced");
    }
}
