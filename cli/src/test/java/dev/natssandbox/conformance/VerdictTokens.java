package dev.natssandbox.conformance;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hand-made tokens, each signed by its issuer, on which the reference's verdict is known: values it refuses
 * (padding, a version it cannot read, a malformed field, keys that are not keys, an unknown type) and values it
 * accepts although they are extreme (times beyond the calendar).
 */
final class VerdictTokens {
    private static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}";

    private VerdictTokens() {
    }

    /** @return label to token; labels starting with {@code ok-} are tokens the reference accepts */
    static Map<String, String> all() {
        NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);
        NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
        String user = NatsKeyPair.generate(KeyKind.USER).publicKey();
        String acct = account.publicKey();
        String op = operator.publicKey();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("ok-user", sign(userJson(user, acct, "1700000000", "{}"), account));
        t.put("ok-account", sign(accountJson(acct, op, "{}"), operator));
        t.put("ok-operator", sign(operatorJson(op, "\"system_account\":\"" + acct + "\""), operator));
        t.put("ok-huge-iat", sign(userJson(user, acct, "7411530780910204638", "{}"), account));
        t.put("ok-very-negative-nbf", sign(userJson(user, acct, "1700000000", "{}")
                .replace("\"iat\":", "\"nbf\":-9223372036854775807,\"iat\":"), account));
        t.put("ok-exp-long-max", sign(userJson(user, acct, "1700000000", "{}")
                .replace("\"iat\":", "\"exp\":9223372036854775807,\"iat\":"), account));
        String good = t.get("ok-user");
        t.put("padded-signature", good + "==");
        t.put("version-4294967298", sign(userJson(user, acct, "1700000000", "{}")
                .replace("\"version\":2", "\"version\":4294967298"), account));
        t.put("resp-string", sign(userJson(user, acct, "1700000000", "{}")
                .replace("\"type\":\"user\"", "\"resp\":\"x\",\"type\":\"user\""), account));
        t.put("signing-keys-nope", sign(accountJson(acct, op, "{}")
                .replace("\"type\":\"account\"", "\"signing_keys\":[\"nope\"],\"type\":\"account\""), operator));
        t.put("bogus-type", sign(userJson(user, acct, "1700000000", "{}").replace("\"type\":\"user\"",
                "\"type\":\"bogus\""), account));
        t.put("system-account-nope", sign(operatorJson(op, "\"system_account\":\"nope\""), operator));
        t.put("operator-signing-keys-nope", sign(operatorJson(op, "\"signing_keys\":[\"nope\"]"), operator));
        t.put("user-pub-queue", sign(userJson(user, acct, "1700000000", "{}").replace("\"type\":\"user\"",
                "\"pub\":{\"allow\":[\"a q\"]},\"type\":\"user\""), account));
        t.put("user-time-24", sign(userJson(user, acct, "1700000000", "{}").replace("\"type\":\"user\"",
                "\"times\":[{\"start\":\"24:00:00\",\"end\":\"01:00:00\"}],\"type\":\"user\""), account));
        t.put("account-mapping-200", sign(accountJson(acct, op, "{}").replace("\"type\":\"account\"",
                "\"mappings\":{\"a\":[{\"subject\":\"b\"},{\"subject\":\"c\",\"weight\":0}]},\"type\":\"account\""),
                operator));
        t.put("account-info-url", sign(accountJson(acct, op, "{}").replace("\"type\":\"account\"",
                "\"info_url\":\"example.com\",\"type\":\"account\""), operator));
        t.put("user-issuer-account-nope", sign(userJson(user, acct, "1700000000", "{}").replace("\"type\":\"user\"",
                "\"issuer_account\":\"nope\",\"type\":\"user\""), account));
        // User limits: src as Go's net.ParseCIDR reads it (array or comma-separated string), the time zone by name.
        Map<String, String> src = new LinkedHashMap<>();
        src.put("ok-src-ipv4", "[\"10.0.0.0/8\",\"127.0.0.1/32\"]");
        src.put("ok-src-ipv6", "[\"::1/128\",\"fe80::/10\",\"::ffff:10.0.0.1/128\",\"::/0\"]");
        src.put("ok-src-prefix-leading-zeros", "[\"10.0.0.0/0008\"]");
        src.put("ok-src-string", "\"10.0.0.0/8, ::1/128\"");
        src.put("src-no-prefix", "[\"10.0.0.1\"]");
        src.put("src-octet-leading-zero", "[\"010.0.0.1/32\"]");
        src.put("src-prefix-33", "[\"10.0.0.0/33\"]");
        src.put("src-prefix-129", "[\"::1/129\"]");
        src.put("src-zone", "[\"fe80::1%eth0/64\"]");
        src.put("src-two-ellipses", "[\"1::2::3/64\"]");
        src.put("src-five-hex-digits", "[\"12345::/16\"]");
        src.put("src-ipv4-not-last", "[\"1.2.3.4::/64\"]");
        src.put("src-empty-entry", "[\"\"]");
        src.put("src-host-name", "[\"localhost/32\"]");
        src.put("src-bad-in-string", "\"10.0.0.0/8,nope\"");
        src.forEach((label, value) -> t.put(label, sign(userJson(user, acct, "1700000000", "{}").replace(
                "\"type\":\"user\"", "\"src\":" + value + ",\"type\":\"user\""), account)));
        t.put("ok-times-location", sign(userJson(user, acct, "1700000000", "{}").replace("\"type\":\"user\"",
                "\"times\":[{\"start\":\"08:00:00\",\"end\":\"17:00:00\"}],\"times_location\":"
                        + "\"Europe/Berlin\",\"type\":\"user\""), account));
        t.put("times-location-offset", sign(userJson(user, acct, "1700000000", "{}").replace("\"type\":\"user\"",
                "\"times_location\":\"+01:00\",\"type\":\"user\""), account));
        t.put("times-location-unknown", sign(userJson(user, acct, "1700000000", "{}").replace("\"type\":\"user\"",
                "\"times_location\":\"Nowhere/Atlantis\",\"type\":\"user\""), account));
        return t;
    }

    private static String userJson(String sub, String iss, String iat, String ignored) {
        return "{\"jti\":\"J\",\"iat\":" + iat + ",\"iss\":\"" + iss + "\",\"name\":\"u\",\"sub\":\"" + sub
                + "\",\"nats\":{\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1,\"type\":\"user\","
                + "\"version\":2}}";
    }

    private static String accountJson(String sub, String iss, String ignored) {
        return "{\"jti\":\"J\",\"iat\":1700000000,\"iss\":\"" + iss + "\",\"name\":\"A\",\"sub\":\"" + sub
                + "\",\"nats\":{\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
                + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1},\"default_permissions\":{\"pub\":{},\"sub\":{}},"
                + "\"type\":\"account\",\"version\":2}}";
    }

    private static String operatorJson(String key, String extra) {
        return "{\"jti\":\"J\",\"iat\":1700000000,\"iss\":\"" + key + "\",\"name\":\"O\",\"sub\":\"" + key
                + "\",\"nats\":{" + extra + ",\"type\":\"operator\",\"version\":2}}";
    }

    private static String sign(String payload, NatsKeyPair signer) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return input + "." + b64.encodeToString(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
