package dev.natssandbox.callout;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.ServerTooOldException;
import dev.natssandbox.server.ServerVersion;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.NatsServerProcess;
import dev.natssandbox.testsupport.RequiresNatsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * On nats-server before 2.10 (2.9.10 in the matrix): a sandbox refuses a spec with the account {@code authorization}
 * claim before launching, the service refuses such a server, and the server itself rejects the config-mode block.
 */
@RequiresNatsServer
class CalloutUnsupportedIT {
    private static ServerVersion assumeNoAuthCallout() {
        ServerVersion version = ExternalTools.natsServerVersion();
        assumeFalse(CalloutUnsupportedException.supports(version), "server " + version + " has auth callout");
        return version;
    }

    @Test
    void aSandboxRefusesTheAuthorizationClaimAtStartNamingItTheVersionAndTheMinimum() {
        ServerVersion version = assumeNoAuthCallout();

        ServerTooOldException e = assertThrows(ServerTooOldException.class,
                () -> Sandbox.start(CalloutOperatorModeIT.spec(false)).close());

        assertEquals(List.of("accounts.AUTH.authorization"), e.features());
        assertEquals(version, e.serverVersion());
        assertEquals(CalloutUnsupportedException.MINIMUM_VERSION, e.minimumVersion());
        assertTrue(e.getMessage().contains("nats-server " + version + " ("), e.getMessage());
        assertTrue(e.getMessage().contains("auth callout (the account authorization claim) at "
                + "[accounts.AUTH.authorization] needs nats-server 2.10.0 or newer"), e.getMessage());
    }

    @Test
    void theServiceRefusesAServerOlderThan210NamingItsVersion(@TempDir Path dir) throws IOException {
        ServerVersion version = assumeNoAuthCallout();
        Path config = Files.writeString(dir.resolve("plain.conf"), """
                host: 127.0.0.1
                port: -1
                authorization { users: [ { user: auth, password: "auth-pw" } ] }
                """);
        try (NatsServerProcess server = NatsServerProcess.start(ExternalTools.natsServer(), config, dir)) {
            CalloutEnvironment env = CalloutEnvironment.config(server.url(), "auth", "auth-pw".toCharArray(),
                    NatsKeyPair.generate(KeyKind.ACCOUNT), null);

            CalloutUnsupportedException e = assertThrows(CalloutUnsupportedException.class,
                    () -> CalloutService.start(env, CalloutOperatorModeIT.HANDLER).close());

            assertTrue(e.getMessage().contains("is version [" + version + "]"), e.getMessage());
            assertTrue(e.getMessage().contains("needs nats-server 2.10.0 or newer"), e.getMessage());
        }
    }

    @Test
    void inConfigModeTheOldServerItselfRejectsTheBlock(@TempDir Path dir) {
        assumeNoAuthCallout();

        var check = NatsServerProcess.checkConfig(ExternalTools.natsServer(), ConfigModeServer.writeConfig(dir,
                NatsKeyPair.generate(KeyKind.ACCOUNT), null));

        assertTrue(check.exitCode() != 0 && check.output().contains("auth_callout"), check.output());
    }
}
