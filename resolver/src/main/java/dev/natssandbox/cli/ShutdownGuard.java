package dev.natssandbox.cli;

import dev.natssandbox.sandbox.Sandbox;

/**
 * Closes a sandbox when the JVM shuts down while a command still uses it (Ctrl-C during a long operation), so that
 * neither the server nor the temporary directory outlives the command. Closing the guard removes the hook.
 */
final class ShutdownGuard implements AutoCloseable {
    private final Thread hook;

    ShutdownGuard(Sandbox sandbox) {
        this.hook = new Thread(sandbox::close, "nats-sandbox-cli-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the sandbox is being closed anyway
        }
    }
}
