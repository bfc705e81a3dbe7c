package dev.natssandbox.cli;

import dev.natssandbox.creds.Creds;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nats-sandbox up} as a user runs it: a process in the foreground, stopped with SIGTERM. */
@RequiresNatsServer
class UpCommandIT {
    static final String SEED = """
            operator: {name: Test}
            accounts:
              TestAccount:
                users:
                  TestUser: {}
                  TestService: {pub: {allow: ["_INBOX.>"]}, sub: {allow: [req.a]}}
                  TestClient: {pub: {allow: [req.a]}, sub: {allow: ["_INBOX.>"]}}
            """;
    private static final Duration SAFETY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Starts {@code up} and returns once it printed that it is ready. */
    private CliProcess up(String... args) {
        CliProcess up = CliProcess.start(dir, args);
        up.awaitStdout(l -> l.startsWith("Press Ctrl-C"), "the 'Press Ctrl-C' line");
        return up;
    }

    private static String value(CliProcess p, String prefix) {
        return p.awaitStdout(l -> l.startsWith(prefix), "a line starting with [" + prefix + "]")
                .substring(prefix.length()).strip();
    }

    private static Path creds(CliProcess p, String user) {
        return Path.of(value(p, "  TestAccount/" + user + ": "));
    }

    private static String publicKey(Path creds) throws Exception {
        return Jwts.decode(Creds.parse(Files.readString(creds), creds.toString()).jwt()).subject();
    }

    /** Connects with a creds file, subscribes and publishes; returns what the subscription received. */
    private static String roundTrip(String url, Path creds, String subject) throws Exception {
        Options options = new Options.Builder().server(url).authHandler(Nats.credentials(creds.toString()))
                .noReconnect().build();
        try (Connection c = Nats.connect(options)) {
            Subscription sub = c.subscribe(subject);
            c.publish(subject, "hello".getBytes(StandardCharsets.UTF_8));
            // The server queues the message for the subscriber before it answers the flush's PING.
            c.flush(SAFETY);
            Message m = sub.nextMessage(SAFETY);
            assertNotNull(m, "the message published to [" + subject + "] did not come back");
            return new String(m.getData(), StandardCharsets.UTF_8);
        }
    }

    private static void stop(CliProcess up) {
        // SIGTERM, as Process.destroy() sends it; unlike Process.destroy(), this keeps the output streams open so
        // that what up prints while stopping can be read.
        up.process().toHandle().destroy();
        assertEquals(0, up.awaitExit(), up::transcript);
        assertTrue(up.stdout().contains("\nStopped.\n"), up::transcript);
    }

    /**
     * A terminal's Ctrl-C signals the whole foreground process group, nats-server included, so the server may exit
     * on the signal before up stops it: that is no failure, and up still removes everything, as the README says.
     */
    @Test
    void ctrlCThatAlsoReachesTheServerRemovesEverything() throws Exception {
        Path spec = Files.writeString(dir.resolve("seed.yaml"), SEED);
        try (CliProcess up = up("up", "--spec", spec.toString())) {
            List<ProcessHandle> servers = up.process().descendants()
                    .filter(h -> h.info().command().orElse("").endsWith("nats-server")).toList();
            assertEquals(1, servers.size(), up::transcript);
            Path sandboxDir = Path.of(value(up, "Directory: "));

            // The server first, so that it is on its way out when up hears the signal.
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(servers.get(0).pid()),
                    String.valueOf(up.process().pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());

            assertEquals(0, up.awaitExit(), up::transcript);
            assertTrue(up.stdout().contains("\nStopped.\n"), up::transcript);
            assertFalse(up.stdout().contains("Kept "), up::transcript);
            assertFalse(Files.exists(sandboxDir), "the temporary directory " + sandboxDir + " outlived up");
        }
    }

