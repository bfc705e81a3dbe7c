package dev.natssandbox.junit;

import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxBuilder;
import dev.natssandbox.server.LauncherKind;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/** Merges a declaration with the JUnit configuration parameters into sandbox settings. */
final class SandboxSettingsResolver {
    private final ExtensionContext context;
    private final String testClass;

    SandboxSettingsResolver(ExtensionContext context, String testClass) {
        this.context = context;
        this.testClass = testClass;
    }

    SandboxBuilder builder(SandboxSpec spec, Declaration d) {
        SandboxBuilder b = Sandbox.builder(spec).launcher(launcher(d)).keepFiles(keep(d));
        String image = !d.image().isBlank() ? d.image() : param(NatsSandbox.DOCKER_IMAGE_PROPERTY_NAME).orElse(null);
        if (image != null) {
            b.dockerImage(image);
        }
        param(NatsSandbox.DOCKER_NETWORK_PROPERTY_NAME).ifPresent(b::dockerNetworkMode);
        param(NatsSandbox.SERVER_PATH_PROPERTY_NAME).map(java.nio.file.Path::of).ifPresent(b::serverPath);
        return b;
    }

    private LauncherKind launcher(Declaration d) {
        if (d.launcher() != LauncherKind.DEFAULT) {
            return d.launcher();
        }
        Optional<String> value = param(NatsSandbox.LAUNCHER_PROPERTY_NAME);
        if (value.isEmpty()) {
            return LauncherKind.AUTO;
        }
        return LauncherKind.parse(value.get()).orElseThrow(() -> new ExtensionConfigurationException("[" + testClass
                + "]: configuration parameter " + NatsSandbox.LAUNCHER_PROPERTY_NAME + " is [" + value.get()
                + "]; expected auto, binary or docker"));
    }

    private KeepFiles keep(Declaration d) {
        if (d.keepFiles() != KeepFiles.DEFAULT) {
            return d.keepFiles();
        }
        Optional<String> value = param(NatsSandbox.KEEP_FILES_PROPERTY_NAME);
        if (value.isEmpty()) {
            return KeepFiles.ON_FAILURE;
        }
        return KeepFiles.parse(value.get()).orElseThrow(() -> new ExtensionConfigurationException("["
                + testClass + "]: configuration parameter " + NatsSandbox.KEEP_FILES_PROPERTY_NAME + " is ["
                + value.get() + "]; expected never, on_failure or always"));
    }

    /** @return a configuration parameter, stripped; empty when unset or blank */
    Optional<String> param(String key) {
        return context.getConfigurationParameter(key).map(String::strip).filter(s -> !s.isEmpty());
    }
}
