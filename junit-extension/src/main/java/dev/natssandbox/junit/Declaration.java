package dev.natssandbox.junit;

import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.server.LauncherKind;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a test class asked for: where the spec comes from and the settings. Two declarations that are equal share a
 * server in {@link SandboxScope#SHARED} scope.
 *
 * @param source      a description of the spec's origin (spec location, annotations, programmatic)
 * @param specKey     identifies the spec's content for sharing (the location, or the spec itself)
 * @param spec        produces the spec (may fail with a spec error)
 * @param scope       how long the server lives
 * @param launcher    which launcher; {@link LauncherKind#DEFAULT} for the configuration parameter
 * @param image       Docker image; empty for the configuration parameter
 * @param keepFiles   whether files survive; {@link KeepFiles#DEFAULT} for the configuration parameter
 */
record Declaration(String source, Object specKey, Supplier<SandboxSpec> spec, SandboxScope scope,
                   LauncherKind launcher, String image, KeepFiles keepFiles) {

    /** Wraps the spec key so that its hash, which walks a whole spec, is computed once: stores hash keys often. */
    Declaration {
        specKey = specKey instanceof HashedKey ? specKey : new HashedKey(specKey);
    }

    private static final class HashedKey {
        private final Object key;
        private final int hash;

        HashedKey(Object key) {
            this.key = Objects.requireNonNull(key, "specKey");
            this.hash = key.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof HashedKey k && k.hash == hash && k.key.equals(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return String.valueOf(key);
        }
    }

    /** @return whether each test method gets accounts of its own */
    boolean isolated() {
        return scope == SandboxScope.ACCOUNT_PER_METHOD;
    }

    /** @return the key under which a shared server is kept for the run */
    Object sharedKey() {
        return new SharedKey(specKey, launcher, image, keepFiles, scope);
    }

    private record SharedKey(Object spec, LauncherKind launcher, String image, KeepFiles keep, SandboxScope scope) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Declaration d && d.specKey.equals(specKey) && d.scope == scope
                && Objects.equals(d.launcher, launcher) && d.image.equals(image) && d.keepFiles == keepFiles;
    }

    @Override
    public int hashCode() {
        return Objects.hash(specKey, scope, launcher, image, keepFiles);
    }
}
