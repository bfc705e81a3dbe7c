package dev.natssandbox.probe;

import dev.natssandbox.InvalidInputException;
import io.nats.client.Connection;

/**
 * Where a {@link PermissionProbe} finds the connection of a user named in a probe, and what it says about a user in
 * its results. {@code Sandbox.probe()} supplies one backed by the sandbox's users and probe connections;
 * {@link #NONE} knows no users (probes then take connections).
 */
public interface ProbeUsers {
    /** Knows no user: probes by user name fail; connections are named after their connection name. */
    ProbeUsers NONE = new ProbeUsers() {
        @Override
        public Connection connection(String user) {
            throw new InvalidInputException("cannot probe user [" + user + "]: this probe was made for plain "
                    + "connections and knows no users. Pass the user's Connection instead, or use Sandbox.probe()");
        }

        @Override
        public ProbeUser user(String user) {
            return new ProbeUser(user, java.util.Optional.empty());
        }

        @Override
        public ProbeUser user(Connection connection) {
            return ProbeUser.of(connection);
        }
    };

    /**
     * @param user a user reference such as {@code "TestClient"} or {@code "Account/User"}
     * @return the connection to probe that user with
     * @throws InvalidInputException (or a subclass) naming the known users when there is no such user
     */
    Connection connection(String user);

    /**
     * @param user a user reference such as {@code "TestClient"}
     * @return the user's name and, when known, permissions
     */
    ProbeUser user(String user);

    /**
     * @param connection a connection passed to a probe
     * @return who it belongs to, as far as known
     */
    ProbeUser user(Connection connection);
}
