package fr.inserm.aipolicy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line of {@link PolicyServer#serve}: the cases that return instead of serving. */
class PolicyServerCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(String... args) {
        return PolicyServer.serve(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsHelp() {
        assertEquals(0, serve("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--port PORT"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--allowed-host NAME"));
    }

    @Test
    void refusesABadCommandLine() {
        assertEquals(2, serve("--port", "eighty"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--port needs a whole number"));
        assertEquals(2, serve("--port", "70000"));
        assertEquals(2, serve("--host"));
        assertEquals(2, serve("--verbose"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unexpected argument: --verbose"));
        assertEquals(2, serve("--allowed-host"));
        assertEquals(2, serve("--allowed-host", "evil.example/path"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--allowed-host needs a host name"));
    }

    @Test
    void failsWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, serve("--port", Integer.toString(taken.getLocalPort()), "--quiet"));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void checksItsOptions() {
        PolicyServer.Options defaults = PolicyServer.Options.defaults();
        assertEquals("127.0.0.1", defaults.host());
        assertEquals(65536, defaults.maxBodyBytes());
        assertThrows(IllegalArgumentException.class, () -> defaults.withPort(-1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxBodyBytes(0));
    }
}
