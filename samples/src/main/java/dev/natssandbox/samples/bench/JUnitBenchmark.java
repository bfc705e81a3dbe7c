package dev.natssandbox.samples.bench;

import dev.natssandbox.samples.bench.fixtures.BaselineFixture;
import dev.natssandbox.samples.bench.fixtures.ClassScopeFixtures;
import dev.natssandbox.samples.bench.fixtures.ExtensionOverheadFixture;
import dev.natssandbox.samples.bench.fixtures.SharedScopeFixtures;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code per_test_overhead_ms}: what the extension adds to a test — a class-scoped server, a test that injects two
 * connections and makes one assertion, minus the same test body without the extension (connections made once);
 * medians of per-test times (JUnit's own start and finish of each test, injection and cleanup included).
 * {@code shared_scope_50_classes_ratio}: 50 classes declaring one shared sandbox, run together, divided by one such
 * class run alone; medians of alternating runs. Each class's test opens a connection, so the ratio compares 50
 * connections (and 50 JUnit classes) with one server start.
 * {@code shared_vs_class_scope_50_ratio}: the 50 shared classes divided by the same 50 classes each starting a
 * server of its own (scope CLASS): what sharing saves.
 */
final class JUnitBenchmark implements Bench.Benchmark {
    private static final int RUNS = 5;

    @Override
    public List<String> figures() {
        return List.of("per_test_overhead_ms", "shared_scope_50_classes_ratio", "shared_vs_class_scope_50_ratio");
    }

    @Override
    public void run(Bench.Results results) {
        Launcher launcher = LauncherFactory.create();
        run(launcher, List.of(DiscoverySelectors.selectClass(BaselineFixture.class))); // warm-up
        run(launcher, List.of(DiscoverySelectors.selectClass(ExtensionOverheadFixture.class)));
        double with = Bench.median(perTest(launcher, ExtensionOverheadFixture.class));
        double without = Bench.median(perTest(launcher, BaselineFixture.class));
        System.out.printf("# per test: %.3f ms with the extension, %.3f ms without%n", with, without);
        results.print("per_test_overhead_ms", Math.round((with - without) * 1000) / 1000.0);

        List<ClassSelector> all = fifty(SharedScopeFixtures.class, SharedScopeFixtures.Base.class);
        List<ClassSelector> one = List.of(DiscoverySelectors.selectClass(SharedScopeFixtures.C01.class));
        double[] fifty = new double[RUNS];
        double[] single = new double[RUNS];
        run(launcher, all); // warm-up
        for (int i = 0; i < RUNS; i++) {
            single[i] = run(launcher, one).totalMs;
            fifty[i] = run(launcher, all).totalMs;
        }
        double f = Bench.median(fifty);
        double s = Bench.median(single);
        System.out.printf("# shared scope: 50 classes %.1f ms, 1 class %.1f ms%n", f, s);
        results.print("shared_scope_50_classes_ratio", Math.round(f / s * 100) / 100.0);

        // What sharing saves: the same 50 classes, each with a server of its own (scope CLASS).
        List<ClassSelector> own = fifty(ClassScopeFixtures.class, ClassScopeFixtures.Base.class);
        double[] perClass = new double[RUNS];
        run(launcher, own); // warm-up
        for (int i = 0; i < RUNS; i++) {
            perClass[i] = run(launcher, own).totalMs;
        }
        double c = Bench.median(perClass);
        System.out.printf("# 50 classes with a server each (scope CLASS): %.1f ms%n", c);
        results.print("shared_vs_class_scope_50_ratio", Math.round(f / c * 100) / 100.0);
    }

    /** @return the 50 fixture classes nested in {@code holder}, its shared {@code base} left out */
    private static List<ClassSelector> fifty(Class<?> holder, Class<?> base) {
        List<ClassSelector> classes = new ArrayList<>();
        for (Class<?> c : holder.getDeclaredClasses()) {
            if (c != base) {
                classes.add(DiscoverySelectors.selectClass(c));
            }
        }
        if (classes.size() != 50) {
            throw new IllegalStateException("expected 50 fixtures in " + holder.getSimpleName() + ", found "
                    + classes.size());
        }
        return classes;
    }

    private static double[] perTest(Launcher launcher, Class<?> fixture) {
        Run r = run(launcher, List.of(DiscoverySelectors.selectClass(fixture)));
        return r.testMs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private record Run(double totalMs, List<Double> testMs) {
    }

    private static Run run(Launcher launcher, List<ClassSelector> selectors) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Map<String, Long> started = new ConcurrentHashMap<>();
        List<Double> tests = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                long end = System.nanoTime();
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString)
                            .orElse(result.getStatus().toString()));
                }
                if (id.isTest()) {
                    synchronized (tests) {
                        tests.add((end - started.get(id.getUniqueId())) / 1e6);
                    }
                }
            }
        };
        long start = System.nanoTime();
        launcher.execute(request, listener);
        double total = (System.nanoTime() - start) / 1e6;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("benchmark fixtures failed: " + failures);
        }
        return new Run(total, tests);
    }
}
