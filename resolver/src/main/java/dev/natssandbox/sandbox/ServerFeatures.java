package dev.natssandbox.sandbox;

import dev.natssandbox.callout.CalloutUnsupportedException;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.model.UserSpec;
import dev.natssandbox.server.ServerVersion;

import java.util.ArrayList;
import java.util.List;

/**
 * Claims that only newer nats-servers act on. An older server ignores an unknown claim without a word, so a test
 * would pass for the wrong reason; a sandbox refuses such a spec before launching instead. Minimums from the
 * nats-server releases that brought each feature: auth callout (the account {@code authorization} claim) 2.10,
 * message tracing and {@code cluster_traffic} 2.11,
 * {@code IN_PROCESS} connections 2.11, {@code proxy_required} (trusted proxies) 2.12.
 */
final class ServerFeatures {
    static final ServerVersion AUTH_CALLOUT = CalloutUnsupportedException.MINIMUM_VERSION;
    static final ServerVersion TRACING = new ServerVersion(2, 11, 0);
    static final ServerVersion CLUSTER_TRAFFIC = new ServerVersion(2, 11, 0);
    static final ServerVersion IN_PROCESS = new ServerVersion(2, 11, 0);
    static final ServerVersion PROXY_REQUIRED = new ServerVersion(2, 12, 0);

    /**
     * One use of a feature in a spec.
     *
     * @param where   the spec path, e.g. {@code accounts.A.trace}
     * @param feature what it is, for the message
     * @param minimum the oldest server that acts on it
     */
    record Use(String where, String feature, ServerVersion minimum) {
    }

    private ServerFeatures() {
    }

    /** @return every use of a feature newer than 2.9 in the spec, in spec order */
    static List<Use> uses(SandboxSpec spec) {
        List<Use> uses = new ArrayList<>();
        for (AccountSpec a : spec.accounts()) {
            String at = "accounts." + a.name();
            if (!a.authorization().equals(AuthorizationSpec.NONE)) {
                uses.add(new Use(at + ".authorization", "auth callout (the account authorization claim)",
                        AUTH_CALLOUT));
            }
            if (a.trace() != null) {
                uses.add(new Use(at + ".trace", "message tracing", TRACING));
            }
            if (!a.clusterTraffic().isEmpty()) {
                uses.add(new Use(at + ".cluster_traffic", "cluster_traffic", CLUSTER_TRAFFIC));
            }
            for (int i = 0; i < a.exports().size(); i++) {
                Export e = a.exports().get(i);
                if (e.allowTrace()) {
                    uses.add(new Use(at + ".exports[" + i + "].allow_trace", "allow_trace", TRACING));
                }
            }
            for (int i = 0; i < a.imports().size(); i++) {
                if (a.imports().get(i).allowTrace()) {
                    uses.add(new Use(at + ".imports[" + i + "].allow_trace", "allow_trace", TRACING));
                }
            }
            for (SigningKeySpec k : a.signingKeys()) {
                if (k.scoped()) {
                    user(uses, at + ".signing_keys." + k.name() + ".template", k.template());
                }
            }
            for (UserSpec u : a.users()) {
                user(uses, at + ".users." + u.name(), u.limits());
            }
        }
        return uses;
    }

    private static void user(List<Use> uses, String at, UserPermissionLimits limits) {
        if (limits.allowedConnectionTypes().contains("IN_PROCESS")) {
            uses.add(new Use(at + ".allowed_connection_types", "connection type IN_PROCESS", IN_PROCESS));
        }
        if (limits.proxyRequired()) {
            uses.add(new Use(at + ".proxy_required", "proxy_required", PROXY_REQUIRED));
        }
    }

    /**
     * @param spec    the spec to launch
     * @param running the version of the server to launch
     * @param source  which server that is, for the message (e.g. the binary's path)
     * @throws ServerTooOldException naming every feature that server would ignore
     */
    static void requireSupported(SandboxSpec spec, ServerVersion running, String source) {
        List<Use> refused = uses(spec).stream().filter(u -> !running.isAtLeast(u.minimum())).toList();
        if (refused.isEmpty()) {
            return;
        }
        ServerVersion needed = refused.stream().map(Use::minimum).max(ServerVersion::compareTo).orElseThrow();
        StringBuilder m = new StringBuilder("the spec uses claims that nats-server ").append(running)
                .append(" (").append(source).append(") does not know and would silently ignore: ");
        for (int i = 0; i < refused.size(); i++) {
            Use u = refused.get(i);
            m.append(i == 0 ? "" : "; ").append(u.feature()).append(" at [").append(u.where())
                    .append("] needs nats-server ").append(u.minimum()).append(" or newer");
        }
        m.append(". To fix: run nats-server ").append(needed).append(" or newer (NATS_SERVER_PATH, or the "
                + "sandbox's server path or Docker image), or remove these claims from the spec");
        throw new ServerTooOldException(m.toString(), running, refused);
    }
}
