package dev.natssandbox.server;

import java.util.regex.Pattern;

/** Removes anything that looks like an nkey seed from text that is about to be shown or logged. */
public final class Redaction {
    private static final Pattern SEED = Pattern.compile("S[OAUNCP][A-Z2-7]{56}");

    private Redaction() {
    }

    /**
     * @param text any text
     * @return the text with every seed-shaped token replaced by {@code <redacted seed>}
     */
    public static String redact(String text) {
        return text == null ? null : SEED.matcher(text).replaceAll("<redacted seed>");
    }
}
