package dev.natssandbox.cli;

import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import picocli.CommandLine;

import java.util.Locale;

/** {@code --resolver memory|url|full|cache}: overrides the spec's {@code server.resolver}. */
final class ResolverOption {
    private ResolverOption() {
    }

    /**
     * @param spec    the spec as read
     * @param value   the option's value, or {@code null} to keep the spec's resolver
     * @param command for the usage error
     * @return the spec with that resolver
     */
    static SandboxSpec apply(SandboxSpec spec, String value, CommandLine command) {
        if (value == null) {
            return spec;
        }
        ResolverType type;
        try {
            type = ResolverType.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command, "--resolver [" + value + "] is unknown; use memory, "
                    + "url, full or cache");
        }
        return spec.toBuilder().resolver(type).build();
    }
}
