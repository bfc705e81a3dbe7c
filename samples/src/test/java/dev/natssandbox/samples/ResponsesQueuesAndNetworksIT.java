package dev.natssandbox.samples;

import dev.natssandbox.junit.Account;
import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.junit.User;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.probe.Violation;
import dev.natssandbox.sandbox.ConnectionRefusedException;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static dev.natssandbox.junit.NatsAssertions.assertCanRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCanSubscribe;
import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCannotSubscribe;
import static dev.natssandbox.junit.NatsAssertions.assertDelivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Three finer kinds of user permission: responses, queue groups, and where and when a user may connect.
 *
 * <pre>
 * nsc add user --name Requester --allow-pub req.a --allow-sub "_INBOX.&gt;"
 * nsc add user --name OneShotService --allow-sub req.a --allow-pub-response
 * nsc add user --name Worker --allow-sub "jobs.* workers"
 * nsc add user --name Dispatcher --allow-pub "jobs.&gt;"
 * nsc add user --name Local --source-network 127.0.0.1/32
 * nsc add user --name Remote --source-network 10.0.0.0/8
 * nsc edit user --name Later --time 15:00:00-16:00:00 --locale UTC     # see connectTimes…
 * </pre>
 *
 * <ul>
 *   <li><b>Responses</b> ({@code resp}): instead of a blanket {@code --allow-pub "_INBOX.>"}, a service may publish
 *   to the reply subject of each request it received, a limited number of times ({@code max}, here 1) within a
 *   time ({@code ttl}; nats-server uses 2 minutes when none is set). With only a response permission it may publish
 *   nothing else.</li>
 *   <li><b>Queue groups</b>: a subscribe permission {@code "subject queue"} allows that subject only in that queue
 *   group, not in another group and not as a plain subscription.</li>
 *   <li><b>Source networks</b> ({@code src}) and <b>connect times</b> ({@code times}, {@code times_location}) are
 *   checked when the user connects; a user outside them is refused with {@code Authorization Violation} (the server
 *   logs the reason: "Bad src Ip", "Outside connect times").</li>
 * </ul>
 */
@NatsSandbox(accounts = @Account(name = "Jobs", users = {
        @User(name = "Requester", allowPub = "req.a", allowSub = "_INBOX.>"),
        @User(name = "OneShotService", allowSub = "req.a", responses = 1),
        @User(name = "Worker", allowSub = "jobs.* workers"),
        @User(name = "Dispatcher", allowPub = "jobs.>"),
        @User(name = "Local", sourceNetworks = "127.0.0.1/32"),
        @User(name = "Remote", sourceNetworks = "10.0.0.0/8")}))
class ResponsesQueuesAndNetworksIT {
    private static final Duration SAFETY_NET = Duration.ofSeconds(10);
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    // ---- responses ----

    @Test
    void aServiceWithAResponsePermissionAnswersRequests(@NatsUser("Requester") Connection requester,
                                                        @NatsUser("OneShotService") Connection service) {
        assertCanRequest(requester, service, "req.a");
    }

    /** {@code --allow-pub-response} (max 1): the first reply goes out, a second one to the same request does not. */
    @Test
    void itMayReplyOncePerRequest(@NatsUser("Requester") Connection requester,
                                  @NatsUser("OneShotService") Connection service) {
        ProbeResult answered = assertCanRequest(requester, service, "req.a");
        String replySubject = answered.request().orElseThrow().replyTo();

        ProbeResult second = assertCannotPublish(service, replySubject);
        assertEquals(replySubject, second.violation().map(Violation::subject).orElseThrow());
    }

    /** Without a request to answer, the service may not publish at all: not to an inbox, not to its own subject. */
    @Test
    void itMayNotPublishUnasked(@NatsUser("OneShotService") Connection service) {
        assertCannotPublish(service, "_INBOX.unsolicited");
        assertCannotPublish(service, "req.a");
    }

