package dev.natssandbox.probe;

import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ResponsePermission;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import io.nats.client.Connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who took part in a probe: a name for messages and, when known, the permissions the server enforces for that user.
 *
 * @param name        the user's name ({@code "TestClient"}, or {@code "Account/User"} when the plain name is
 *                    ambiguous), or the connection's name for a plain connection
 * @param permissions the effective permissions, when known
 */
public record ProbeUser(String name, Optional<Permissions> permissions) {
    /**
     * Requires a name.
     *
     * @param name        the user's name ({@code "TestClient"}, or {@code "Account/User"} when the plain name is
     *                    ambiguous), or the connection's name for a plain connection
     * @param permissions the effective permissions, when known
     */
    public ProbeUser {
        Objects.requireNonNull(name, "name");
        permissions = Objects.requireNonNullElse(permissions, Optional.empty());
    }

    /**
     * The permissions nats-server 2.9 applies to a user: those of the scoped signing key that signed it, else its
     * own; when that leaves no publish, subscribe or response rule at all, the account's
     * {@code default_permissions}.
     *
     * @param hierarchy the provisioned sandbox
     * @param user      one of its users
     * @return the user, named as it is best referred to, with its effective permissions
     */
    public static ProbeUser of(Hierarchy hierarchy, UserIdentity user) {
        AccountIdentity account = hierarchy.account(user.account());
        Permissions p = account.claims().signingKey(user.issuer()).filter(SigningKey::isScoped)
                .map(k -> k.scope().template().permissions())
                .orElse(user.claims().limits().permissions());
        if (p.isEmpty() && !account.claims().defaultPermissions().isEmpty()) {
            p = account.claims().defaultPermissions();
        }
        long sameName = hierarchy.users().stream().filter(u -> u.name().equals(user.name())).count();
        return new ProbeUser(sameName == 1 ? user.name() : user.qualifiedName(), Optional.of(p));
    }

    /**
     * @param connection a connection
     * @return the user its {@link ViolationRecorder} names (a sandbox connection), else a user named after the
     *         connection's name (or its client id) with permissions unknown
     */
    public static ProbeUser of(Connection connection) {
        if (connection.getOptions().getErrorListener() instanceof ViolationRecorder r && r.user().isPresent()) {
            return r.user().get();
        }
        String name = connection.getOptions().getConnectionName();
        if (name == null || name.isBlank()) {
            io.nats.client.api.ServerInfo info = connection.getServerInfo();
            name = info == null ? "unnamed connection" : "connection " + info.getClientId();
        }
        return new ProbeUser(name, Optional.empty());
    }

    /**
     * @return the permissions in the style of {@code nsc describe user}, e.g.
     *         {@code pub allow: [req.a]; sub allow: [_INBOX.>]}; {@code permissions unknown} when not known
     */
    public String describePermissions() {
        if (permissions.isEmpty()) {
            return "permissions unknown";
        }
        Permissions p = permissions.get();
        if (p.isEmpty()) {
            return "no permissions: everything in the account is allowed";
        }
        List<String> parts = new ArrayList<>();
        ResponsePermission resp = p.resp();
        if (resp != null && p.pub().allow().isEmpty()) {
            parts.add("pub allow: [] (replies only)");
        }
        add(parts, "pub", p.pub());
        add(parts, "sub", p.sub());
        if (resp != null) {
            parts.add("resp: max " + (resp.maxMessages() > 0 ? resp.maxMessages() : 1)
                    + (resp.ttl().isZero() ? "" : ", ttl " + human(resp.ttl())));
        }
        return String.join("; ", parts);
    }

    private static void add(List<String> parts, String kind, Permission p) {
        if (!p.allow().isEmpty()) {
            parts.add(kind + " allow: " + p.allow());
        }
        if (!p.deny().isEmpty()) {
            parts.add(kind + " deny: " + p.deny());
        }
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return name + " (" + describePermissions() + ")";
    }
}
