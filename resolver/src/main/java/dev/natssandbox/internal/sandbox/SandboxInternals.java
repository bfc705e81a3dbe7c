package dev.natssandbox.internal.sandbox;

import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxBuilder;

import java.util.Objects;

/**
 * What the library's own code and tests may do with a sandbox that its public API does not offer: run it on a given
 * launcher instance, reach the running server object, mark it failed, and close it after a stop signal that also reached its servers. {@code dev.natssandbox.sandbox} hands its implementation of
 * {@link Door} over when {@link Sandbox} is initialized (the JDK's "shared secrets" pattern), so these members stay
 * out of the public API without reflection.
 */
public final class SandboxInternals {
    /** The package-private operations of {@code dev.natssandbox.sandbox}. */
    public interface Door {
        /**
         * @param builder  a sandbox builder
         * @param launcher the launcher instance to start the server with (overrides the builder's launcher kind)
         * @return the builder
         */
        SandboxBuilder launcher(SandboxBuilder builder, ServerLauncher launcher);

        /**
         * @param sandbox a sandbox
         * @return its running server
         */
        RunningServer server(Sandbox sandbox);

        /**
         * Marks a sandbox (and its cluster, if any) as failed, so that {@code KeepFiles.ON_FAILURE} keeps its files;
         * the JUnit extension calls it when a test using the sandbox fails.
         *
         * @param sandbox a sandbox
         */
        void markFailed(Sandbox sandbox);

        /**
         * Closes a sandbox whose stop was asked for by a signal that also reached its servers: a terminal's Ctrl-C
         * goes to the whole process group, nats-server included, so a server that has already exited is then the
         * signal's doing and no failure (its files are not kept for it).
         *
         * @param sandbox a sandbox
         */
        void closeAfterStopSignal(Sandbox sandbox);
    }

    private static volatile Door door;

    private SandboxInternals() {
    }

    /**
     * Called once, by {@code Sandbox}'s static initializer.
     *
     * @param implementation the package's door
     * @throws IllegalStateException when a door was already set
     */
    public static synchronized void set(Door implementation) {
        if (door != null) {
            throw new IllegalStateException("the sandbox door is set once, by dev.natssandbox.sandbox.Sandbox");
        }
        door = Objects.requireNonNull(implementation, "implementation");
    }

    /** @return the door of {@code dev.natssandbox.sandbox} */
    public static Door door() {
        Door d = door;
        if (d == null) {
            try {
                // Initializing Sandbox sets the door.
                Class.forName(Sandbox.class.getName(), true, Sandbox.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            d = door;
        }
        return d;
    }
}