    // ---- queue groups ----

    @Test
    void aWorkerMaySubscribeOnlyInItsQueueGroup(@NatsUser("Worker") Connection worker) {
        assertCanSubscribe(worker, "jobs.new", "workers");
        assertCannotSubscribe(worker, "jobs.new", "others");
        assertCannotSubscribe(worker, "jobs.new");
    }

    /**
     * What the queue group is for: every job goes to exactly one worker of the group. Ten jobs, two workers; after
     * the dispatcher's flush and each worker's own flush, every job that was delivered is in one of the two
     * subscriptions, so together they hold exactly ten.
     */
    @Test
    void eachJobGoesToOneWorkerOfTheGroup(@NatsUser("Dispatcher") Connection dispatcher,
                                          @NatsUser("Worker") Connection one, @NatsUser("Worker") Connection two)
            throws Exception {
        Subscription first = one.subscribe("jobs.new", "workers");
        Subscription second = two.subscribe("jobs.new", "workers");
        one.flush(SAFETY_NET);
        two.flush(SAFETY_NET);

        for (int i = 0; i < 10; i++) {
            dispatcher.publish("jobs.new", ("job " + i).getBytes(StandardCharsets.UTF_8));
        }
        dispatcher.flush(SAFETY_NET);
        one.flush(SAFETY_NET);
        two.flush(SAFETY_NET);

        assertEquals(10, first.getPendingMessageCount() + second.getPendingMessageCount());
    }

    // ---- source networks ----

    @Test
    void aUserFromAnAllowedNetworkConnects(Sandbox sandbox) {
        Connection local = sandbox.connect("Local"); // the client connects from 127.0.0.1
        assertDelivered(local, local, "hello");
    }

    /**
     * {@code --source-network 10.0.0.0/8}: the server refuses the connection, because it comes from 127.0.0.1. The
     * test sends nothing to 10.x: the client connects to the sandbox on 127.0.0.1 as always; the private range is
     * only named in the user's JWT.
     */
    @Test
    void aUserRestrictedToAnotherNetworkIsRefused(Sandbox sandbox) {
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                () -> sandbox.connect("Remote"));

        assertEquals("Authorization Violation", e.serverMessage());
    }

    // ---- connect times ----

    /**
     * {@code --time start-end --locale UTC}. The windows are computed from the current time so that the test holds
     * whenever it runs, and the sandbox is started with the plain API ({@link Sandbox#start}), since annotations
     * cannot compute. nats-server reads each window on today's date in {@code times_location}; a window whose end is
     * before its start runs from today's start to tomorrow's end.
     * <ul>
     *   <li>{@code Later}: from one hour from now to two hours from now — never includes now (past midnight it starts
     *   tonight, still after now);</li>
     *   <li>{@code AllDay}: {@code 00:00:00-23:59:59}, plus {@code 23:00:00-01:00:00} for the day's last second,
     *   which the first window's end excludes.</li>
     * </ul>
     * A connection admitted in a window is closed by the server when the window ends.
     */
    @Test
    void connectTimesAdmitOnlyInsideTheirWindows() {
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String laterStart = HH_MM_SS.format(now.plusHours(1));
        String laterEnd = HH_MM_SS.format(now.plusHours(2));
        SandboxSpec spec = SandboxSpec.operator("Test")
                .account("Shifts", a -> a
                        .user("Later", u -> u.time(laterStart, laterEnd).timesLocation("UTC"))
                        .user("AllDay", u -> u.time("00:00:00", "23:59:59").time("23:00:00", "01:00:00")
                                .timesLocation("UTC")))
                .build();

        try (Sandbox sandbox = Sandbox.start(spec)) {
            Connection allDay = sandbox.connect("AllDay");
            assertDelivered(allDay, allDay, "shift.start");

            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                    () -> sandbox.connect("Later"));
            assertEquals("Authorization Violation", e.serverMessage());
        }
    }
}
