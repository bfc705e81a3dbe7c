package dev.natssandbox.callout;

import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.server.ServerVersion;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.NatsServerProcess;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A nats-server in config mode: plain accounts AUTH (the service's user {@code auth}), APP and OTHER, and
 * {@code authorization { auth_callout { issuer, account: AUTH, auth_users: [auth], xkey } }} as nats-server's own
 * tests write it. Every client but {@code auth} goes through the callout.
 */
final class ConfigModeServer implements AutoCloseable {
    static final String AUTH_PASSWORD = "service-secret";

    final NatsServerProcess server;
    final CalloutEnvironment environment;

    private ConfigModeServer(NatsServerProcess server, CalloutEnvironment environment) {
        this.server = server;
        this.environment = environment;
    }

    /** Writes the configuration; the caller starts or checks it. */
    static Path writeConfig(Path dir, NatsKeyPair issuer, CurveKeyPair curve) {
        String config = """
                listen: "127.0.0.1:-1"
                server_name: callout-config
                accounts {
                  AUTH { users: [ { user: "auth", password: "%s" } ] }
                  APP {}
                  OTHER {}
                }
                authorization {
                  auth_callout {
                    issuer: "%s"
                    account: AUTH
                    auth_users: [ auth ]
                    %s
                  }
                }
                """.formatted(AUTH_PASSWORD, issuer.publicKey(), curve != null ? "xkey: \"" + curve.publicKey() + "\""
                : "");
        try {
            return Files.writeString(dir.resolve("callout.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server; skips the test (an assumption) on servers before 2.10, which reject the block. */
    static ConfigModeServer start(Path dir, boolean xkey) {
        ServerVersion version = ExternalTools.natsServerVersion();
        Assumptions.assumeTrue(CalloutUnsupportedException.supports(version), "auth callout needs 2.10+; "
                + "server is " + version);
        NatsKeyPair issuer = NatsKeyPair.generate(KeyKind.ACCOUNT);
        CurveKeyPair curve = xkey ? CurveKeyPair.generate() : null;
        Path file = writeConfig(dir, issuer, curve);
        NatsServerProcess server = NatsServerProcess.start(ExternalTools.natsServer(), file, dir);
        try {
            return new ConfigModeServer(server, CalloutEnvironment.config(server.url(), "auth",
                    AUTH_PASSWORD.toCharArray(), issuer, curve));
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
