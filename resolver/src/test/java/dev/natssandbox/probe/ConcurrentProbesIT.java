package dev.natssandbox.probe;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.probe.ProbeResult.Step;
import dev.natssandbox.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many probes at once from several threads, on shared probe connections and on several users: every result must
 * be the one the rules give, and every refusal must name the probe's own subject.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentProbesIT {
    private static final int THREADS = 8;
    private static final int PROBES_PER_THREAD = 50;

    private Sandbox sandbox;
    private PermissionProbe probe;

    /** A probe and what the rules say about it. */
    private record Case(String name, Supplier<ProbeResult> run, Optional<Step> failedStep,
                        Optional<Violation.Kind> kind, String refusedSubject) {
        static Case ok(String name, Supplier<ProbeResult> run) {
            return new Case(name, run, Optional.empty(), Optional.empty(), "");
        }

        static Case refused(String name, Supplier<ProbeResult> run, Step step, Violation.Kind kind, String subject) {
            return new Case(name, run, Optional.of(step), Optional.of(kind), subject);
        }

        static Case undelivered(String name, Supplier<ProbeResult> run, Step step) {
            return new Case(name, run, Optional.of(step), Optional.empty(), "");
        }

        /** @return null when the result is as expected, else why not */
        String check(ProbeResult r) {
            if (!r.failedStep().equals(failedStep)) {
                return name + ": expected failed step " + failedStep + " but got " + r.describe();
            }
            Optional<Violation> v = r.violation();
            if (kind.isEmpty() != v.isEmpty()) {
                return name + ": expected violation " + kind + " but got " + r.describe();
            }
            if (v.isPresent() && (v.get().kind() != kind.get() || !v.get().subject().equals(refusedSubject))) {
                return name + ": expected " + kind.get() + " on [" + refusedSubject + "] but got " + r.describe();
            }
            return null;
        }
    }

    @BeforeAll
    void start() {
        sandbox = ProbeSandboxes.start(ProbeSandboxes.seed().toBuilder()
                .account("Other", a -> a
                        .user("OtherClient", u -> u.allowPub("job.>").allowSub("_INBOX.>"))
                        .user("OtherWorker", u -> u.allowSub("job.* workers").allowResponses(1, null)))
                .build());
        probe = sandbox.probe();
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private List<Case> cases(int thread) {
        String own = "job.t" + thread;
        return List.of(
                Case.ok("client publishes req.a", () -> probe.publish("TestClient", "req.a")),
                Case.refused("client publishes req.b", () -> probe.publish("TestClient", "req.b"), Step.PUBLISH,
                        Violation.Kind.PUBLISH, "req.b"),
                Case.refused("service publishes req.a", () -> probe.publish("TestService", "req.a"), Step.PUBLISH,
                        Violation.Kind.PUBLISH, "req.a"),
                Case.ok("service publishes its inbox", () -> probe.publish("TestService", "_INBOX.t" + thread)),
                Case.refused("client subscribes req.a", () -> probe.subscribe("TestClient", "req.a"), Step.SUBSCRIBE,
                        Violation.Kind.SUBSCRIPTION, "req.a"),
                Case.ok("service subscribes req.a", () -> probe.subscribe("TestService", "req.a")),
                Case.refused("service subscribes " + own, () -> probe.subscribe("TestService", own), Step.SUBSCRIBE,
                        Violation.Kind.SUBSCRIPTION, own),
                Case.ok("hello to >", () -> probe.delivery("TestUser", "hello", "TestUser", ">")),
                Case.ok("client to service", () -> probe.delivery("TestClient", "req.a", "TestService", "req.a")),
                Case.undelivered("user to client inboxes", () -> probe.delivery("TestUser", "x.y", "TestClient",
                        "_INBOX.>"), Step.DELIVER),
                Case.ok("request req.a", () -> probe.request("TestClient", "TestService", "req.a")),
                Case.refused("request req.b", () -> probe.request("TestClient", "TestUser", "req.b"),
                        Step.PUBLISH_REQUEST, Violation.Kind.PUBLISH, "req.b"),
                Case.ok("other client publishes " + own, () -> probe.publish("OtherClient", own)),
                Case.refused("other client publishes req.a", () -> probe.publish("OtherClient", "req.a"),
                        Step.PUBLISH, Violation.Kind.PUBLISH, "req.a"),
                Case.ok("worker in its group", () -> probe.subscribe("OtherWorker", own, "workers")),
                Case.refused("worker in another group", () -> probe.subscribe("OtherWorker", own, "t" + thread),
                        Step.SUBSCRIBE, Violation.Kind.SUBSCRIPTION, own),
                Case.refused("worker replies without a request", () -> probe.publish("OtherWorker", "_INBOX.t"
                        + thread), Step.PUBLISH, Violation.Kind.PUBLISH, "_INBOX.t" + thread),
                Case.undelivered("across accounts", () -> probe.delivery("TestUser", own, "OtherClient", "_INBOX.>"),
                        Step.DELIVER));
    }

    @Test
    void concurrentProbesAreEachAttributedToTheirOwnConnectionAndSubject() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Case> cases = cases(thread);
                    List<String> wrong = new ArrayList<>();
                    go.await();
                    for (int i = 0; i < PROBES_PER_THREAD; i++) {
                        Case c = cases.get((thread * 7 + i) % cases.size());
                        String problem = c.check(c.run().get());
                        if (problem != null) {
                            wrong.add(problem);
                        }
                    }
                    return wrong;
                }));
            }
            go.countDown();
            List<String> wrong = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                // A safety net against a deadlock, not a timing assertion.
                wrong.addAll(f.get(5, TimeUnit.MINUTES));
            }
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " of " + THREADS * PROBES_PER_THREAD
                    + " probes were wrong:\n" + String.join("\n", wrong));
        } finally {
            pool.shutdownNow();
        }
        // The probe connections are shared and stay usable.
        assertEquals(Optional.of("Permissions Violation for Publish to \"req.b\""),
                probe.publish("TestClient", "req.b").refusal());
    }
}
