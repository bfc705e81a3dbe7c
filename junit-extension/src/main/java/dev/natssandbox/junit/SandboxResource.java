package dev.natssandbox.junit;

import dev.natssandbox.sandbox.Sandbox;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sandbox kept in an {@link ExtensionContext.Store}: JUnit closes it with the context that owns it (class,
 * method, or the root for shared servers). Implements both {@link AutoCloseable} (JUnit 6) and
 * {@link ExtensionContext.Store.CloseableResource} (JUnit 5); closing twice is harmless.
 */
@SuppressWarnings("deprecation")
final class SandboxResource implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final Declaration declaration;
    private final Sandbox sandbox;
    private final boolean owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    SandboxResource(Declaration declaration, Sandbox sandbox, boolean owner) {
        this.declaration = declaration;
        this.sandbox = sandbox;
        this.owner = owner;
    }

    Declaration declaration() {
        return declaration;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /** @return a non-owning handle to the same sandbox, for a class that uses a shared server */
    SandboxResource borrowed() {
        return new SandboxResource(declaration, sandbox, false);
    }

    @Override
    public void close() {
        if (owner && closed.compareAndSet(false, true)) {
            sandbox.close();
        }
    }
}
