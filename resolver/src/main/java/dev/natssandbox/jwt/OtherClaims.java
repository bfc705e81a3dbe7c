package dev.natssandbox.jwt;

import java.util.List;

/**
 * A token of a type this library does not model (activation, authorization request/response, generic).
 *
 * @param type     the claim type on the wire
 * @param natsJson the {@code "nats"} section as JSON text (may be {@code "{}"})
 * @param tags     tags, when present
 */
public record OtherClaims(String type, String natsJson, List<String> tags) implements NatsClaims {
    /**
     * Normalizes {@code null} and copies lists.
     *
     * @param type     the claim type on the wire
     * @param natsJson the {@code "nats"} section as JSON text (may be {@code "{}"})
     * @param tags     tags, when present
     */
    public OtherClaims {
        type = type == null ? "" : type;
        natsJson = natsJson == null ? "{}" : natsJson;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
