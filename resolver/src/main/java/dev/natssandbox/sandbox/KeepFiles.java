package dev.natssandbox.sandbox;

/** Whether a sandbox's directory (config, keys, creds, log) survives {@link Sandbox#close()}. */
public enum KeepFiles {
    /** Always delete it. */
    NEVER,
    /**
     * Keep it when a started sandbox failed (reload, server death, or {@link Sandbox#markFailed}); the default. A
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
        return this == ALWAYS || this == ON_FAILURE && failed;
    }
}
