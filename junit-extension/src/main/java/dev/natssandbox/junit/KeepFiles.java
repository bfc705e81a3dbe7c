package dev.natssandbox.junit;

/** Whether a {@link NatsSandbox}'s directory (config, keys, creds, log) survives the test. */
public enum KeepFiles {
    /** The configuration parameter {@value NatsSandboxExtension#KEEP_FILES_KEY}, else {@link #ON_FAILURE}. */
    DEFAULT,
    /** Always delete it. */
    NEVER,
    /** Keep it when a test using the sandbox failed. */
    ON_FAILURE,
    /** Always keep it. */
    ALWAYS
}
