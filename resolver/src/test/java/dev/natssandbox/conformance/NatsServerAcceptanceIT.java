package dev.natssandbox.conformance;

import dev.natssandbox.internal.config.ServerConfig;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.OperatorSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.testsupport.DirectExecutorService;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.NatsServerProcess;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real nats-server (memory resolver, configuration from {@link ServerConfig}) and jnats clients holding our creds
 * files: what the tokens allow works, what they deny is refused. Denials are decided by protocol order: the server
 * answers a connection's lines in order, so an {@code -ERR} for a publish or subscribe reaches the client before
 * the {@code PONG} of a later {@code flush()}, and a message that was to be delivered reaches its subscriber before
 * the {@code PONG} of the subscriber's own later flush. No sleeps, no timeouts decide a negative.
 */
@RequiresNatsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// jnats' Connection.close() declares InterruptedException; try-with-resources lets it propagate, as intended.
@SuppressWarnings("try")
class NatsServerAcceptanceIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    // jnats waits out its whole connection timeout when the server refuses the credentials.
    private static final Duration REFUSED_WAIT = Duration.ofSeconds(5);

    private Hierarchy hierarchy;
    private NatsServerProcess server;
    private Path dir;

    /**
     * The walkthrough's TestAccount (TestUser, TestService, TestClient) plus a scoped signing key's user, a revoked
     * and an expired user, and service imports (public, and private with an activation token) from Provider. The
     * operator signs accounts with a signing key. (Not strict: with strict signing key usage nats-server also refuses
     * users signed by their account's identity key, which is how these users are signed.)
     */
    static SandboxSpec spec() {
        UserPermissionLimits scopedTemplate = UserPermissionLimits.builder().allowPub("scoped.out")
                .allowSub("scoped.in").build();
        return SandboxSpec.operator(OperatorSpec.builder("Test").signingKeys(1).build())
                .account("TestAccount", a -> a
                        .user("TestUser")
                        .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                        .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>"))
                        .signingKey(SigningKeySpec.scoped("scoped", scopedTemplate))
                        .user("ScopedUser", u -> u.signingKey("scoped"))
                        .user("RevokedUser", u -> u.revoked(true))
                        .user("ExpiredUser", u -> u.expires(Duration.ofHours(1)))
                        .importService("Provider", "svc.time")
                        .importing(ImportSpec.of("Provider", "private.svc", ExportType.SERVICE)))
                .account("Provider", a -> a
                        .exportService("svc.time")
                        .export(Export.builder("private.svc", ExportType.SERVICE).name("private")
                                .tokenRequired(true).build())
                        .user("Responder"))
                .build();
    }

    @BeforeAll
    void startServer(@TempDir Path dir) throws Exception {
        Path binary = ExternalTools.natsServer();
        this.dir = dir;
        // Issued two hours ago, so that ExpiredUser's one-hour JWT has expired by now.
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        hierarchy = Provisioner.provision(spec(), KeySource.generating(), twoHoursAgo);
        // Debug logging: the log then says why a connection was refused (the client only hears
        // "Authorization Violation"), and the server writes that line before it answers the client.
        Path config = Files.writeString(dir.resolve("server.conf"),
                ServerConfig.builder(hierarchy).extra("debug: true").render());
        server = NatsServerProcess.start(binary, config, dir);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void testUserPublishesNatsOnHelloAndASubscriberToEverythingReceivesIt() throws Exception {
        try (Connection subscriber = connect("TestUser", new CopyOnWriteArrayList<>());
             Connection publisher = connect("TestUser", new CopyOnWriteArrayList<>())) {
            Subscription everything = subscriber.subscribe(">");
            subscriber.flush(WAIT);
            publisher.publish("hello", "NATS".getBytes(StandardCharsets.UTF_8));
            publisher.flush(WAIT);
            Message m = everything.nextMessage(WAIT);
            assertNotNull(m, "no message on [hello] within " + WAIT + "; server log:\n" + log());
            assertEquals("hello", m.getSubject());
            assertEquals("NATS", new String(m.getData(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void testClientsRequestOnReqAReachesTestServiceAndItsReplyComesBack() throws Exception {
        List<String> serviceErrors = new CopyOnWriteArrayList<>();
        List<String> clientErrors = new CopyOnWriteArrayList<>();
        try (Connection service = connect("TestService", serviceErrors);
             Connection client = connect("TestClient", clientErrors)) {
            service.createDispatcher(m -> service.publish(m.getReplyTo(),
                    ("re: " + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)))
                    .subscribe("req.a");
            service.flush(WAIT);
            Message reply = client.request("req.a", "ping".getBytes(StandardCharsets.UTF_8), WAIT);
            assertNotNull(reply, "no reply to [req.a] within " + WAIT + "; server log:\n" + log());
            assertEquals("re: ping", new String(reply.getData(), StandardCharsets.UTF_8));
            client.flush(WAIT);
            service.flush(WAIT);
            assertEquals(List.of(), clientErrors, "errors on TestClient's connection");
            assertEquals(List.of(), serviceErrors, "errors on TestService's connection");
        }
    }

    @Test
    void testClientMayNotPublishOnReqB() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection watcher = connect("TestUser", new CopyOnWriteArrayList<>());
             Connection client = connect("TestClient", errors)) {
            Subscription requests = watcher.subscribe("req.*");
            watcher.flush(WAIT);
            client.publish("req.b", "denied".getBytes(StandardCharsets.UTF_8));
            client.publish("req.a", "allowed".getBytes(StandardCharsets.UTF_8));
            client.flush(WAIT);
            assertEquals(List.of("Permissions Violation for Publish to \"req.b\""), errors,
                    "errors TestClient's ErrorListener saw before flush() returned");

            watcher.flush(WAIT);
            Message first = requests.nextMessage(WAIT);
            assertNotNull(first, "the allowed publish on [req.a] did not arrive; server log:\n" + log());
            assertEquals("req.a", first.getSubject(), "the denied [req.b] must not be delivered before [req.a]");
            assertEquals(0, requests.getPendingMessageCount(), "nothing else was delivered");
        }
    }

    @Test
    void aScopedSigningKeysUserGetsTheTemplatesPermissions() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection watcher = connect("TestUser", new CopyOnWriteArrayList<>());
             Connection scoped = connect("ScopedUser", errors)) {
            Subscription out = watcher.subscribe("scoped.out");
            watcher.flush(WAIT);
            Subscription in = scoped.subscribe("scoped.in");
            scoped.subscribe("elsewhere");
            scoped.publish("scoped.out", "allowed".getBytes(StandardCharsets.UTF_8));
            scoped.publish("elsewhere", "denied".getBytes(StandardCharsets.UTF_8));
            scoped.flush(WAIT);
            assertEquals(List.of("Permissions Violation for Subscription to \"elsewhere\"",
                    "Permissions Violation for Publish to \"elsewhere\""), errors,
                    "the user JWT carries no permissions: the template's allow lists apply");
            assertNotNull(out.nextMessage(WAIT), "the template allows publishing on [scoped.out]");
            watcher.publish("scoped.in", "to scoped".getBytes(StandardCharsets.UTF_8));
            watcher.flush(WAIT);
            assertNotNull(in.nextMessage(WAIT), "the template allows subscribing to [scoped.in]");
        }
    }

    @Test
    void servicesImportedFromAnotherAccountAnswerPublicAndPrivate() throws Exception {
        try (Connection responder = connect("Responder", new CopyOnWriteArrayList<>());
             Connection user = connect("TestUser", new CopyOnWriteArrayList<>())) {
            var dispatcher = responder.createDispatcher(m -> responder.publish(m.getReplyTo(),
                    ("from Provider: " + m.getSubject()).getBytes(StandardCharsets.UTF_8)));
            dispatcher.subscribe("svc.time");
            dispatcher.subscribe("private.svc");
            responder.flush(WAIT);
            for (String subject : List.of("svc.time", "private.svc")) {
                Message reply = user.request(subject, new byte[0], WAIT);
                assertNotNull(reply, "no reply through the import of [" + subject + "]; server log:\n" + log());
                assertEquals("from Provider: " + subject, new String(reply.getData(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aRevokedUserIsRefusedAtConnect() throws Exception {
        assertRefused("RevokedUser", "User authentication revoked");
    }

    @Test
    void anExpiredUserIsRefusedAtConnect() throws Exception {
        long exp = hierarchy.issuedAt().plus(Duration.ofHours(1)).getEpochSecond();
        assertTrue(exp < Instant.now().getEpochSecond(), "ExpiredUser's JWT should have expired at " + exp);
        assertRefused("ExpiredUser", "User JWT no longer valid: &{Issues:[claim is expired]}");
    }

    private void assertRefused(String user, String reason) throws Exception {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> connect(user, new CopyOnWriteArrayList<>(), REFUSED_WAIT).close());
        assertTrue(e.getMessage().contains("Authorization Violation"), e.getMessage());
        assertTrue(Files.readString(server.log()).contains(" - " + reason + "\n"),
                "the server log gives no reason [" + reason + "] for refusing " + user + ":\n" + log());
    }

    private Connection connect(String user, List<String> errors) throws Exception {
        return connect(user, errors, WAIT);
    }

    private Connection connect(String user, List<String> errors, Duration timeout) throws Exception {
        Path creds = dir.resolve(user + ".creds");
        if (!Files.exists(creds)) {
            hierarchy.user(user).creds().write(creds);
        }
        Options options = new Options.Builder()
                .server(server.url())
                .authHandler(Nats.credentials(creds.toString()))
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                })
                .callbackExecutor(new DirectExecutorService())
                .connectionTimeout(timeout)
                .noReconnect()
                .build();
        return Nats.connect(options);
    }

    private String log() {
        return NatsServerProcess.tail(server.log());
    }
}
