package dev.natssandbox.sandbox;

import dev.natssandbox.probe.ProbeUser;
import dev.natssandbox.probe.ProbeUsers;
import dev.natssandbox.provision.Hierarchy;
import io.nats.client.Connection;

/**
 * The sandbox's users as a {@link dev.natssandbox.probe.PermissionProbe} sees them: each user's probe connection,
 * and its effective permissions from the current hierarchy. Connections passed to a probe are recognized by the
 * connection name the sandbox gives them ({@code Account/User}, or {@code Account/User (probe)}).
 */
final class SandboxProbeUsers implements ProbeUsers {
    private static final String PROBE_SUFFIX = " (probe)";

    private final Sandbox sandbox;

    SandboxProbeUsers(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public Connection connection(String user) {
        return sandbox.probeConnection(user);
    }

    @Override
    public ProbeUser user(String user) {
        Hierarchy h = sandbox.hierarchy();
        return ProbeUser.of(h, h.user(user));
    }

    @Override
    public ProbeUser user(Connection connection) {
        String name = connection.getOptions().getConnectionName();
        if (name != null && name.endsWith(PROBE_SUFFIX)) {
            name = name.substring(0, name.length() - PROBE_SUFFIX.length());
        }
        Hierarchy h = sandbox.hierarchy();
        return name == null ? ProbeUser.of(connection)
                : h.findUser(name).map(u -> ProbeUser.of(h, u)).orElseGet(() -> ProbeUser.of(connection));
    }
}
