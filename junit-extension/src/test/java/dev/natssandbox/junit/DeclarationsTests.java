package dev.natssandbox.junit;

import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.server.LauncherKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a declaration accepts and refuses, decided before any server starts. */
class DeclarationsTests {
    private static final SandboxSpec SPEC = SandboxSpec.operator("Op").account("A", a -> a.user("u")).build();

    @Test
    void theBuilderRefusesAnImageWithTheBinaryLauncher() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> NatsSandboxExtension.builder().spec(SPEC).launcher(LauncherKind.BINARY).image("nats:2.10")
                        .build());
        assertEquals("NatsSandboxExtension.builder() names Docker image [nats:2.10] with launcher [BINARY], which "
                + "runs no container; drop the image, or use launcher DOCKER or AUTO", e.getMessage());
        assertNotNull(NatsSandboxExtension.builder().spec(SPEC).launcher(LauncherKind.DOCKER).image("nats:2.10")
                .build());
    }

    @Test
    void accountsPerMethodIsAScopeSoItCannotBeCombinedWithAServerPerMethod() {
        assertEquals(List.of(SandboxScope.CLASS, SandboxScope.METHOD, SandboxScope.SHARED,
                SandboxScope.ACCOUNT_PER_METHOD), List.of(SandboxScope.values()));
        assertNotNull(NatsSandboxExtension.builder().spec(SPEC).scope(SandboxScope.ACCOUNT_PER_METHOD).build());
    }

    @Test
    void theAnnotationRefusesTwoResolvers() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> Declarations.fromAnnotation(TwoResolvers.class.getAnnotation(NatsSandbox.class),
                        TwoResolvers.class));
        assertEquals("[" + TwoResolvers.class.getName() + "]: @NatsSandbox resolver lists [MEMORY, FULL]; give at "
                + "most one (none keeps the spec's server.resolver, MEMORY for accounts)", e.getMessage());
    }

    @Test
    void theAnnotationRefusesAnImageWithTheBinaryLauncher() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> Declarations.fromAnnotation(ImageWithBinary.class.getAnnotation(NatsSandbox.class),
                        ImageWithBinary.class));
        assertEquals("[" + ImageWithBinary.class.getName() + "]: @NatsSandbox names Docker image [nats:2.10] with "
                + "launcher [BINARY], which runs no container; drop the image, or use launcher DOCKER or AUTO",
                e.getMessage());
    }

    @Test
    void theAnnotationRefusesSettingsOfItsOwnHierarchyBesideASpecFile() {
        ExtensionConfigurationException operator = assertThrows(ExtensionConfigurationException.class,
                () -> Declarations.fromAnnotation(SpecWithOperator.class.getAnnotation(NatsSandbox.class),
                        SpecWithOperator.class));
        assertEquals("[" + SpecWithOperator.class.getName() + "]: @NatsSandbox has both spec [classpath:a.yaml] and "
                + "operator [Acme], which only names the operator of accounts; the spec file names its own "
                + "(operator.name): drop operator or spec", operator.getMessage());
        ExtensionConfigurationException jetStream = assertThrows(ExtensionConfigurationException.class,
                () -> Declarations.fromAnnotation(SpecWithJetStream.class.getAnnotation(NatsSandbox.class),
                        SpecWithJetStream.class));
        assertEquals("[" + SpecWithJetStream.class.getName() + "]: @NatsSandbox has both spec [classpath:a.yaml] and "
                + "jetStream [true], which only applies to accounts; set server.jetstream: true in the spec file "
                + "instead", jetStream.getMessage());
    }

    @Test
    void theConfigurationKeysLiveOnTheAnnotation() {
        assertEquals("natssandbox.launcher", NatsSandbox.LAUNCHER_PROPERTY_NAME);
        assertEquals("natssandbox.docker.image", NatsSandbox.DOCKER_IMAGE_PROPERTY_NAME);
        assertEquals("natssandbox.docker.network", NatsSandbox.DOCKER_NETWORK_PROPERTY_NAME);
        assertEquals("natssandbox.keepFiles", NatsSandbox.KEEP_FILES_PROPERTY_NAME);
        assertEquals("natssandbox.server.path", NatsSandbox.SERVER_PATH_PROPERTY_NAME);
    }

    @Test
    void theAnnotationUsesTheCoreEnumsWithTheirDefaultMarker() throws NoSuchMethodException {
        // One vocabulary: the annotation's attributes are the enums the core builder takes.
        assertEquals(LauncherKind.DEFAULT, NatsSandbox.class.getMethod("launcher").getDefaultValue());
        assertEquals(KeepFiles.DEFAULT, NatsSandbox.class.getMethod("keepFiles").getDefaultValue());
        assertEquals(ResolverType[].class, NatsSandbox.class.getMethod("resolver").getReturnType());
    }

    @NatsSandbox(resolver = {ResolverType.MEMORY, ResolverType.FULL}, accounts = @Account(name = "A"))
    static class TwoResolvers {
    }

    @NatsSandbox(launcher = LauncherKind.BINARY, image = "nats:2.10", accounts = @Account(name = "A"))
    static class ImageWithBinary {
    }

    @NatsSandbox(spec = "classpath:a.yaml", operator = "Acme")
    static class SpecWithOperator {
    }

    @NatsSandbox(spec = "classpath:a.yaml", jetStream = true)
    static class SpecWithJetStream {
    }
}
