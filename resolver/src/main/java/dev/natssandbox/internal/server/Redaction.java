package dev.natssandbox.internal.server;

/** Removes anything that looks like an nkey seed from text that is about to be shown or logged. */
public final class Redaction {
    private Redaction() {
    }

    /**
     * @param text any text
     * @return the text with every seed-shaped token replaced by {@code <redacted seed>}
     */
    public static String redact(String text) {
        return dev.natssandbox.NatsSandboxException.redactSeeds(text);
    }
}
