package dev.natssandbox.sandbox;

/** Whether a sandbox's directory (config, keys, creds, log) survives {@link Sandbox#close()}. */
public enum KeepFiles {
    /** Always delete it. */
    NEVER,
    /** Keep it when something failed (start, reload, server death, or {@link Sandbox#markFailed}); the default. */
    ON_FAILURE,
    /** Always keep it. */
    ALWAYS;

    /**
     * @param failed whether something failed
     * @return whether the directory survives
     */
    public boolean keeps(boolean failed) {
        return this == ALWAYS || this == ON_FAILURE && failed;
    }
}
