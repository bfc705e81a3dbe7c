package dev.natssandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.accountserver.AccountServer;
import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.server.ServerReloadException;
import io.nats.client.Connection;
import io.nats.client.Message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The accounts of a sandbox in URL-resolver mode: served by an {@link AccountServer} in this JVM. A new account
 * needs nothing from the server (it asks for the JWT when the account's first client arrives); a changed account
 * is pushed with a system-account request to {@code $SYS.REQ.ACCOUNT.<key>.CLAIMS.UPDATE}, which the server answers
 * once it applied it; a removed account is pushed once more with every user revoked, so its connections are closed
 * and no new ones accepted, then no longer served.
 */
final class UrlAccounts implements LiveAccounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);

    private final AccountServer server;

    private UrlAccounts(AccountServer server) {
        this.server = server;
    }

    static UrlAccounts start(Hierarchy h) {
        AccountServer server = AccountServer.start(h.operator().jwt());
        h.accounts().forEach(a -> server.put(a.jwt()));
        return new UrlAccounts(server);
    }

    String url() {
        return server.url();
    }

    @Override
    public int apply(Hierarchy before, Hierarchy after, Supplier<Connection> system) {
        int pushed = 0;
        for (AccountIdentity a : after.accounts()) {
            var old = before.findAccount(a.name());
            if (old.isEmpty() || !old.get().publicKey().equals(a.publicKey())) {
                server.put(a.jwt());
            } else if (!old.get().jwt().equals(a.jwt())) {
                server.put(a.jwt());
                push(system.get(), a.publicKey(), a.jwt());
                pushed++;
            }
        }
        for (AccountIdentity a : before.accounts()) {
            if (after.findAccount(a.name()).filter(n -> n.publicKey().equals(a.publicKey())).isEmpty()) {
                String revokedAll = revokeAll(before, a);
                server.put(revokedAll);
                push(system.get(), a.publicKey(), revokedAll);
                server.remove(a.publicKey());
                pushed++;
            }
        }
        return pushed;
    }

    /** The account's JWT with every user revoked as of now: what a removed account becomes on the server. */
    private static String revokeAll(Hierarchy h, AccountIdentity a) {
        long now = Clock.systemUTC().instant().getEpochSecond();
        AccountClaims revoked = a.claims().withRevocations(Map.of("*", now));
        return Jwts.encode(Jwts.Standard.builder(a.publicKey()).name(a.name()).issuedAt(now).build(), revoked,
                h.operator().accountSigner());
    }

    private static void push(Connection system, String accountKey, String jwt) {
        String subject = "$SYS.REQ.ACCOUNT." + accountKey + ".CLAIMS.UPDATE";
        Message reply;
        try {
            reply = system.request(subject, jwt.getBytes(StandardCharsets.US_ASCII), PUSH_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while pushing account [" + accountKey + "]", e);
        }
        if (reply == null) {
            throw new ServerReloadException("the server did not answer the account update on [" + subject
                    + "] within " + PUSH_TIMEOUT.toSeconds() + " s", null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(reply.getData());
        } catch (IOException e) {
            throw new ServerReloadException("the server answered the account update on [" + subject
                    + "] with something that is not JSON: " + new String(reply.getData(), StandardCharsets.UTF_8), e);
        }
        if (answer.has("error")) {
            throw new ServerReloadException("the server refused the update of account [" + accountKey + "]: "
                    + answer.path("error").path("description").asText(answer.path("error").toString()), null);
        }
        int code = answer.path("data").path("code").asInt(0);
        if (code != 200) {
            throw new ServerReloadException("unexpected answer to the update of account [" + accountKey + "]: "
                    + answer, null);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
