package dev.natssandbox.jwt;

import dev.natssandbox.keys.NatsKeyPair;
import io.nats.client.support.Encoding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

/**
 * Test helpers that build and take apart tokens without {@link Jwts}, so that tests compare our encoder against an
 * independent computation.
 */
final class TokenFixtures {
    /** The issue time of every token the tests encode. */
    static final long IAT = 1_700_000_000L;
    /** A clock stopped at {@link #IAT}. */
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(IAT), ZoneOffset.UTC);
    static final String V2_HEADER = "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}";
    static final String V1_HEADER = "{\"typ\":\"jwt\",\"alg\":\"ed25519\"}";

    private TokenFixtures() {
    }

    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String unb64(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    /** @return the token's payload JSON */
    static String payload(String token) {
        return unb64(token.split("\\.")[1]);
    }

    /** A v2 token with a signature over {@code header.payload}, made by hand. */
    static String signV2(String headerJson, String payloadJson, NatsKeyPair signer) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + b64(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A v1 token: the signature covers only the payload part. */
    static String signV1(String payloadJson, NatsKeyPair signer) {
        String payload = b64(payloadJson);
        return b64(V1_HEADER) + "." + payload + "." + b64(signer.sign(payload.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The reference jti, computed here: base32 (standard alphabet, no padding; jnats' codec) of SHA-512/256 over the
     * standard claims JSON, written by the caller.
     */
    static String jti(String standardClaimsJson) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-512/256")
                    .digest(standardClaimsJson.getBytes(StandardCharsets.UTF_8));
            String encoded = new String(Encoding.base32Encode(hash)).replace("=", "");
            if (encoded.length() != 52) {
                throw new AssertionError("base32 of 32 bytes has 52 characters, got " + encoded);
            }
            return encoded;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Replaces {@code ${NAME}} placeholders; fails when one is left. */
    static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (out.contains("${")) {
            throw new AssertionError("unfilled placeholder in " + out);
        }
        return out;
    }
}
