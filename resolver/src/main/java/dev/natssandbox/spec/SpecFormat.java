package dev.natssandbox.spec;

import java.util.Locale;
import java.util.Optional;

/** The two notations of a spec file. Both describe the same schema. */
public enum SpecFormat {
    /** YAML ({@code .yaml}, {@code .yml}). */
    YAML,
    /** JSON ({@code .json}). */
    JSON;

    /**
     * @param fileName a file or resource name
     * @return the format its extension names ({@code .yaml}, {@code .yml}, {@code .json}, any case), or empty
     */
    public static Optional<SpecFormat> ofFileName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return Optional.of(YAML);
        }
        if (n.endsWith(".json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }

    /**
     * Guesses the format of a text without a telling name: JSON when the first character that is not whitespace
     * is <code>{</code>, else YAML.
     *
     * @param text the spec text
     * @return the format to parse it with
     */
    public static SpecFormat sniff(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '{' ? JSON : YAML;
            }
        }
        return YAML;
    }
}