    @Test
    void servesThePrintedCredsUntilSigtermThenStopsItsServerAndExitsZero() throws Exception {
        Path spec = Files.writeString(dir.resolve("seed.yaml"), SEED);
        try (CliProcess up = up("up", "--spec", spec.toString())) {
            List<ProcessHandle> servers = up.process().descendants()
                    .filter(h -> h.info().command().orElse("").endsWith("nats-server")).toList();
            assertEquals(1, servers.size(), () -> "nats-server processes under up: " + servers + "\n"
                    + up.transcript());
            String url = value(up, "Server URL: ");
            Path sandboxDir = Path.of(value(up, "Directory: "));
            Path creds = creds(up, "TestUser");
            assertTrue(creds.startsWith(sandboxDir), creds::toString);

            assertEquals("hello", roundTrip(url, creds, "greetings"));

            stop(up);
            assertFalse(servers.get(0).isAlive(), "nats-server " + servers.get(0).pid() + " outlived up");
            assertFalse(Files.exists(sandboxDir), "the temporary directory " + sandboxDir + " outlived up");
            assertTrue(up.stderr().contains("Starting nats-server"), up::transcript);
            assertFalse(up.stdout().contains("Starting nats-server (launcher"), "progress belongs on stderr");
        }
    }

    @Test
    void aServerThatDiesLeavesTheLogItCitesInPlace() throws Exception {
        Path spec = Files.writeString(dir.resolve("seed.yaml"), SEED);
        try (CliProcess up = up("up", "--spec", spec.toString())) {
            Path sandboxDir = Path.of(value(up, "Directory: "));
            Path log = Path.of(value(up, "Log: "));
            ProcessHandle server = up.process().descendants()
                    .filter(h -> h.info().command().orElse("").endsWith("nats-server")).findFirst().orElseThrow();
            server.destroyForcibly();

            assertEquals(1, up.awaitExit(), up::transcript);
            assertTrue(up.stderr().contains("log: " + log), up::transcript);
            assertTrue(Files.isRegularFile(log), "the log the error cites is gone: " + log);
            assertTrue(up.stdout().contains("Kept " + sandboxDir + " for the log " + log), up::transcript);
            dev.natssandbox.internal.util.SecureFiles.deleteRecursively(sandboxDir);
        }
    }

    @Test
    void aDirKeepsIdentitiesAcrossRunsAndAppliesAChangedSpec() throws Exception {
        Path state = dir.resolve("state");
        Path first = Files.writeString(dir.resolve("first.yaml"), SEED);
        String clientKey;
        Path savedClientCreds = dir.resolve("TestClient-from-first-run.creds");
        try (CliProcess up = up("up", "--spec", first.toString(), "--dir", state.toString())) {
            assertTrue(up.stderr().contains("Creating identities in " + state), up::transcript);
            Path clientCreds = creds(up, "TestClient");
            clientKey = publicKey(clientCreds);
            Files.copy(clientCreds, savedClientCreds);
            assertTrue(Files.exists(creds(up, "TestUser")));
            stop(up);
        }
        Path removedUserCreds = state.resolve("keys/creds/Test/TestAccount/TestUser.creds");
        assertTrue(Files.exists(removedUserCreds), "the first run should have left its creds in " + state);

        Path second = Files.writeString(dir.resolve("second.yaml"), SEED
                .replace("      TestUser: {}\n", "")
                + "      NewUser: {pub: {allow: [\"news.>\"]}, sub: {allow: [\"news.>\"]}}\n");
        try (CliProcess up = up("up", "--spec", second.toString(), "--dir", state.toString())) {
            assertTrue(up.stderr().contains("Reusing identities in " + state), up::transcript);
            String url = value(up, "Server URL: ");
            assertEquals(clientKey, publicKey(creds(up, "TestClient")), "TestClient got a new key");

            // Creds handed out by the first run still connect: same keys, and the account is the same.
            Options options = new Options.Builder().server(url)
                    .authHandler(Nats.credentials(savedClientCreds.toString())).noReconnect().build();
            try (Connection c = Nats.connect(options)) {
                c.publish("req.a", new byte[0]);
                c.flush(SAFETY);
                assertEquals(Connection.Status.CONNECTED, c.getStatus());
            }

            Path newUser = creds(up, "NewUser");
            assertTrue(Files.exists(newUser), newUser::toString);
            assertEquals("hello", roundTrip(url, newUser, "news.today"));
            assertFalse(Files.exists(removedUserCreds), "the removed user's creds are still in " + state);
            assertFalse(up.stdout().contains("TestAccount/TestUser:"), up::transcript);
            stop(up);
        }
    }

