package dev.natssandbox.samples;

import io.nats.client.Connection;

/** The version of the nats-server a connection is connected to, for samples whose outcome differs by version. */
final class ServerVersions {
    private ServerVersions() {
    }

    /**
     * @param connection a connected connection
     * @param major      the major version
     * @param minor      the minor version
     * @return whether the server's version (from its INFO) is at least {@code major.minor}
     */
    static boolean atLeast(Connection connection, int major, int minor) {
        String version = connection.getServerInfo().getVersion();
        String[] parts = version.split("[.-]");
        int serverMajor = Integer.parseInt(parts[0]);
        int serverMinor = Integer.parseInt(parts[1]);
        return serverMajor > major || serverMajor == major && serverMinor >= minor;
    }
}
