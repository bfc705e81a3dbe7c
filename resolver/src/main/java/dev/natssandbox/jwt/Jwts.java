package dev.natssandbox.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Encodes and decodes NATS JWTs exactly as the reference library (nats-io/jwt v2) does.
 *
 * <ul>
 *   <li>Header {@code {"typ":"JWT","alg":"ed25519-nkey"}}; token = b64url(header).b64url(payload).b64url(sig),
 *   raw URL-safe base64 without padding; Ed25519 signature by the issuer over {@code header.payload}.</li>
 *   <li>{@code jti} = base32 (no padding) of SHA-512/256 over the JSON of the standard claims (aud, exp, iat, iss,
 *   name, nbf, sub; empty ones left out).</li>
 *   <li>Decoding accepts v2 and v1 tokens (v1: {@code alg ed25519}, claim type at the top level, signature over
 *   the payload only) and always verifies the signature.</li>
 * </ul>
 */
public final class Jwts {
    /** The only header this library writes. */
    public static final String HEADER_JSON = "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}";
    /** Tokens larger than this are refused, as the reference does. */
    public static final int MAX_TOKEN_SIZE = 1024 * 1024;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER_B64 = B64.encodeToString(HEADER_JSON.getBytes(StandardCharsets.UTF_8));
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Jwts() {
    }

    /**
     * The standard claims of a token to encode; {@code iss} and {@code jti} are computed.
     *
     * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
     */
    public static final class Standard {
        private final String subject;
        private final String name;
        private final String audience;
        private final long issuedAt;
        private final long expires;
        private final long notBefore;
        /** Normalizes {@code null} strings to empty. */
        private Standard(String subject, String name, String audience, long issuedAt, long expires, long notBefore) {
            subject = subject == null ? "" : subject;
            name = name == null ? "" : name;
            audience = audience == null ? "" : audience;
            this.subject = subject;
            this.name = name;
            this.audience = audience;
            this.issuedAt = issuedAt;
            this.expires = expires;
            this.notBefore = notBefore;
        }

        /**
         * @param subject the public key the token describes
         * @param name    a name
         * @return standard claims issued now, never expiring
         */
        public static Standard of(String subject, String name) {
            return new Standard(subject, name, "", 0, 0, 0);
        }

        /**
         * @return the public key the token describes
         */
        public String subject() {
            return subject;
        }

        /**
         * @return a name, or empty
         */
        public String name() {
            return name;
        }

        /**
         * @return {@code aud}, or empty
         */
        public String audience() {
            return audience;
        }

        /**
         * @return unix seconds; 0 means now
         */
        public long issuedAt() {
            return issuedAt;
        }

        /**
         * @return unix seconds; 0 means never
         */
        public long expires() {
            return expires;
        }

        /**
         * @return unix seconds; 0 means immediately
         */
        public long notBefore() {
            return notBefore;
        }

        /**
         * Starts a builder; every other value starts at its default.
         *
         * @param subject the public key the token describes
         * @return a builder
         */
        public static Builder builder(String subject) {
            return new Builder(subject);
        }

        /**
         * @return a builder that starts from this value
         */
        public Builder toBuilder() {
            Builder b = new Builder(subject);
            b.name = name;
            b.audience = audience;
            b.issuedAt = issuedAt;
            b.expires = expires;
            b.notBefore = notBefore;
            return b;
        }

        /**
         * Builds {@link Standard} values; mutable, not thread-safe.
         */
        public static final class Builder {
            private String subject;
            private String name;
            private String audience;
            private long issuedAt;
            private long expires;
            private long notBefore;

            private Builder(String subject) {
                this.subject = subject;
            }

            /**
             * @param subject the public key the token describes
             * @return this builder
             */
            public Builder subject(String subject) {
                this.subject = subject;
                return this;
            }

            /**
             * @param name a name, or empty
             * @return this builder
             */
            public Builder name(String name) {
                this.name = name;
                return this;
            }

            /**
             * @param audience {@code aud}, or empty
             * @return this builder
             */
            public Builder audience(String audience) {
                this.audience = audience;
                return this;
            }

