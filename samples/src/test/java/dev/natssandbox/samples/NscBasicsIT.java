package dev.natssandbox.samples;

import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsServerUrl;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.junit.SandboxScope;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.spec.SpecFiles;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static dev.natssandbox.junit.NatsAssertions.assertDelivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nsc basics walkthrough (seed 000), from "The NSC Environment" to "Client Testing", as one sandbox; its last
 * part, "User Authorization", is {@link ServiceAndClientIT}.
 *
 * <p>The walkthrough types:
 * <pre>
 * nsc add operator -n Test
 * nsc add account -n TestAccount
 * nsc add user -n TestUser
 * nats-account-server -nsc ~/.nsc/nats/Test          # serves the account JWTs
 * nats-server -c server.conf                          # operator: Test.jwt, resolver: URL(...)
 * nats-sub -creds ~/.nkeys/Test/accounts/TestAccount/users/TestUser.creds "&gt;"
 * nats-pub -creds ~/.nkeys/Test/accounts/TestAccount/users/TestUser.creds hello NATS
 * [#1] Received on [hello]: 'NATS'
 * </pre>
 *
 * Here the same hierarchy lives in a spec file, {@code samples/specs/seed-basics.yaml} (the file the README's
 * {@code nats-sandbox up} command serves). {@code @NatsSandbox(spec = "classpath:seed-basics.yaml")} generates the
 * keys and JWTs, writes the server configuration (by default a MEMORY resolver: the JWTs are preloaded into the
 * configuration, see {@link MemoryResolverTutorialIT}; the walkthrough's account server is
 * {@link #theWalkthroughsAccountServerSetup}), starts nats-server and hands out connections authenticated as any
 * user of the file.
 *
 * <p>{@link SandboxScope#SHARED}: every test class of the run that declares the same spec file with the same
 * settings uses one server, started once and stopped when the run ends. Nothing here changes the sandbox, which is
 * what makes sharing safe.
 */
@NatsSandbox(spec = "classpath:seed-basics.yaml", scope = SandboxScope.SHARED)
class NscBasicsIT {
    /** Only a safety net for a server that is gone; no step below waits for it to pass. */
    private static final Duration SAFETY_NET = Duration.ofSeconds(10);

    /**
     * {@code nats-sub ... ">"} and {@code nats-pub ... hello NATS}: the subscriber on {@code >} receives
     * {@code NATS} on {@code hello}.
     *
     * <p>Decided without sleeping, by protocol ordering: nats-server handles one connection's protocol lines in
     * order and answers a PING with a PONG only after everything before it. So once the subscriber's flush returns,
     * the server knows the subscription; once the publisher's flush returns, the server has routed the message; once
     * the subscriber flushes again, the message is already in the subscription's queue.
     */
    @Test
    void testUserPublishesNatsOnHelloAndTheSubscriberOnEverythingReceivesIt(
            @NatsUser("TestUser") Connection subscriber, @NatsUser("TestUser") Connection publisher) throws Exception {
        Subscription everything = subscriber.subscribe(">");
        subscriber.flush(SAFETY_NET);

        publisher.publish("hello", "NATS".getBytes(StandardCharsets.UTF_8));
        publisher.flush(SAFETY_NET);
        subscriber.flush(SAFETY_NET);

        assertEquals(1, everything.getPendingMessageCount(), "one message in the subscription to [>]");
        Message received = everything.nextMessage(Duration.ofMillis(1)); // already queued: returns at once
        assertEquals("hello", received.getSubject());
        assertEquals("NATS", new String(received.getData(), StandardCharsets.UTF_8));
    }

    /**
     * The same check as one assertion. {@code assertDelivered} subscribes, publishes a unique probe payload, flushes
     * both sides in that order and fails with the server's own words if either side was refused; its result carries
     * the delivered message as evidence.
     */
    @Test
    void theSameDeliveryAsAnAssertion(@NatsUser("TestUser") Connection publisher,
                                      @NatsUser("TestUser") Connection subscriber) {
        ProbeResult result = assertDelivered(publisher, "hello", subscriber, ">");

        assertEquals("hello", result.messages().get(0).subject());
        assertTrue(result.delivered());
    }

    /**
     * {@code nsc describe operator / account / user}: the operator signs the account, the account signs the user,
     * and a user made by {@code nsc add user} carries no permissions and unlimited limits (what nsc prints as
     * "Unlimited", "Any"). Public keys start with their kind: {@code O} operator, {@code A} account, {@code U} user.
     */
    @Test
    void theHierarchyIsWhatNscDescribeShows(Sandbox sandbox) {
        Hierarchy h = sandbox.hierarchy();
        AccountIdentity account = h.account("TestAccount");
        UserIdentity user = h.user("TestUser");

        assertEquals("Test", h.operator().name());
        assertTrue(h.operator().publicKey().startsWith("O"), "operator ID");
        assertTrue(account.publicKey().startsWith("A"), "account ID");
        assertTrue(user.publicKey().startsWith("U"), "user ID");

        // "Issuer ID" in nsc describe: each JWT's iss is the key above it (and the signature verifies on decode).
        Jwt accountJwt = Jwts.decode(account.jwt());
        Jwt userJwt = Jwts.decode(user.jwt());
        assertEquals(h.operator().publicKey(), accountJwt.issuer());
        assertEquals(account.publicKey(), userJwt.issuer());

        // "Max Connections ... Unlimited": unlimited is -1 on the wire, as nsc writes it.
        assertEquals(AccountLimits.DEFAULT, accountJwt.account().limits());
        assertEquals(-1, accountJwt.account().limits().conn());
        // "Max Messages / Max Msg Payload Unlimited, Network Src Any, Time Any".
        assertEquals(UserPermissionLimits.DEFAULT, userJwt.user().limits());
    }

    /**
     * "The NSC Environment": the sandbox's directory is an nsc store and keystore, laid out as nsc lays them out, so
     * nsc itself can read it: {@code NKEYS_PATH=<dir>/keys nsc env --store <dir>/stores}. Seeds are files only the
     * owner may read (0600), as nsc writes them; nothing here ever prints one.
     */
    @Test
    void theFilesAreWhereNscKeepsThem(Sandbox sandbox) throws Exception {
        Path store = sandbox.storeDirectory().resolve("Test"); // <store>/<operator>
        Hierarchy h = sandbox.hierarchy();

        assertEquals(h.operator().jwt(), Files.readString(store.resolve("Test.jwt")).strip());
        Path account = store.resolve("accounts/TestAccount");
        assertEquals(h.account("TestAccount").jwt(), Files.readString(account.resolve("TestAccount.jwt")).strip());
        assertEquals(h.user("TestUser").jwt(), Files.readString(account.resolve("users/TestUser.jwt")).strip());

        String key = h.user("TestUser").publicKey(); // keys/U/<2nd-3rd char>/<public key>.nk
        Path seed = sandbox.keysDirectory().resolve("keys").resolve(key.substring(0, 1)).resolve(key.substring(1, 3))
                .resolve(key + ".nk");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(seed));
    }

    /**
     * {@code nats-sub -creds …/TestUser.creds}: the sandbox writes each user's {@code .creds} file where nsc keeps
     * it ({@code keys/creds/<operator>/<account>/<user>.creds}), so any client that reads creds files connects with
     * it — here plain jnats, with no nats-sandbox code on the connection.
     */
    @Test
    void aPlainClientConnectsWithTheCredsFile(@NatsUser("TestUser") Path creds, @NatsServerUrl String url)
            throws Exception {
        assertTrue(creds.endsWith(Path.of("creds", "Test", "TestAccount", "TestUser.creds")), creds.toString());
        assertTrue(Files.readString(creds).startsWith("-----BEGIN NATS USER JWT-----"));

        Options options = new Options.Builder().server(url).authHandler(Nats.credentials(creds.toString()))
                .maxReconnects(0).build();
        Connection plain = Nats.connect(options);
        try {
            assertEquals(Connection.Status.CONNECTED, plain.getStatus());
            assertDelivered(plain, plain, "hello");
        } finally {
            plain.close(); // connections of our own are ours to close
        }
    }

    /**
     * "Account Server Configuration": the walkthrough runs nats-account-server beside nats-server, which fetches
     * each account's JWT from it ({@code resolver: URL(http://localhost:9090/jwt/v1/accounts/)}). With
     * {@code server.resolver: url} the sandbox serves the JWTs from inside the JVM in the same way. This test starts
     * its own sandbox from the same spec file with the plain API ({@link Sandbox#start}), closed at the end.
     */
    @Test
    void theWalkthroughsAccountServerSetup() throws Exception {
        SandboxSpec seed = SpecFiles.load("classpath:seed-basics.yaml");
        try (Sandbox sandbox = Sandbox.start(seed.toBuilder().resolver(ResolverType.URL).build())) {
            String accounts = sandbox.accountServerUrl().orElseThrow(); // http://127.0.0.1:<port>/jwt/v1/accounts/
            String config = Files.readString(sandbox.configFile());
            assertEquals("URL(" + accounts + ")", MemoryResolverTutorialIT.value(config, "resolver"));
            assertFalse(config.contains("resolver_preload"), "nothing preloaded: the server asks the account server");

            // What nats-server asks when TestUser connects: GET <url><account public key>.
            AccountIdentity account = sandbox.hierarchy().account("TestAccount");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(accounts + account.publicKey())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertEquals(account.jwt(), answer.body());

            Connection user = sandbox.connect("TestUser");
            assertDelivered(user, user, "hello");
        }
    }
}
