package dev.natssandbox.samples;

import dev.natssandbox.junit.Account;
import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.junit.User;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Memory Resolver Tutorial (seed 003): the account JWTs live in the server's configuration, no account server.
 *
 * <pre>
 * nsc add operator -n memory
 * nsc add account --name A
 * nsc add user --name TA
 * nsc generate config --mem-resolver --config-file /tmp/server.conf
 * nats-server -c /tmp/server.conf
 * nats pub --creds ~/.nkeys/creds/memory/A/TA.creds hello world
 * </pre>
 *
 * The tutorial's configuration has this shape:
 * <pre>
 * operator: /Users/synadia/.nsc/nats/memory/memory.jwt     # or the JWT itself
 * resolver: MEMORY
 * resolver_preload: {
 *     ACSU3Q6LTLBVLGAQUONAGXJHVNWGSKKAUA7IY5TB4Z7PLEKSR5O6JTGR: eyJ0eXAiOiJqd3QiLCJhbGciOiJlZDI1NTE5In0…
 * }
 * </pre>
 *
 * The sandbox writes the same, as {@code nsc generate config --mem-resolver} does: the operator JWT inline, a
 * {@code system_account} (the sandbox always has one, like {@code nsc add operator --sys}) and every account
 * preloaded, the system account included (nats-server refuses to start without it).
 */
@NatsSandbox(operator = "memory", accounts = @Account(name = "A", users = @User(name = "TA")))
class MemoryResolverTutorialIT {
    /** The account JWT printed in the tutorial: a v1 token (typ "jwt", alg "ed25519", a top-level "type"). */
    private static final String TUTORIAL_ACCOUNT_JWT =
            "eyJ0eXAiOiJqd3QiLCJhbGciOiJlZDI1NTE5In0.eyJqdGkiOiJPRFhJSVI2Wlg1Q1AzMlFJTFczWFBENEtTSDYzUFNNSEZHUkpa"
            + "T05DR1RLVVBISlRLQ0JBIiwiaWF0IjoxNTU2NjU1Njk0LCJpc3MiOiJPRFdaSjJLQVBGNzZXT1dNUENKRjZCWTRRSVBMVFVJWTRK"
            + "SUJMVTRLM1lERzNHSElXQlZXQkhVWiIsIm5hbWUiOiJBIiwic3ViIjoiQUNTVTNRNkxUTEJWTEdBUVVPTkFHWEpIVk5XR1NLS0FV"
            + "QTdJWTVUQjRaN1BMRUtTUjVPNkpUR1IiLCJ0eXBlIjoiYWNjb3VudCIsIm5hdHMiOnsibGltaXRzIjp7InN1YnMiOi0xLCJjb25u"
            + "IjotMSwibGVhZiI6LTEsImltcG9ydHMiOi0xLCJleHBvcnRzIjotMSwiZGF0YSI6LTEsInBheWxvYWQiOi0xLCJ3aWxkY2FyZHMi"
            + "OnRydWV9fX0._WW5C1triCh8a4jhyBxEZZP8RJ17pINS8qLzz-01o6zbz1uZfTOJGvwSTS6Yv2_849B9iUXSd-8kp1iMXHdoBA";
    private static final Duration SAFETY_NET = Duration.ofSeconds(10);

    /** {@code nsc generate config --mem-resolver}: read back the configuration the running server was started with. */
    @Test
    void theServerConfigurationHasTheTutorialsShape(Sandbox sandbox) throws Exception {
        Path file = sandbox.configFile();
        String text = Files.readString(file);
        Hierarchy h = sandbox.hierarchy();
        AccountIdentity a = h.account("A");
        AccountIdentity sys = h.systemAccount();

        assertTrue(text.contains("\nresolver: MEMORY\n"), text);
        assertTrue(text.contains("\nresolver_preload: {\n"), text);
        // "<public key for an account>: <contents of the account jwt>", one line per account.
        assertTrue(text.contains(a.publicKey() + ": " + a.jwt() + "\n"), text);

        String operator = value(text, "operator");
        assertEquals(h.operator().jwt(), operator);
        assertEquals("memory", Jwts.decode(operator).name());
        assertEquals(sys.publicKey(), value(text, "system_account"));
        Map<String, String> preload = new HashMap<>();
        Matcher entry = Pattern.compile("^  (A[A-Z2-7]{55}): (\\S+)$", Pattern.MULTILINE).matcher(text);
        while (entry.find()) {
            preload.put(entry.group(1), entry.group(2));
        }
        assertEquals(Set.of(a.publicKey(), sys.publicKey()), preload.keySet());
        assertEquals(a.jwt(), preload.get(a.publicKey()));

        // The preloaded JWT is account A, signed by the operator memory, with nsc's defaults ("Unlimited").
        Jwt preloaded = Jwts.decode(preload.get(a.publicKey()));
        assertEquals("A", preloaded.name());
        assertEquals(h.operator().publicKey(), preloaded.issuer());
        assertEquals(AccountLimits.DEFAULT, preloaded.account().limits());
    }

