package dev.natssandbox.junit;

import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.spec.SpecFiles;
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

    static Declaration fromAnnotation(NatsSandbox a, Class<?> testClass) {
        String where = "[" + testClass.getName() + "]";
        if (!a.spec().isBlank() && a.accounts().length > 0) {
            throw new ExtensionConfigurationException(where + ": @NatsSandbox has both spec [" + a.spec()
                    + "] and accounts " + names(a) + "; give one of them");
        }
        LauncherKind launcher = a.launcher();
        if (!a.spec().isBlank()) {
            String location = a.spec().strip();
            String key = "spec:" + location + (a.resolver() == Resolver.DEFAULT ? "" : "|" + a.resolver())
                    + (a.clusterSize() == 0 ? "" : "|cluster=" + a.clusterSize());
            return new Declaration("spec [" + location + "]", key,
                    () -> clustered(a, a.resolver().applyTo(SpecFiles.load(location))),
                    scope(a, where), launcher, a.image(), a.keepFiles(), a.isolation());
        }
        SandboxSpec spec;
        try {
            spec = clustered(a, a.resolver().applyTo(AnnotationSpecs.toSpec(a)));
        } catch (InvalidInputException e) {
            throw new ExtensionConfigurationException(where + ": invalid @NatsSandbox accounts: " + e.getMessage(), e);
        }
        return new Declaration("@NatsSandbox accounts", spec, () -> spec, scope(a, where), launcher, a.image(),
                a.keepFiles(), a.isolation());
    }

    /** @return the spec with the annotation's {@link NatsSandbox#clusterSize()}, when it sets one */
    private static SandboxSpec clustered(NatsSandbox a, SandboxSpec spec) {
        if (a.clusterSize() == 0) {
            return spec;
        }
        return spec.toBuilder().clusterSize(a.clusterSize()).build();
    }

    private static SandboxScope scope(NatsSandbox a, String where) {
        checkIsolation(where + ": @NatsSandbox", a.isolation(), a.scope());
        return a.scope();
    }

    /**
     * Refuses the one combination of isolation and scope that cannot work, where it is declared.
     *
     * @param where the declaration, first in the message
     */
    static void checkIsolation(String where, Isolation isolation, SandboxScope scope) {
        if (isolation == Isolation.ACCOUNT && scope == SandboxScope.METHOD) {
            throw new ExtensionConfigurationException(where + " combines isolation [ACCOUNT] with scope [METHOD], "
                    + "which cannot work: ACCOUNT isolation shares one server for the run and gives each test "
                    + "method its own accounts, while scope METHOD starts a server for each test method. To fix: "
                    + "leave scope out (CLASS) or use SHARED with isolation ACCOUNT, or use scope METHOD with "
                    + "isolation NONE");
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
                                    SandboxScope scope, LauncherKind launcher, String image, KeepFiles keep,
                                    Isolation isolation) {
        checkIsolation("NatsSandboxExtension.builder()", isolation, scope);
        return new Declaration(source, specKey, spec, Objects.requireNonNull(scope), launcher,
                image == null ? "" : image, Objects.requireNonNull(keep), Objects.requireNonNull(isolation));
    }
}
