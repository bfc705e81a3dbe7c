package dev.natssandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.model.Subjects;
import io.nats.client.Connection;
import io.nats.client.Message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a server knows about its routes, asked as a system-account user ({@code $SYS.REQ.SERVER.<id>.ROUTEZ}): the
 * servers it is routed to, and the interest the other servers have told it about. Interest travels over routes
 * asynchronously — a subscriber's own flush proves nothing about another server — so a cross-server check first
 * asks the publishing server until the subscription shows up among its routes' subscriptions. Each question is a
 * round trip answered by the server; the deadline only bounds a failure.
 */
final class RouteWatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration FIRST_PAUSE = Duration.ofNanos(250_000);
    private static final Duration MAX_PAUSE = Duration.ofMillis(20);

    private RouteWatch() {
    }

    /**
     * Asks until {@code ready} holds for the server's ROUTEZ data, or fails after {@code deadline}. Between two
     * questions it waits a bounded back-off (from 0.25 ms, doubling, at most {@link #MAX_PAUSE}): the first
     * answers usually come right after the event, and a server still connecting its routes is not asked in a tight
     * loop.
     */
    static void await(Connection system, String body, Predicate<JsonNode> ready, Duration deadline, String what) {
        awaitReply(system, "ROUTEZ", body, ready, deadline, what, "routes");
    }

    /**
     * Asks {@code $SYS.REQ.SERVER.<id>.<endpoint>} until {@code ready} holds for the answer's {@code data}, with the
     * back-off of {@link #await}; a failure quotes {@code data.<shown>}.
     */
    static void awaitReply(Connection system, String endpoint, String body, Predicate<JsonNode> ready,
                           Duration deadline, String what, String shown) {
        poll(() -> ask(system, endpoint, body).path("data"), ready, deadline, what,
                data -> new NatsSandboxException("server [" + system.getServerInfo().getServerName()
                        + "] did not see " + what + " within " + deadline.toSeconds() + " s; its " + shown + ": "
                        + data.path(shown)));
    }

    /**
     * Asks until {@code ready} holds for the answer, with the back-off of {@link #await}; {@code ready} may throw to
     * end the wait at once.
     *
     * @param timedOut the failure to throw, made of the last answer, once {@code deadline} has passed
     */
    static <T> void poll(Supplier<T> ask, Predicate<T> ready, Duration deadline, String what,
                         Function<T, NatsSandboxException> timedOut) {
        Instant end = Instant.now().plus(deadline);
        long pause = FIRST_PAUSE.toNanos();
        while (true) {
            T answer = ask.get();
            if (ready.test(answer)) {
                return;
            }
            if (Instant.now().isAfter(end)) {
                throw timedOut.apply(answer);
            }
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new NatsSandboxException("interrupted while waiting for " + what);
            }
            pause = Math.min(pause * 2, MAX_PAUSE.toNanos());
        }
    }

    /** @return whether a route of the ROUTEZ data carries a subscription of {@code account} matching {@code subject} */
    static boolean hasInterest(JsonNode data, String account, String subject) {
        for (JsonNode route : data.path("routes")) {
            for (JsonNode sub : route.path("subscriptions_list_detail")) {
                boolean ofAccount = sub.path("sid").asText().contains(account)
                        || account.equals(route.path("account").asText())
                        || account.equals(sub.path("account").asText());
                if (ofAccount && Subjects.matches(subject, sub.path("subject").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return the server's answer to {@code $SYS.REQ.SERVER.<id>.<endpoint>} (its {@code data} holds the result)
     */
    static JsonNode ask(Connection system, String endpoint, String body) {
        String subject = "$SYS.REQ.SERVER." + system.getServerInfo().getServerId() + "." + endpoint;
        Message reply;
        try {
            reply = system.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while asking [" + subject + "]", e);
        }
        if (reply == null) {
            throw new NatsSandboxException("the server did not answer [" + subject + "] within 10 s");
        }
        try {
            return JSON.readTree(reply.getData());
        } catch (IOException e) {
            throw new NatsSandboxException("the server answered [" + subject + "] with something that is not JSON", e);
        }
    }
}
