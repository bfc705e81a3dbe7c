package dev.natssandbox.sandbox;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a sandbox's directory (config, keys, creds, log) survives {@link Sandbox#close()}. The one vocabulary of
 * the builder, the JUnit annotation and builder, and the configuration parameter {@code natssandbox.keepFiles}.
 */
public enum KeepFiles {
    /**
     * Not chosen here: the annotation's default. The JUnit extension then reads the configuration parameter
     * {@code natssandbox.keepFiles}; everywhere else, and when that is unset, it means {@link #ON_FAILURE}.
     */
    DEFAULT,
    /** Always delete it. */
    NEVER,
    /**
     * Keep it when a started sandbox failed (reload, server death, or a failed test of the JUnit extension); the default. A
     * start that fails removes its directory: its exception carries the command line, exit code and log tail.
     */
    ON_FAILURE,
    /** Always keep it, a failed start's too (its exception then says where). */
    ALWAYS;

    /**
     * @param failed whether something failed
     * @return whether the directory survives
     */
    public boolean keeps(boolean failed) {
        return this == ALWAYS || (this == ON_FAILURE || this == DEFAULT) && failed;
    }

    /**
     * @param value {@code never}, {@code on_failure} or {@code always} (any case); {@code default} is not a choice
     *              but the annotation's marker for "not chosen", so it parses to empty
     * @return the setting, or empty
     */
    public static Optional<KeepFiles> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            KeepFiles k = valueOf(value.strip().toUpperCase(Locale.ROOT));
            return k == DEFAULT ? Optional.empty() : Optional.of(k);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
