package dev.natssandbox.conformance;

import dev.natssandbox.internal.config.ServerConfig;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.NatsServerProcess.ConfigCheck;
import dev.natssandbox.testsupport.NatsServerProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code nats-server -t -c} (parse and check, then exit) accepts the configurations {@link ServerConfig} writes:
 * the server decodes the operator JWT and verifies every preloaded account JWT, as the tampered-token case shows.
 */
@RequiresNatsServer
class NatsServerConfigIT {
    private Path binary;

    @TempDir
    Path dir;

    @BeforeEach
    void findServer() {
        binary = ExternalTools.natsServer();
    }

    @Test
    void acceptsTheMemoryResolverConfigOfTheWalkthrough() throws IOException {
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test").account("TestAccount", a -> a
                .user("TestUser")
                .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>"))).build());
        String config = ServerConfig.builder(h).render();
        assertTrue(config.contains("resolver: MEMORY"), config);
        assertValid(config);
    }

    @Test
    void acceptsAConfigWithJetStream() throws IOException {
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test").jetStream(true)
                .account("TestAccount", a -> a.user("TestUser")).build());
        assertTrue(h.account("TestAccount").claims().limits().jetStream().isEnabled(),
                "with a JetStream server, accounts get JetStream");
        String config = ServerConfig.builder(h).jetStream(dir.resolve("js")).render();
        assertTrue(config.contains("jetstream: {"), config);
        assertValid(config);
    }

    @Test
    void acceptsSigningKeysScopedKeysExportsAndImportsWithAPrivateExport() throws IOException {
        // Strict operator signing keys, plain and scoped account signing keys, JetStream and tiered limits, every
        // kind of export, imports of public and private (activation token) exports.
        Hierarchy rich = RichClaims.provision(Instant.now());
        assertTrue(rich.operator().spec().strictSigningKeyUsage());
        assertTrue(rich.account("Importer").claims().imports().stream().anyMatch(i -> !i.token().isEmpty()),
                "an import carries an activation token");
        assertValid(ServerConfig.builder(rich).render());
        assertValid(ServerConfig.builder(Provisioner.provision(NatsServerAcceptanceIT.spec())).render());
    }

    @Test
    void acceptsTheOperatorJwtByPath() throws IOException {
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test").account("A", a -> a.user("U")).build());
        Path operator = Files.writeString(dir.resolve("Test.jwt"), h.operator().jwt());
        String config = ServerConfig.builder(h).operatorFile(operator).render();
        assertTrue(!config.contains(h.operator().jwt()), "the operator JWT is referenced, not inlined");
        assertValid(config);
    }

    @Test
    void refusesAConfigWhoseAccountJwtWasTamperedWith() throws IOException {
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test").account("A", a -> a.user("U")).build());
        String jwt = h.account("A").jwt();
        // Re-signed by a stranger: well-formed, but the signature is not the issuer's.
        String[] parts = jwt.split("\\.");
        NatsKeyPair stranger = NatsKeyPair.generate(KeyKind.OPERATOR);
        String forged = parts[0] + "." + parts[1] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(stranger.sign((parts[0] + "." + parts[1]).getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII)));
        ConfigCheck check = check(ServerConfig.builder(h).render().replace(jwt, forged));
        assertNotEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("invalid account JWT"), check.output());
    }

    private void assertValid(String config) throws IOException {
        ConfigCheck check = check(config);
        assertEquals(0, check.exitCode(), "nats-server -t refused the configuration:\n" + check.output()
                + "\n--- configuration ---\n" + config);
        assertTrue(check.output().contains("is valid"), check.output());
    }

    private ConfigCheck check(String config) throws IOException {
        Path file = Files.createTempFile(dir, "server", ".conf");
        Files.writeString(file, config);
        return NatsServerProcess.checkConfig(binary, file);
    }
}
