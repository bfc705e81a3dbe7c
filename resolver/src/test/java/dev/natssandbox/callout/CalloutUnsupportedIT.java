package dev.natssandbox.callout;

import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.testsupport.RequiresNatsServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** On nats-server before 2.10 (2.9.10 in the matrix) the service refuses to start and names the version. */
@RequiresNatsServer
class CalloutUnsupportedIT {
    @Test
    void theServiceRefusesAServerOlderThan210NamingItsVersion() {
        try (Sandbox sandbox = Sandbox.start(CalloutOperatorModeIT.spec(false))) {
            String version = sandbox.connect("APP/watcher").getServerInfo().getVersion();
            assumeFalse(CalloutUnsupportedException.supports(version), "server " + version + " has auth callout");

            CalloutUnsupportedException e = assertThrows(CalloutUnsupportedException.class,
                    () -> CalloutService.start(CalloutEnvironment.of(sandbox, "AUTH"), CalloutOperatorModeIT.HANDLER));

            assertTrue(e.getMessage().contains("[" + version + "]"), e.getMessage());
            assertTrue(e.getMessage().contains("2.10 or newer"), e.getMessage());
        }
    }

    @Test
    void inConfigModeTheOldServerItselfRejectsTheBlock(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String version = ConfigModeServer.serverVersion();
        assumeFalse(CalloutUnsupportedException.supports(version), "server " + version + " has auth callout");

        var check = dev.natssandbox.testsupport.NatsServerProcess.checkConfig(
                dev.natssandbox.testsupport.ExternalTools.natsServer(), ConfigModeServer.writeConfig(dir,
                        dev.natssandbox.keys.NatsKeyPair.generate(dev.natssandbox.keys.KeyKind.ACCOUNT), null));

        assertTrue(check.exitCode() != 0 && check.output().contains("auth_callout"), check.output());
    }
}
