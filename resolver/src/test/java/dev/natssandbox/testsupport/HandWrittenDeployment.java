package dev.natssandbox.testsupport;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A deployment the tests did not start through the sandbox: an operator with a system account, and a nats-server
 * started from a configuration written here by hand, as an operator of a real deployment would write it.
 */
public final class HandWrittenDeployment implements AutoCloseable {
    /** The operator and system account. */
    public final Hierarchy identities;
    /** Creds of the system account's user. */
    public final Path sysCreds;
    private final NatsServerProcess server;

    private HandWrittenDeployment(Hierarchy identities, Path sysCreds, NatsServerProcess server) {
        this.identities = identities;
        this.sysCreds = sysCreds;
        this.server = server;
    }

    /**
     * @param dir      for the config, the resolver directory, creds and log
     * @param resolver {@code full} or {@code MEMORY}
     * @return the running server; close it
     * @throws IOException when the files cannot be written
     */
    public static HandWrittenDeployment start(Path dir, String resolver) throws IOException {
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Prod").build());
        String sys = h.systemAccount().publicKey();
        String resolverBlock = resolver.equals("MEMORY") ? "resolver: MEMORY\n"
                : "resolver {\n  type: full\n  dir: \"" + dir.resolve("jwt").toAbsolutePath() + "\"\n"
                + "  allow_delete: true\n}\n";
        String config = "host: 127.0.0.1\nport: -1\n"
                + "operator: " + h.operator().jwt() + "\n"
                + "system_account: " + sys + "\n"
                + resolverBlock
                + "resolver_preload: {\n  " + sys + ": " + h.systemAccount().jwt() + "\n}\n";
        Path conf = Files.writeString(dir.resolve("server.conf"), config);
        Path creds = h.user("SYS/sys").creds().write(dir.resolve("sys.creds"));
        return new HandWrittenDeployment(h, creds, NatsServerProcess.start(ExternalTools.natsServer(), conf, dir));
    }

    /** @return the server's client URL */
    public String url() {
        return server.url();
    }

    /**
     * Connects with a creds file as any client would, collecting the server's errors.
     *
     * @param url    the server
     * @param creds  a creds file
     * @param errors receives the server's error messages
     * @return the connection
     * @throws Exception when the connect fails
     */
    public static Connection connect(String url, Path creds, List<String> errors) throws Exception {
        return Nats.connect(new Options.Builder().server(url).maxReconnects(0)
                .authHandler(Nats.credentials(creds.toString()))
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build());
    }

    @Override
    public void close() {
        server.close();
    }
}
