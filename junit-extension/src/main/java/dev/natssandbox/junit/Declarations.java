package dev.natssandbox.junit;

import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.sandbox.SandboxCluster;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.Optional;

/** Reads what a test class declares: {@link NatsSandbox} annotations, and the programmatic builder's choices. */
final class Declarations {
    private Declarations() {
    }

    static Optional<NatsSandbox> find(Class<?> testClass) {
        // AnnotationSupport finds it on the class, through composed annotations, and (it is @Inherited) on
        // superclasses; a @Nested class uses its enclosing classes' declaration.
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<NatsSandbox> a = AnnotationSupport.findAnnotation(c, NatsSandbox.class);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    /** The default of {@link NatsSandbox#operator()}. */
    static final String DEFAULT_OPERATOR = "Test";

    static Declaration fromAnnotation(NatsSandbox a, Class<?> testClass) {
        String where = "[" + testClass.getName() + "]";
        if (!a.spec().isBlank() && a.accounts().length > 0) {
            throw new ExtensionConfigurationException(where + ": @NatsSandbox has both spec [" + a.spec()
                    + "] and accounts " + names(a) + "; give one of them");
        }
        if (a.clusterSize() != 0 && (a.clusterSize() < 1 || a.clusterSize() > SandboxCluster.MAX_SIZE)) {
            throw new ExtensionConfigurationException(where + ": @NatsSandbox(clusterSize = " + a.clusterSize()
                    + ") is out of range: 0 (the spec's, else one server) or 1–" + SandboxCluster.MAX_SIZE
                    + " servers; use e.g. clusterSize = 3");
        }
        LauncherKind launcher = a.launcher();
        checkImage(where + ": @NatsSandbox", launcher, a.image());
        Optional<ResolverType> resolver = resolver(a, where);
        if (!a.spec().isBlank()) {
            String location = a.spec().strip();
            // Settings of the annotation's own hierarchy would be ignored silently with a spec file: refuse them.
            if (!a.operator().equals(DEFAULT_OPERATOR)) {
                throw new ExtensionConfigurationException(where + ": @NatsSandbox has both spec [" + location
                        + "] and operator [" + a.operator() + "], which only names the operator of accounts; the "
                        + "spec file names its own (operator.name): drop operator or spec");
            }
            if (a.jetStream()) {
                throw new ExtensionConfigurationException(where + ": @NatsSandbox has both spec [" + location
                        + "] and jetStream [true], which only applies to accounts; set server.jetstream: true in "
                        + "the spec file instead");
            }
            String key = "spec:" + location + resolver.map(r -> "|" + r).orElse("")
                    + (a.clusterSize() == 0 ? "" : "|cluster=" + a.clusterSize());
            return new Declaration("spec [" + location + "]", key,
                    () -> clustered(a, withResolver(SpecFiles.load(location), resolver)),
                    a.scope(), launcher, a.image(), a.keepFiles());
        }
        SandboxSpec spec;
        try {
            spec = clustered(a, withResolver(AnnotationSpecs.toSpec(a), resolver));
        } catch (InvalidInputException e) {
            throw new ExtensionConfigurationException(where + ": invalid @NatsSandbox accounts: " + e.getMessage(), e);
        }
        return new Declaration("@NatsSandbox accounts", spec, () -> spec, a.scope(), launcher, a.image(),
                a.keepFiles());
    }

    /** @return the one resolver the annotation names, or empty for the spec's own */
    private static Optional<ResolverType> resolver(NatsSandbox a, String where) {
        if (a.resolver().length > 1) {
            throw new ExtensionConfigurationException(where + ": @NatsSandbox resolver lists "
                    + java.util.Arrays.toString(a.resolver()) + "; give at most one (none keeps the spec's "
                    + "server.resolver, MEMORY for accounts)");
        }
        return a.resolver().length == 0 ? Optional.empty() : Optional.of(a.resolver()[0]);
    }

    private static SandboxSpec withResolver(SandboxSpec spec, Optional<ResolverType> resolver) {
        return resolver.map(r -> spec.toBuilder().resolver(r).build()).orElse(spec);
    }

    /** @return the spec with the annotation's {@link NatsSandbox#clusterSize()}, when it sets one */
    private static SandboxSpec clustered(NatsSandbox a, SandboxSpec spec) {
        if (a.clusterSize() == 0) {
            return spec;
        }
        return spec.toBuilder().clusterSize(a.clusterSize()).build();
    }

    /**
     * Refuses a Docker image with a launcher that runs no container: the image would be ignored without a word.
     *
     * @param where the declaration, first in the message
     */
    static void checkImage(String where, LauncherKind launcher, String image) {
        if (launcher == LauncherKind.BINARY && image != null && !image.isBlank()) {
            throw new ExtensionConfigurationException(where + " names Docker image [" + image + "] with launcher "
                    + "[BINARY], which runs no container; drop the image, or use launcher DOCKER or AUTO");
        }
    }

    private static String names(NatsSandbox a) {
        return java.util.Arrays.stream(a.accounts()).map(Account::name).toList().toString();
    }

    /**
     * A class must not both carry @NatsSandbox and register the extension programmatically, itself or through a
     * superclass or an enclosing class: two extensions would each inject their own sandbox's users.
     */
    static void checkSingleDeclaration(Class<?> testClass) {
        boolean annotated = find(testClass).isPresent();
        boolean registered = false;
        // A @Nested class inherits the extensions registered by its enclosing classes, so look there too.
        for (Class<?> e = testClass; e != null; e = e.getEnclosingClass()) {
            for (Class<?> c = e; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(RegisterExtension.class)
                            && NatsSandboxExtension.class.isAssignableFrom(f.getType())) {
                        registered = true;
                    }
                }
            }
        }
        if (annotated && registered) {
            throw new ExtensionConfigurationException("[" + testClass.getName() + "]: both @NatsSandbox and a "
                    + "@RegisterExtension NatsSandboxExtension declare a sandbox; use one of them");
        }
    }

    static Declaration programmatic(String source, Object specKey, java.util.function.Supplier<SandboxSpec> spec,
                                    SandboxScope scope, LauncherKind launcher, String image, KeepFiles keep) {
        checkImage("NatsSandboxExtension.builder()", launcher, image);
        return new Declaration(source, specKey, spec, Objects.requireNonNull(scope), launcher,
                image == null ? "" : image, Objects.requireNonNull(keep));
    }
}