    /** {@code nats pub --creds …/TA.creds hello world}, with a subscriber to see it arrive ({@link NscBasicsIT}). */
    @Test
    void taPublishesHelloWorld(@NatsUser("TA") Connection subscriber, @NatsUser("TA") Connection publisher)
            throws Exception {
        Subscription hello = subscriber.subscribe("hello");
        subscriber.flush(SAFETY_NET);
        publisher.publish("hello", "world".getBytes(StandardCharsets.UTF_8));
        publisher.flush(SAFETY_NET);
        subscriber.flush(SAFETY_NET);

        assertEquals(1, hello.getPendingMessageCount());
        Message received = hello.nextMessage(Duration.ofMillis(1)); // already queued: returns at once
        assertEquals("world", new String(received.getData(), StandardCharsets.UTF_8));
    }

    /**
     * The tutorial's own account JWT, copied from its page: a v1 token (nsc of 2019), decoded and its signature
     * verified against its issuer — what {@code nsc describe account -W} showed for it.
     */
    @Test
    void theTutorialsAccountJwtDecodes() {
        Jwt jwt = Jwts.decode(TUTORIAL_ACCOUNT_JWT);

        assertEquals(1, jwt.version());
        assertEquals("account", jwt.type());
        assertEquals("A", jwt.name());
        assertEquals("ACSU3Q6LTLBVLGAQUONAGXJHVNWGSKKAUA7IY5TB4Z7PLEKSR5O6JTGR", jwt.subject()); // Account ID
        assertEquals("ODWZJ2KAPF76WOWMPCJF6BY4QIPLTUIY4JIBLU4K3YDG3GHIWBVWBHUZ", jwt.issuer());  // Issuer ID
        assertEquals(Instant.parse("2019-04-30T20:21:34Z").getEpochSecond(), jwt.issuedAt());  // Issued
        assertEquals(0, jwt.expires());                                                          // Expires: never

        // Max Connections, Leaf Node Connections, Data, Exports, Imports, Msg Payload, Subscriptions: Unlimited.
        AccountLimits limits = jwt.account().limits();
        assertEquals(-1, limits.conn());
        assertEquals(-1, limits.leaf());
        assertEquals(-1, limits.data());
        assertEquals(-1, limits.exports());
        assertEquals(-1, limits.imports());
        assertEquals(-1, limits.payload());
        assertEquals(-1, limits.subs());
        assertTrue(limits.wildcards()); // Exports Allows Wildcards: True
    }

    /** Decoding verifies the signature: the same claims with another name no longer match what the issuer signed. */
    @Test
    void aTamperedTokenIsRejected() {
        String[] parts = TUTORIAL_ACCOUNT_JWT.split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
        String renamed = payload.replace("\"name\":\"A\"", "\"name\":\"B\"");
        String tampered = parts[0] + "." + encoder.encodeToString(renamed.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        JwtException e = assertThrows(JwtException.class, () -> Jwts.decode(tampered));
        assertTrue(e.getMessage().contains("signature does not verify"), e.getMessage());
    }

    /** @return the value of a top-level {@code key: value} line of a nats-server configuration */
    static String value(String config, String key) {
        Matcher m = Pattern.compile("^" + Pattern.quote(key) + ": (\\S+)$", Pattern.MULTILINE).matcher(config);
        assertTrue(m.find(), () -> "no " + key + " in\n" + config);
        return m.group(1);
    }
}
