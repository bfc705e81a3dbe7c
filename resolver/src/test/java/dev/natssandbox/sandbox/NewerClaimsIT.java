package dev.natssandbox.sandbox;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.internal.server.BinaryLauncher;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.server.ServerVersion;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims that came after 2022, against the nats-server under test ({@code NATS_SERVER_PATH}; CI runs this on
 * 2.9.10, 2.10 and the newest): where that server acts on a claim, what it does; where it is too old to know it, the
 * sandbox refuses the spec before launching, with the exact message.
 */
@RequiresNatsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewerClaimsIT {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private Path binary;
    private ServerVersion version;

    @BeforeAll
    void findServer() {
        binary = ExternalTools.natsServer();
        version = new BinaryLauncher(binary, ServerFinder.system()).version()
                .orElseThrow(() -> new AssertionError(binary + " --version gave no version"));
    }

    private Sandbox start(SandboxSpec spec, Path base) {
        return Sandbox.builder(spec).serverPath(binary).baseDirectory(base).start();
    }

    private static SandboxSpec everyNewerFeature() {
        return SandboxSpec.operator("Newer")
                .account("A", a -> a.trace("trace.a", 100).clusterTraffic("owner")
                        .user("Plain")
                        .user("Proxied", u -> u.proxyRequired(true))
                        .user("InProcess", u -> u.allowedConnectionTypes("IN_PROCESS")))
                .build();
    }

    @Test
    void aServerTooOldForAClaimIsRefusedBeforeItRunsAndANewOneActsOnEachClaim(@TempDir Path base)
            throws Exception {
        List<String> refused = new ArrayList<>();
        if (!version.isAtLeast(new ServerVersion(2, 11, 0))) {
            refused.add("message tracing at [accounts.A.trace] needs nats-server 2.11.0 or newer");
            refused.add("cluster_traffic at [accounts.A.cluster_traffic] needs nats-server 2.11.0 or newer");
        }
        if (!version.isAtLeast(new ServerVersion(2, 12, 0))) {
            refused.add("proxy_required at [accounts.A.users.Proxied.proxy_required] needs nats-server 2.12.0 or "
                    + "newer");
        }
        if (!version.isAtLeast(new ServerVersion(2, 11, 0))) {
            refused.add("connection type IN_PROCESS at [accounts.A.users.InProcess.allowed_connection_types] needs "
                    + "nats-server 2.11.0 or newer");
        }
        if (!refused.isEmpty()) {
            ServerTooOldException e = assertThrows(ServerTooOldException.class,
                    () -> start(everyNewerFeature(), base));
            assertEquals("the spec uses claims that nats-server " + version + " (binary [" + binary.toAbsolutePath()
                    + "]) does not know and would silently ignore: " + String.join("; ", refused) + ". To fix: run "
                    + "nats-server 2.12.0 or newer (NATS_SERVER_PATH, or the sandbox's server path or Docker "
                    + "image), or remove these claims from the spec", e.getMessage());
            assertEquals(version, e.serverVersion());
            assertEquals(new ServerVersion(2, 12, 0), e.minimumVersion());
            try (Stream<Path> left = Files.list(base)) {
                assertEquals(List.of(), left.toList(), "nothing written before the refusal");
            }
            return;
        }
        try (Sandbox sandbox = start(everyNewerFeature(), base)) {
            sandbox.connect("A/Plain").close();
            ConnectionRefusedException proxied = assertThrows(ConnectionRefusedException.class,
                    () -> sandbox.connect("A/Proxied"));
            assertTrue(proxied.getMessage().contains("Authorization Violation"), proxied.getMessage());
            ConnectionRefusedException inProcess = assertThrows(ConnectionRefusedException.class,
                    () -> sandbox.connect("A/InProcess"));
            assertTrue(inProcess.getMessage().contains("Authorization Violation"), inProcess.getMessage());
        }
    }

    @Test
    void theServerPublishesATraceOfASampledMessageToTheAccountsTraceDestination(@TempDir Path base)
            throws Exception {
        SandboxSpec spec = SandboxSpec.operator("Tracing")
                .account("A", a -> a.trace("trace.a", 100).user("Publisher").user("Watcher")).build();
        if (!version.isAtLeast(new ServerVersion(2, 11, 0))) {
            ServerTooOldException e = assertThrows(ServerTooOldException.class, () -> start(spec, base));
            assertEquals(List.of("accounts.A.trace"), e.features());
            return;
        }
        try (Sandbox sandbox = start(spec, base)) {
            Connection watcher = sandbox.connect("A/Watcher");
            Subscription traces = watcher.subscribe("trace.a");
            watcher.flush(Duration.ofSeconds(10));
            Connection publisher = sandbox.connect("A/Publisher");
            Headers headers = new Headers().put("traceparent", TRACEPARENT);
            publisher.publish("orders.new", headers, "x".getBytes(StandardCharsets.UTF_8));
            publisher.flush(Duration.ofSeconds(10));
            // The server sends the trace event on its own internal queue after handling the message: awaited.
            Message trace = traces.nextMessage(Duration.ofSeconds(10));
            assertNotNull(trace, "no trace event on the account's trace destination within 10 s");
            String event = new String(trace.getData(), StandardCharsets.UTF_8);
            assertTrue(event.contains("\"type\":\"in\"") && event.contains("\"subj\":\"orders.new\"")
                    && event.contains(TRACEPARENT), "the trace event of the published message: " + event);
        }
    }

    @Test
    void anAccountWhoseNotBeforeIsInTheFutureAdmitsNoUserUntilThen(@TempDir Path base) throws Exception {
        SandboxSpec spec = SandboxSpec.operator("NotYet")
                .account("Later", a -> a.notBefore(Instant.now().plus(Duration.ofHours(1))).user("U"))
                .account("Now", a -> a.notBefore(Instant.now().minus(Duration.ofHours(1))).user("U"))
                .build();
        try (Sandbox sandbox = start(spec, base)) {
            sandbox.connect("Now/U").close();
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                    () -> sandbox.connect("Later/U"));
            assertTrue(e.getMessage().contains("Authorization Violation"), e.getMessage());
        }
    }

    @Test
    void aRevocationAtAChosenTimeRefusesOnlyJwtsIssuedUpToThatTime(@TempDir Path base) throws Exception {
        SandboxSpec spec = SandboxSpec.operator("Revoking")
                .account("A", a -> a
                        .user("RevokedFromNowOn", u -> u.revokedAt(Instant.now().plus(Duration.ofHours(1))))
                        .user("RevokedLastYear", u -> u.revokedAt(Instant.now().minus(Duration.ofDays(365)))))
                .build();
        try (Sandbox sandbox = start(spec, base)) {
            sandbox.connect("A/RevokedLastYear").close();
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                    () -> sandbox.connect("A/RevokedFromNowOn"));
            assertTrue(e.getMessage().contains("Authorization Violation"), e.getMessage());
        }
    }

    @Test
    void anOperatorAndAnActivationThatExpireLaterAreAcceptedAndTheImportWorks(@TempDir Path base)
            throws Exception {
        SandboxSpec spec = SandboxSpec.operator("Expiring")
                .operator(dev.natssandbox.model.OperatorSpec.named("Expiring").withExpires(Duration.ofDays(1)))
                .account("Provider", a -> a.export(Export.builder("private.svc", ExportType.SERVICE).name("private")
                        .tokenRequired(true).revocations(java.util.Map.of()).build())
                        .user("Responder"))
                .account("Client", a -> a.importing(ImportSpec.builder("Provider", "private.svc", ExportType.SERVICE)
                        .activationExpires(Duration.ofHours(1)).build())
                        .user("Requester"))
                .build();
        try (Sandbox sandbox = start(spec, base)) {
            Jwt operator = Jwts.decode(sandbox.hierarchy().operator().jwt());
            assertEquals(operator.issuedAt() + 86_400, operator.expires(), "the operator JWT the server runs with");
            Connection responder = sandbox.connect("Provider/Responder");
            responder.createDispatcher(m -> responder.publish(m.getReplyTo(),
                    "pong".getBytes(StandardCharsets.UTF_8))).subscribe("private.svc");
            responder.flush(Duration.ofSeconds(10));
            Message reply = sandbox.connect("Client/Requester").request("private.svc", new byte[0],
                    Duration.ofSeconds(10));
            assertNotNull(reply, "no reply through the import whose activation expires in an hour");
            assertEquals("pong", new String(reply.getData(), StandardCharsets.UTF_8));
        }
    }
}
