package dev.natssandbox.junit;

import dev.natssandbox.sandbox.Sandbox;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The run that once hung, end to end: parallel classes with {@link SandboxScope#ACCOUNT_PER_METHOD} change one shared sandbox from
 * a tight JUnit ForkJoinPool at the same time, every change re-provisioning while the others wait for the sandbox's
 * lock. (The precise cause, work queued on the caller's pool, is pinned down deterministically by
 * {@code ParallelTests} in the resolver.) The deadline is a hang detector (the run takes seconds), not a timing
 * assertion: on expiry the thread dump is the failure.
 */
@RequiresNatsServer
class ParallelDeadlockIT {
    static final int REPETITIONS = 12;
    static final Duration HANG = Duration.ofMinutes(3);

    static final Map<String, String> TIGHT_POOL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "3",
            "junit.jupiter.execution.parallel.config.fixed.max-pool-size", "3",
            "junit.jupiter.execution.parallel.config.fixed.saturate", "true");

    @Test
    void parallelChangesOfOneSharedSandboxFinish() throws Exception {
        CompletableFuture<FixtureRun> run = CompletableFuture.supplyAsync(() -> FixtureRun.run(TIGHT_POOL,
                ChangingTestCase.class, AlsoChangingTestCase.class, ThirdChangingTestCase.class));
        FixtureRun done;
        try {
            done = run.get(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("parallel run hung; threads:\n" + threadDump());
            return;
        }
        done.assertAllSucceeded(3L * REPETITIONS);
        done.assertNoLeftovers();
    }

    private static String threadDump() {
        return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
                .filter(t -> t.getThreadName().contains("ForkJoin") || t.getLockName() != null)
                .map(ThreadInfo::toString).collect(Collectors.joining("\n"));
    }

    static void changeAndPublish(Sandbox sandbox, TestReporter reporter) {
        String account = sandbox.hierarchy().accountNames().stream().filter(a -> a.startsWith("Front-"))
                .findFirst().orElseThrow();
        // A subject of its own per change: the same export twice is refused (the reference refuses overlaps).
        String subject = "extra." + java.util.UUID.randomUUID().toString().replace("-", "") + ".>";
        sandbox.updateAccount(account, a -> a.exportService(subject));
        FixtureSupport.publish(reporter, sandbox);
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, accounts = {
            @Account(name = "Back", exportServices = "svc.>", users = @User(name = "service")),
            @Account(name = "Mid", exportStreams = "events.>", importServices = @Import(account = "Back",
                    subject = "svc.>"), users = @User(name = "relay")),
            @Account(name = "Front", importServices = @Import(account = "Back", subject = "svc.>"),
                    importStreams = @Import(account = "Mid", subject = "events.>"), users = @User(name = "client")),
            @Account(name = "Side1"), @Account(name = "Side2"), @Account(name = "Side3"), @Account(name = "Side4")})
    static class ChangingTestCase {
        @RepeatedTest(REPETITIONS)
        void change(Sandbox sandbox, TestReporter reporter) {
            changeAndPublish(sandbox, reporter);
        }
    }

    static class AlsoChangingTestCase extends ChangingTestCase {
    }

    static class ThirdChangingTestCase extends ChangingTestCase {
    }
}
