package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.inserm.aipolicy.PolicyEngine;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The second attack as it was reported: one address opens 1,100 connections (more than the server's
 * 1,024) and sends a header line on each every 5 s, which restarts Jetty's idle timeout; connections
 * the server closes are opened again. Throughout 30 s, {@code /health} from another address must
 * answer within a second. Before the share per address and the header deadline, the 1,024 were all
 * the attacker's and {@code /health} waited. About 2,200 file descriptors (both ends in this JVM).
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PolicyServerSlowNeighbourTest {
    private static final int ATTACKERS = 1_100;
    private static final long ATTACK_MILLIS = 30_000;

    @Test
    void healthAnswersItsNeighbourWhileOneAddressTricklesHeadersOnElevenHundredConnections() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().build();
        try (PolicyServer server = PolicyServer.start(engine, PolicyServer.Options.defaults().withPort(0), null)) {
            Socket[] attack = new Socket[ATTACKERS];
            int[] lines = new int[ATTACKERS];
            int reopened = 0;
            List<Long> polls = new ArrayList<>();
            try {
                long started = System.nanoTime();
                long nextTrickle = 0;
                while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < ATTACK_MILLIS) {
                    long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (now >= nextTrickle) {
                        for (int i = 0; i < ATTACKERS; i++) {
                            reopened += trickle(attack, lines, i, server) ? 1 : 0;
                        }
                        nextTrickle = now + 5000;
                    }
                    long before = System.nanoTime();
                    String health = PolicyServerNeighboursTest.get(server, "127.0.0.1", "/health", "");
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
                    polls.add(millis);
                    assertTrue(health.startsWith("HTTP/1.1 200 "), "at " + now + " ms: " + health);
                    assertTrue(millis < 1000, "/health took " + millis + " ms at " + now + " ms of the attack");
                    Thread.sleep(250);
                }
            } finally {
                for (Socket s : attack) {
                    if (s != null) {
                        s.close();
                    }
                }
            }
            long worst = polls.stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.println("slow neighbour: " + polls.size() + " /health polls in 30 s, worst " + worst
                    + " ms; attacker connections opened again after the server closed them: " + reopened);
            assertTrue(polls.size() >= 20, "polled " + polls.size() + " times");
        }
    }

    /** One header line on attacker connection i, opening it (again) if the server closed it; true if reopened. */
    private static boolean trickle(Socket[] attack, int[] lines, int i, PolicyServer server) {
        boolean reopened = false;
        try {
            if (attack[i] == null || attack[i].isClosed()) {
                reopened = attack[i] != null;
                attack[i] = PolicyServerNeighboursTest.connectFrom("127.0.0.2", server);
                attack[i].getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                lines[i] = 0;
            }
            attack[i].getOutputStream().write(("X-Slow-" + lines[i]++ + ": 1\r\n").getBytes(StandardCharsets.ISO_8859_1));
            attack[i].getOutputStream().flush();
        } catch (IOException e) {
            try {
                if (attack[i] != null) {
                    attack[i].close();
                }
            } catch (IOException ignored) {
                // Closing a connection the server already closed.
            }
        }
        return reopened;
    }
}