    @Test
    void urlResolverModeServesAccountsFromTheJvmWithoutPreloads() throws Exception {
        Path spec = Files.writeString(dir.resolve("url.yaml"), SEED.replace("operator: {name: Test}\n",
                "operator: {name: Test}\nserver: {resolver: url}\n"));
        try (CliProcess up = up("up", "--spec", spec.toString())) {
            String url = value(up, "Server URL: ");
            String config = Files.readString(Path.of(value(up, "Directory: ")).resolve("server.conf"));
            assertTrue(config.contains("resolver: URL(http://127.0.0.1:"), config);
            assertFalse(config.contains("resolver_preload"), config);

            // The server fetches TestAccount from the JVM when the first of its users connects.
            assertEquals("hello", roundTrip(url, creds(up, "TestUser"), "greetings"));
            assertDenied(url, creds(up, "TestClient"), "req.b");
            stop(up);
        }
    }

    @Test
    void runsAnNscEnvironmentAndTheCredsItIssuedConnectWithTheirPermissions() throws Exception {
        // An nsc environment as nsc lays it out: what generate writes (stores/ and keys/, creds under keys/creds).
        Path spec = Files.writeString(dir.resolve("seed.yaml"), SEED);
        Path nsc = dir.resolve("nsc");
        CliProcess generate = CliProcess.run(dir, "generate", "--spec", spec.toString(), "--out", nsc.toString());
        assertEquals(0, generate.awaitExit(), generate::transcript);
        Path issued = nsc.resolve("keys/creds/Test/TestAccount");

        try (CliProcess up = up("up", "--nsc-store", nsc.resolve("stores").toString(), "--nsc-keys",
                nsc.resolve("keys").toString())) {
            String url = value(up, "Server URL: ");
            assertEquals(publicKey(issued.resolve("TestClient.creds")), publicKey(creds(up, "TestClient")),
                    "the sandbox runs the environment's own identities");

            assertEquals("hello", roundTrip(url, issued.resolve("TestUser.creds"), "greetings"));
            assertDenied(url, issued.resolve("TestClient.creds"), "req.b");
            stop(up);
        }
        assertTrue(Files.exists(issued.resolve("TestClient.creds")), "up leaves the nsc environment alone");
    }

    /** Publishes with a creds file: the server's refusal arrives before the PONG of the flush that follows. */
    private static void assertDenied(String url, Path creds, String subject) throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        Options options = new Options.Builder().server(url).authHandler(Nats.credentials(creds.toString()))
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                })
                .noReconnect().build();
        try (Connection c = Nats.connect(options)) {
            c.publish(subject, new byte[0]);
            c.flush(SAFETY);
            // jnats reports errors on its callback thread: a task queued behind them runs after they were recorded.
            c.getOptions().getCallbackExecutor().submit(() -> { }).get();
        }
        assertTrue(errors.contains("Permissions Violation for Publish to \"" + subject + "\""),
                () -> "expected a refusal of [" + subject + "], got " + errors);
    }

    @Test
    void anInvalidSpecExitsOneNamingFileLineAndPath() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), SEED.replace("{pub: {allow: [req.a]}",
                "{pubb: {allow: [req.a]}"));
        CliProcess up = CliProcess.run(dir, "up", "--spec", spec.toString());
        assertEquals(1, up.awaitExit(), up::transcript);
        assertTrue(up.stderr().contains("invalid input: " + spec + ":7: accounts.TestAccount.users.TestClient.pubb: "
                + "unknown key [pubb]"), up::transcript);
    }

    @Test
    void anUnknownLauncherIsAUsageError() {
        CliProcess up = CliProcess.run(dir, "up", "--spec", "x.yaml", "--launcher", "podman");
        assertEquals(2, up.awaitExit(), up::transcript);
        assertTrue(up.stderr().contains("--launcher [podman] must be auto, binary or docker"), up::transcript);
    }
}
