package dev.natssandbox.junit;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.server.LauncherKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a declaration accepts and refuses, decided before any server starts. */
class DeclarationsTests {
    private static final SandboxSpec SPEC = SandboxSpec.operator("Op").account("A", a -> a.user("u")).build();

    @Test
    void theBuilderRefusesAccountIsolationWithMethodScopeWhenBuilt() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> NatsSandboxExtension.builder().spec(SPEC).isolation(Isolation.ACCOUNT)
                        .scope(SandboxScope.METHOD).build());
        assertTrue(e.getMessage().startsWith("NatsSandboxExtension.builder() combines isolation [ACCOUNT] with "
                + "scope [METHOD], which cannot work"), e.getMessage());
        assertTrue(e.getMessage().endsWith("To fix: leave scope out (CLASS) or use SHARED with isolation ACCOUNT, "
                + "or use scope METHOD with isolation NONE"), e.getMessage());
    }

    @Test
    void accountIsolationWorksWithClassAndSharedScope() {
        assertNotNull(NatsSandboxExtension.builder().spec(SPEC).isolation(Isolation.ACCOUNT)
                .scope(SandboxScope.SHARED).build());
        assertNotNull(NatsSandboxExtension.builder().spec(SPEC).isolation(Isolation.ACCOUNT).build());
    }

    @Test
    void theAnnotationUsesTheCoreEnumsWithTheirDefaultMarker() throws NoSuchMethodException {
        // One vocabulary: the annotation's attributes are the enums the core builder takes.
        assertEquals(LauncherKind.DEFAULT, NatsSandbox.class.getMethod("launcher").getDefaultValue());
        assertEquals(KeepFiles.DEFAULT, NatsSandbox.class.getMethod("keepFiles").getDefaultValue());
    }
}
