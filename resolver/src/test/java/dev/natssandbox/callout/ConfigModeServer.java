package dev.natssandbox.callout;

import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.NatsServerProcess;

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

    static ConfigModeServer start(Path dir, boolean xkey) {
        NatsKeyPair issuer = NatsKeyPair.generate(KeyKind.ACCOUNT);
        CurveKeyPair curve = xkey ? CurveKeyPair.generate() : null;
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
                """.formatted(AUTH_PASSWORD, issuer.publicKey(), xkey ? "xkey: \"" + curve.publicKey() + "\"" : "");
        try {
            Path file = Files.writeString(dir.resolve("callout.conf"), config);
            NatsServerProcess server = NatsServerProcess.start(ExternalTools.natsServer(), file, dir);
            return new ConfigModeServer(server, CalloutEnvironment.config(server.url(), "auth",
                    AUTH_PASSWORD.toCharArray(), issuer, curve));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
