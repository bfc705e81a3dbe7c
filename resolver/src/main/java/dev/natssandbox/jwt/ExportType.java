package dev.natssandbox.jwt;

import java.util.Locale;
import java.util.Optional;

/** Kind of an export or import. */
public enum ExportType {
    /** Messages flow from the exporter to importers' subscribers. */
    STREAM,
    /** Importers send requests that the exporter's subscribers answer. */
    SERVICE;

    /**
     * @return the wire value: {@code stream} or {@code service}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value {@code stream} or {@code service} (any case)
     * @return the type, or empty for anything else
     */
    public static Optional<ExportType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "stream" -> Optional.of(STREAM);
            case "service" -> Optional.of(SERVICE);
            default -> Optional.empty();
        };
    }
}
