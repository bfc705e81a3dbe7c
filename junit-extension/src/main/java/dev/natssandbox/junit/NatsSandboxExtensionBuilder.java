package dev.natssandbox.junit;

import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.spec.SpecFiles;

import java.util.Objects;
import java.util.function.Function;

/** Builds a {@link NatsSandboxExtension} for {@code @RegisterExtension}. Mutable; not thread-safe. */
public final class NatsSandboxExtensionBuilder {
    private final Function<Declaration, NatsSandboxExtension> factory;
    private String source;
    private Object specKey;
    private java.util.function.Supplier<SandboxSpec> spec;
    private SandboxScope scope = SandboxScope.CLASS;
    private LauncherKind launcher = LauncherKind.DEFAULT;
    private String image = "";
    private KeepFiles keepFiles = KeepFiles.DEFAULT;

    NatsSandboxExtensionBuilder(Function<Declaration, NatsSandboxExtension> factory) {
        this.factory = factory;
    }

    /**
     * @param spec the sandbox, e.g. from the fluent builder
     * @return this
     */
    public NatsSandboxExtensionBuilder spec(SandboxSpec spec) {
        Objects.requireNonNull(spec, "spec");
        this.source = "programmatic spec (operator " + spec.operator().name() + ")";
        this.specKey = spec;
        this.spec = () -> spec;
        return this;
    }

    /**
     * @param location a spec file: {@code classpath:NAME} or a path
     * @return this
     */
    public NatsSandboxExtensionBuilder spec(String location) {
        Objects.requireNonNull(location, "location");
        this.source = "spec [" + location + "]";
        this.specKey = "spec:" + location;
        this.spec = () -> SpecFiles.load(location);
        return this;
    }

    /**
     * @param scope how long the server lives (default CLASS); {@link SandboxScope#ACCOUNT_PER_METHOD}: one server for
     *              the run, fresh accounts per test method
     * @return this
     */
    public NatsSandboxExtensionBuilder scope(SandboxScope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
        return this;
    }

    /**
     * @param launcher auto, binary or docker (default: the configuration parameter, else auto)
     * @return this
     */
    public NatsSandboxExtensionBuilder launcher(LauncherKind launcher) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        return this;
    }

    /**
     * @param image Docker image for the Docker launcher
     * @return this
     */
    public NatsSandboxExtensionBuilder image(String image) {
        this.image = image == null ? "" : image;
        return this;
    }

    /**
     * @param keep whether files survive the test
     * @return this
     */
    public NatsSandboxExtensionBuilder keepFiles(KeepFiles keep) {
        this.keepFiles = Objects.requireNonNull(keep, "keep");
        return this;
    }

    /** @return the extension */
    public NatsSandboxExtension build() {
        if (spec == null) {
            throw new IllegalStateException("NatsSandboxExtension.builder() needs a spec: call spec(SandboxSpec) or "
                    + "spec(\"classpath:…\")");
        }
        return factory.apply(Declarations.programmatic(source, specKey, spec, scope, launcher, image,
                keepFiles));
    }
}
