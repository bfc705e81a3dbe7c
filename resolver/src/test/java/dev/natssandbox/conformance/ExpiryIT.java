package dev.natssandbox.conformance;

import dev.natssandbox.internal.config.ServerConfig;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.OperatorSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.NatsServerProcess;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operator and activation expiry as nats-server treats them: tokens issued two hours ago that expired an hour ago.
 * An expired activation token makes the private import deliver nothing while a public import of the same accounts
 * still works; an expired operator is only reported.
 */
@RequiresNatsServer
class ExpiryIT {
    private static final Clock TWO_HOURS_AGO = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);

    /**
     * nats-server (2.9.10 to 2.15.1 at least) reads the operator's expiry and prints it with the trusted operators,
     * but does not enforce it: users of an expired operator still connect. Only the reference library's Validate
     * (and so nsc) calls such an operator expired.
     */
    @Test
    void theServerPrintsTheOperatorExpiryButStillAdmitsUsersOfAnExpiredOperator(@TempDir Path dir)
            throws Exception {
        SandboxSpec spec = SandboxSpec.operator("Expired")
                .operator(OperatorSpec.named("Expired").withExpires(Duration.ofHours(1)))
                .account("A", a -> a.user("U")).build();
        Hierarchy h = Provisioner.provision(spec, KeySource.generating(), TWO_HOURS_AGO);
        long exp = Jwts.decode(h.operator().jwt()).expires();
        assertEquals(TWO_HOURS_AGO.instant().getEpochSecond() + 3600, exp, "exp of the operator JWT");
        Path config = Files.writeString(dir.resolve("server.conf"), ServerConfig.builder(h).render());
        try (NatsServerProcess server = NatsServerProcess.start(ExternalTools.natsServer(), config, dir)) {
            connect(server, h, "A/U", dir).close();
            String expires = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'")
                    .format(Instant.ofEpochSecond(exp).atOffset(ZoneOffset.UTC));
            String log = Files.readString(server.log());
            assertTrue(log.contains("Expires : " + expires), "the server's trusted-operator lines: " + log);
        }
    }

    @Test
    void anExpiredActivationTokenClosesThePrivateImportOnly(@TempDir Path dir) throws Exception {
        SandboxSpec spec = SandboxSpec.operator("Activations")
                .account("Provider", a -> a.exportService("public.svc")
                        .export(Export.builder("private.svc", ExportType.SERVICE).name("private")
                                .tokenRequired(true).build())
                        .user("Responder"))
                .account("Client", a -> a.importService("Provider", "public.svc")
                        .importing(ImportSpec.builder("Provider", "private.svc", ExportType.SERVICE)
                                .activationExpires(Duration.ofHours(1)).build())
                        .user("Requester"))
                .build();
        Hierarchy h = Provisioner.provision(spec, KeySource.generating(), TWO_HOURS_AGO);
        Path config = Files.writeString(dir.resolve("server.conf"), ServerConfig.builder(h).render());
        try (NatsServerProcess server = NatsServerProcess.start(ExternalTools.natsServer(), config, dir);
             Connection responder = connect(server, h, "Provider/Responder", dir);
             Connection requester = connect(server, h, "Client/Requester", dir)) {
            // Synchronous subscriptions: the reader thread queues a message before it handles a later PONG, so the
            // pending counts are final once the flushes return (a dispatcher would deliver on a thread of its own).
            Subscription publicSvc = responder.subscribe("public.svc");
            Subscription privateSvc = responder.subscribe("private.svc");
            responder.flush(Duration.ofSeconds(10));
            requester.publish("private.svc", "reply.private", new byte[0]);
            requester.publish("public.svc", "reply.public", new byte[0]);
            // Ordering decides: what the server delivers for the requester's messages reaches the responder before
            // the PONG of the responder's flush that follows the requester's.
            requester.flush(Duration.ofSeconds(10));
            responder.flush(Duration.ofSeconds(10));
            assertEquals(1, publicSvc.getPendingMessageCount(), "the public import delivers");
            assertEquals(0, privateSvc.getPendingMessageCount(),
                    "the private import does not deliver: its activation expired an hour ago");
        }
    }

    private static Connection connect(NatsServerProcess server, Hierarchy h, String user, Path dir)
            throws Exception {
        Path creds = h.user(user).creds().write(dir.resolve(user.replace('/', '-') + ".creds"));
        return Nats.connect(new Options.Builder().server(server.url()).noReconnect()
                .authHandler(Nats.credentials(creds.toString())).build());
    }
}
