package dev.natssandbox.jwt;

import java.util.Optional;

/** How many responses a service export sends per request. */
public enum ResponseType {
    /** One response (the default). */
    SINGLETON("Singleton"),
    /** Any number of responses. */
    STREAM("Stream"),
    /** A response in several chunks. */
    CHUNKED("Chunked");

    private final String wireName;

    ResponseType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * @return the wire value: {@code Singleton}, {@code Stream} or {@code Chunked}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * @param value a wire value (any case)
     * @return the type, or empty for anything else
     */
    public static Optional<ResponseType> parse(String value) {
        for (ResponseType t : values()) {
            if (t.wireName.equalsIgnoreCase(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
