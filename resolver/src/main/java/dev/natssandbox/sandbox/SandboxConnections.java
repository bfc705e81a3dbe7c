package dev.natssandbox.sandbox;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.probe.ProbeUser;
import dev.natssandbox.probe.ViolationRecorder;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The connections a sandbox opens: for callers ({@link Sandbox#connect}) and for probes (one per user, reused, and
 * replaced when the user's JWT changes). All are closed with the sandbox.
 */
final class SandboxConnections {
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private final Map<String, ProbeConnection> probes = new ConcurrentHashMap<>();

    record ProbeConnection(String jwt, Connection connection) {
    }

    static Options.Builder options(String serverUrl, Hierarchy hierarchy, UserIdentity user) {
        return new Options.Builder()
                .server(serverUrl)
                .authHandler(new UserAuthHandler(user.jwt(), user.keyPair()))
                .connectionName(user.qualifiedName())
                .errorListener(new ViolationRecorder(ProbeUser.of(hierarchy, user), null))
                .connectionTimeout(Duration.ofSeconds(10))
                // A sandbox server does not come back on its own: fail fast instead of retrying.
                .maxReconnects(0);
    }

    Connection connect(String serverUrl, Hierarchy hierarchy, UserIdentity user,
                       Consumer<Options.Builder> customizer) {
        Options.Builder b = options(serverUrl, hierarchy, user);
        if (customizer != null) {
            customizer.accept(b);
        }
        Connection c = connect(user, b.build());
        open.add(c);
        return c;
    }

    static Connection connect(UserIdentity user, Options options) {
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            // jnats' exception for a refusal other than authentication says only "Unable to connect". The server's
            // -ERR reached the recorder: jnats lets queued error callbacks finish when a failed connect closes.
            String said = serverSaid(options).orElse(null);
            if (said != null || e instanceof AuthenticationException) {
                throw new ConnectionRefusedException(user.qualifiedName(), said != null ? said : e.getMessage(), e);
            }
            throw new NatsSandboxException("user [" + user.qualifiedName() + "] cannot connect to "
                    + options.getServers() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while connecting user [" + user.qualifiedName() + "]", e);
        }
    }

    private static java.util.Optional<String> serverSaid(Options options) {
        if (options.getErrorListener() instanceof ViolationRecorder r) {
            List<String> errors = r.all();
            return errors.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(errors.get(errors.size() - 1));
        }
        return java.util.Optional.empty();
    }

    /** The probe connection of a user, opened on first use and replaced when the user's JWT changed. */
    Connection probeConnection(String serverUrl, Hierarchy hierarchy, UserIdentity user) {
        ProbeConnection pc = probes.compute(user.qualifiedName(), (k, existing) -> {
            if (existing != null && existing.jwt().equals(user.jwt())
                    && existing.connection().getStatus() == Connection.Status.CONNECTED) {
                return existing;
            }
            if (existing != null) {
                closeQuietly(existing.connection());
            }
            Options.Builder b = options(serverUrl, hierarchy, user)
                    .connectionName(user.qualifiedName() + " (probe)");
            return new ProbeConnection(user.jwt(), connect(user, b.build()));
        });
        return pc.connection();
    }

    /** Drops probe connections of users that are gone or whose JWT changed. */
    void retain(Map<String, String> jwtByUser) {
        for (Iterator<Map.Entry<String, ProbeConnection>> it = probes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ProbeConnection> e = it.next();
            if (!e.getValue().jwt().equals(jwtByUser.get(e.getKey()))) {
                closeQuietly(e.getValue().connection());
                it.remove();
            }
        }
    }

    void closeAll() {
        List<Connection> all = new ArrayList<>(open);
        probes.values().forEach(p -> all.add(p.connection()));
        probes.clear();
        open.clear();
        all.forEach(SandboxConnections::closeQuietly);
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // closing a broken connection: nothing more to do
        }
    }
}
