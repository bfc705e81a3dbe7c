package dev.natssandbox.server;

import dev.natssandbox.internal.server.BinaryLauncher;
import dev.natssandbox.internal.server.ServerFinder;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A nats-server release number, as {@code nats-server --version} prints it ({@code nats-server: v2.9.10}) or a
 * Docker image tag carries it ({@code nats:2.10}, {@code nats:2.11.3-alpine}). A missing patch number reads as 0.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {
    private static final Pattern VERSION = Pattern.compile("(?<![\\d.])v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /**
     * @param text the output of {@code nats-server --version}, a tag or a bare version
     * @return the first version number in it, if any
     */
    public static Optional<ServerVersion> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The version of the nats-server a sandbox's binary launcher would run: the binary found in the order of
     * {@link LauncherKind#BINARY}, asked with {@code --version}. For tests that need a newer server than every
     * machine has, e.g. to skip auth callout tests on a server older than 2.10.
     *
     * @return the version; empty when no binary is found or it does not tell its version
     */
    public static Optional<ServerVersion> installed() {
        try {
            return new BinaryLauncher(null, ServerFinder.system()).version();
        } catch (ServerNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * @param version e.g. {@code 2.11.0}
     * @return the version
     * @throws IllegalArgumentException when it holds no version number
     */
    public static ServerVersion of(String version) {
        return find(version).orElseThrow(() -> new IllegalArgumentException("[" + version
                + "] is not a nats-server version; write it like 2.11.0"));
    }

    /**
     * @param minimum the oldest version that qualifies
     * @return whether this version is {@code minimum} or newer
     */
    public boolean isAtLeast(ServerVersion minimum) {
        return compareTo(minimum) >= 0;
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