            /**
             * @param issuedAt unix seconds; 0 means now
             * @return this builder
             */
            public Builder issuedAt(long issuedAt) {
                this.issuedAt = issuedAt;
                return this;
            }

            /**
             * @param expires unix seconds; 0 means never
             * @return this builder
             */
            public Builder expires(long expires) {
                this.expires = expires;
                return this;
            }

            /**
             * @param notBefore unix seconds; 0 means immediately
             * @return this builder
             */
            public Builder notBefore(long notBefore) {
                this.notBefore = notBefore;
                return this;
            }

            /**
             * @return the value; checked as the type's rules require
             */
            public Standard build() {
                return new Standard(subject, name, audience, issuedAt, expires, notBefore);
            }
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Standard other)) {
                return false;
            }
            return Objects.equals(subject, other.subject)
                    && Objects.equals(name, other.name)
                    && Objects.equals(audience, other.audience)
                    && issuedAt == other.issuedAt
                    && expires == other.expires
                    && notBefore == other.notBefore;
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, name, audience, issuedAt, expires, notBefore);
        }

        @Override
        public String toString() {
            return "Standard[subject=" + subject + ", name=" + name + ", audience=" + audience
                    + ", issuedAt=" + issuedAt + ", expires=" + expires + ", notBefore=" + notBefore + "]";
        }
    }

    /**
     * Encodes and signs a token.
     *
     * @param standard the standard claims
     * @param claims   the {@code nats} section
     * @param signer   the issuer: an operator key for operator and account tokens, an account key for user tokens
     * @return the encoded token
     * @throws JwtException when the subject or signer is not of the kind the claim type needs
     */
    public static String encode(Standard standard, NatsClaims claims, NatsKeyPair signer) {
        return encode(standard, claims, signer, Clock.systemUTC());
    }

    /**
     * Same as {@link #encode(Standard, NatsClaims, NatsKeyPair)} with the clock that sets {@code iat} when the
     * standard claims leave it 0.
     *
     * @param standard the standard claims
     * @param claims   the {@code nats} section
     * @param signer   the issuer
     * @param clock    the clock for {@code iat}
     * @return the encoded token
     */
    public static String encode(Standard standard, NatsClaims claims, NatsKeyPair signer, Clock clock) {
        checkKinds(standard.subject(), claims, signer);
        long iat = standard.issuedAt() != 0 ? standard.issuedAt() : clock.instant().getEpochSecond();
        String issuer = signer.publicKey();
        String jti = jti(standard.audience(), standard.expires(), iat, issuer, standard.name(),
                standard.notBefore(), standard.subject());

        GoJson j = new GoJson(512).beginObject();
        ClaimsWriter.writeStandard(j, standard.audience(), standard.expires(), jti, iat, issuer, standard.name(),
                standard.notBefore(), standard.subject());
        ClaimsWriter.writeNats(j, claims);
        String payload = j.endObject().toString();

        String signingInput = HEADER_B64 + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        byte[] sig = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(sig);
    }

    private static void checkKinds(String subject, NatsClaims claims, NatsKeyPair signer) {
        KeyKind subjectKind;
        KeyKind signerKind;
        switch (claims.type()) {
            case OperatorClaims.TYPE -> {
                subjectKind = KeyKind.OPERATOR;
                signerKind = KeyKind.OPERATOR;
            }
            case AccountClaims.TYPE -> {
                subjectKind = KeyKind.ACCOUNT;
                signerKind = KeyKind.OPERATOR;
            }
            case UserClaims.TYPE -> {
                subjectKind = KeyKind.USER;
                signerKind = KeyKind.ACCOUNT;
            }
            case ActivationClaims.TYPE -> {
                subjectKind = KeyKind.ACCOUNT;
                signerKind = KeyKind.ACCOUNT;
            }
            case AuthorizationRequestClaims.TYPE -> {
                subjectKind = KeyKind.ACCOUNT;
                signerKind = KeyKind.SERVER;
            }
            case AuthorizationResponseClaims.TYPE -> {
                subjectKind = KeyKind.USER;
                signerKind = KeyKind.ACCOUNT;
            }
            default -> {
                if (subject.isEmpty()) {
                    throw new JwtException("cannot encode a " + claims.type() + " token without a subject");
                }
                return;
            }
        }
        try {
            NatsKeyPair.requirePublicKey(subject, subjectKind);
        } catch (InvalidInputException e) {
            throw new JwtException("subject of " + claims.type() + " token: " + e.getMessage(), e);
        }
        if (signer.kind() != signerKind) {
            throw new JwtException(claims.type() + " tokens are signed by " + signerKind.label() + " keys; got "
                    + signer.kind().label() + " key [" + signer.publicKey() + "]");
        }
    }

    /**
     * Computes the reference {@code jti}.
     *
     * @param audience  aud
     * @param expires   exp
     * @param issuedAt  iat
     * @param issuer    iss
     * @param name      name
     * @param notBefore nbf
     * @param subject   sub
     * @return base32 (no padding) of SHA-512/256 over the standard claims' JSON
     */
    public static String jti(String audience, long expires, long issuedAt, String issuer, String name,
                             long notBefore, String subject) {
        String json = ClaimsWriter.standardClaimsJson(audience, expires, issuedAt, issuer, name, notBefore, subject);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-512/256").digest(json.getBytes(StandardCharsets.UTF_8));
            return base32NoPadding(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new NatsSandboxException("this JVM has no SHA-512/256 digest (Java 17+ is required)", e);
        }
    }

    private static String base32NoPadding(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * Decodes a token and verifies its signature against its issuer.
     *
     * @param token an encoded token (surrounding whitespace is ignored)
     * @return the decoded token
     * @throws JwtException naming the part that is malformed, or when the signature does not verify
     */
    public static Jwt decode(String token) {
        if (token == null || token.isBlank()) {
            throw new JwtException("token is empty; expected a JWT (three base64url parts separated by '.')");
        }
        token = token.strip();
        if (token.length() > MAX_TOKEN_SIZE) {
            throw new JwtException("token has " + token.length() + " characters; the maximum is " + MAX_TOKEN_SIZE);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtException("token has " + parts.length + " part" + (parts.length == 1 ? "" : "s")
                    + "; a JWT has three base64url parts separated by '.'");
        }
        JsonNode header = json(base64(parts[0], "header"), "header");
        String typ = ClaimsReader.text(header, "typ", "header");
        String alg = ClaimsReader.text(header, "alg", "header");
        if (!"JWT".equals(typ.toUpperCase(Locale.ROOT))) {
            throw new JwtException("header typ [" + typ + "] is not JWT");
        }
        String lowerAlg = alg.toLowerCase(Locale.ROOT);
        if (!lowerAlg.equals("ed25519") && !lowerAlg.equals("ed25519-nkey")) {
            throw new JwtException("header alg [" + alg + "] is not ed25519-nkey (or ed25519 for v1 tokens)");
        }
        byte[] payloadBytes = base64(parts[1], "payload");
        JsonNode payload = json(payloadBytes, "payload");
        if (!payload.isObject()) {
            throw new JwtException("payload is not a JSON object");
        }
        JsonNode nats = payload.get("nats");
        if (nats != null && !nats.isNull() && !nats.isObject()) {
            throw new JwtException("payload field nats must be an object");
        }
        // As the reference decides it: a top-level "type" marks a v1 token.
        String topType = ClaimsReader.text(payload, "type", "");
        long version;
        String type;
        if (!topType.isEmpty()) {
            version = 1;
            type = topType;
        } else {
            type = ClaimsReader.text(nats, "type", "nats");
            version = ClaimsReader.number(nats, "version", "nats");
        }
        if (version > 2) {
            throw new JwtException("token version [" + version + "] is newer than this library supports (2)");
        }
        boolean known = type.equals(OperatorClaims.TYPE) || type.equals(AccountClaims.TYPE)
                || type.equals(UserClaims.TYPE);
        if (known && version < 1) {
            throw new JwtException(type + " token has nats.version [" + version
                    + "]; expected 2 (or a v1 token with its type at the top level)");
        }
        String issuer = ClaimsReader.text(payload, "iss", "");
        if (issuer.isEmpty()) {
            throw new JwtException("payload has no iss (issuer); cannot verify the signature");
        }
        byte[] sig = base64(parts[2], "signature");
        String signed = version <= 1 ? parts[1] : parts[0] + "." + parts[1];
        boolean valid;
        try {
            valid = NatsKeyPair.verify(issuer, signed.getBytes(StandardCharsets.US_ASCII), sig);
        } catch (InvalidInputException e) {
            throw new JwtException("issuer: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new JwtException("signature does not verify against issuer [" + issuer
                    + "]; the token was altered or not signed by its issuer");
        }
        NatsClaims claims = ClaimsReader.read(type, (int) version, payload, nats);
        checkIssuerKind(type, issuer);
        return Jwt.builder(token, claims).version((int) Math.max(version, 1)).algorithm(alg)
                .id(ClaimsReader.text(payload, "jti", "")).audience(ClaimsReader.text(payload, "aud", ""))
                .expires(ClaimsReader.number(payload, "exp", "")).issuedAt(ClaimsReader.number(payload, "iat", ""))
                .issuer(issuer).name(ClaimsReader.text(payload, "name", ""))
                .notBefore(ClaimsReader.number(payload, "nbf", "")).subject(ClaimsReader.text(payload, "sub", ""))
                .payloadJson(new String(payloadBytes, StandardCharsets.UTF_8)).build();
    }

    /** The issuer kinds nats-io/jwt accepts for each claim type ({@code ExpectedPrefixes}), usual one first. */
    private static void checkIssuerKind(String type, String issuer) {
        List<KeyKind> expected = switch (type) {
            case OperatorClaims.TYPE -> List.of(KeyKind.OPERATOR);
            case AccountClaims.TYPE -> List.of(KeyKind.OPERATOR, KeyKind.ACCOUNT);
            case UserClaims.TYPE -> List.of(KeyKind.ACCOUNT);
            case ActivationClaims.TYPE -> List.of(KeyKind.ACCOUNT, KeyKind.OPERATOR);
            case AuthorizationRequestClaims.TYPE -> List.of(KeyKind.SERVER);
            case AuthorizationResponseClaims.TYPE -> List.of(KeyKind.ACCOUNT);
            default -> List.of();
        };
        KeyKind actual = KeyKind.ofPublicKey(issuer).orElse(null);
        if (!expected.isEmpty() && !expected.contains(actual)) {
            throw new JwtException(type + " token issued by [" + issuer + "]; expected an issuer of kind "
                    + expected.stream().map(KeyKind::label).collect(Collectors.joining(" or ")));
        }
    }

    private static byte[] base64(String part, String what) {
        if (part.indexOf('=') >= 0) {
            throw new JwtException(what + " is padded with '='; the reference reads unpadded base64url only, so it "
                    + "refuses the token: remove the padding");
        }
        try {
            return B64D.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwtException(what + " is not base64url: " + e.getMessage(), e);
        }
    }

    private static JsonNode json(byte[] bytes, String what) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new JwtException(what + " is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new JwtException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new JwtException(what + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Unix seconds as an ISO instant, or as the number itself when it lies beyond what a calendar can show: the
     * reference accepts any 64-bit {@code iat}, {@code exp} or {@code nbf}, so showing one must not fail.
     *
     * @param unixSeconds seconds since the epoch
     * @return e.g. {@code 2026-12-05T10:00:00Z}, or {@code unix time 7411530780910204638}
     */
    public static String formatTime(long unixSeconds) {
        try {
            return java.time.Instant.ofEpochSecond(unixSeconds).toString();
        } catch (java.time.DateTimeException e) {
            return "unix time " + unixSeconds;
        }
    }

    /**
     * @param claims claims to render
     * @return the claims' {@code nats} section as the reference would write it (no whitespace)
     */
    public static String natsJson(NatsClaims claims) {
        GoJson j = new GoJson(512);
        ClaimsWriter.writeNats(j.beginObject(), claims);
        String s = j.endObject().toString();
        return s.substring("{\"nats\":".length(), s.length() - 1);
    }
}
