package dev.natssandbox.sandbox;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that answers a connect with {@code Authentication Timeout} (a busy machine's client was too slow) is tried
 * again; a refusal that persists is reported with the attempts; a real refusal is not retried. A stand-in in front
 * of a real server refuses the first connections exactly as nats-server does, so nothing depends on timing.
 */
@RequiresNatsServer
class TransientRefusalIT {
    @TempDir
    Path base;

    private Sandbox sandbox;
    private RefusingProxy proxy;

    @AfterEach
    void close() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void start(int refusals) throws IOException {
        sandbox = Sandbox.builder(SandboxSpec.operator("Busy").account("App", a -> a
                .user("alice", u -> u.allowPub("alice.>")).user("gone", u -> u.revoked(true))).build())
                .baseDirectory(base).start();
        proxy = new RefusingProxy(sandbox.port(), refusals);
    }

    @Test
    void anAuthenticationTimeoutIsTriedAgainUntilTheConnectionSucceeds() throws Exception {
        start(2);
        SandboxConnections connections = new SandboxConnections();
        try {
            Connection alice = connections.connect(proxy.url(), sandbox.hierarchy(),
                    sandbox.hierarchy().user("alice"), null);
            assertEquals(List.of(), Wire.errorsOf(alice, () -> alice.publish("alice.x", new byte[0])));
            assertEquals(3, proxy.accepted(), "two refused attempts, then the one that got through");
        } finally {
            connections.closeAll();
        }
    }

    @Test
    void anAuthenticationTimeoutThatPersistsIsReportedWithTheAttempts() throws Exception {
        start(Integer.MAX_VALUE);
        SandboxConnections connections = new SandboxConnections();
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, () -> connections.connect(
                proxy.url(), sandbox.hierarchy(), sandbox.hierarchy().user("alice"), null));
        assertEquals(SandboxConnections.MAX_ATTEMPTS, proxy.accepted());
        assertTrue(e.getMessage().startsWith("server refused the connection of user [App/alice] on each of "
                + SandboxConnections.MAX_ATTEMPTS + " attempts: "), e.getMessage());
        assertTrue(e.serverMessage().contains("Authentication Timeout"), e.serverMessage());
    }

    @Test
    void aRealRefusalIsNotTriedAgain() throws Exception {
        start(0);
        SandboxConnections connections = new SandboxConnections();
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, () -> connections.connect(
                proxy.url(), sandbox.hierarchy(), sandbox.hierarchy().user("gone"), null));
        assertTrue(e.getMessage().startsWith("server refused the connection of user [App/gone]: "), e.getMessage());
        assertEquals(1, proxy.accepted());
    }

    @Test
    void theSandboxGivesClientsAGenerousAuthenticationTimeout() throws Exception {
        start(0);
        assertTrue(Files.readString(sandbox.directory().resolve("server.conf"))
                .contains("authorization: { timeout: 10.0 }"));
    }

    /**
     * Refuses its first connections as nats-server does when a client is slow (INFO, then
     * {@code -ERR 'Authentication Timeout'} and close), then passes connections through to the real server.
     */
    static final class RefusingProxy implements AutoCloseable {
        private final ServerSocket socket;
        private final int target;
        private final AtomicInteger refusalsLeft;
        private final AtomicInteger accepted = new AtomicInteger();

        RefusingProxy(int target, int refusals) throws IOException {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.target = target;
            this.refusalsLeft = new AtomicInteger(refusals);
            daemon(this::acceptLoop);
        }

        String url() {
            return "nats://127.0.0.1:" + socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    accepted.incrementAndGet();
                    if (refusalsLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : n - 1) > 0) {
                        daemon(() -> refuse(client));
                    } else {
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                        daemon(() -> pump(client, server));
                        daemon(() -> pump(server, client));
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void refuse(Socket client) {
            try (client) {
                OutputStream out = client.getOutputStream();
                out.write(("INFO {\"server_id\":\"STANDIN\",\"version\":\"2.10.0\",\"proto\":1,\"host\":\"127.0.0.1\","
                        + "\"port\":4222,\"max_payload\":1048576,\"auth_required\":true,\"nonce\":\"bm9uY2U\"}\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // The server's timer fired just as the client's CONNECT crossed it on the wire: the client reads the
                // -ERR after its CONNECT, then the connection closes.
                InputStream in = client.getInputStream();
                StringBuilder received = new StringBuilder();
                for (int b; !received.toString().contains("PING\r\n") && (b = in.read()) >= 0; ) {
                    received.append((char) b);
                }
                out.write("-ERR 'Authentication Timeout'\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the client went first
            }
        }

        private static void pump(Socket from, Socket to) {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // one side closed
            }
        }

        private static void daemon(Runnable r) {
            Thread t = new Thread(r, "refusing-proxy");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
