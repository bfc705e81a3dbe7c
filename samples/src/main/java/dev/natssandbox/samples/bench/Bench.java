package dev.natssandbox.samples.bench;

import dev.natssandbox.internal.server.ServerFinder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nats-sandbox benchmark program: {@code java -jar samples/target/nats-sandbox-bench.jar [name…]}. With no name
 * every benchmark runs. Each prints one {@code RESULT <name> <value>} line per figure; ratios compare two things
 * measured in the same run, so they hold across machines better than absolute times.
 */
public final class Bench {
    private Bench() {
    }

    /** A named measurement that prints its own RESULT lines. */
    interface Benchmark {
        /** @return the names of the figures it prints (also what selects it on the command line) */
        List<String> figures();

        /** Runs and prints {@code RESULT} lines. */
        void run(Results results) throws Exception;
    }

    /** Collects and prints results. */
    static final class Results {
        void print(String name, double value) {
            String v = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : String.format(java.util.Locale.ROOT, "%.3f", value);
            System.out.println("RESULT " + name + " " + v);
            System.out.flush();
        }
    }

    /** @return every benchmark, in the order a full run takes them */
    static List<Benchmark> benchmarks() {
        return List.of(new ProvisionBenchmark(), new RuntimeBenchmark(), new ProbeBenchmark(), new JUnitBenchmark(),
                new IsolationBenchmark(), new NatsResolverBenchmark(), new ClusterBenchmark(), new CalloutBenchmark());
    }

    private static Map<String, Benchmark> registry() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        for (Benchmark b : benchmarks()) {
            for (String f : b.figures()) {
                all.put(f, b);
            }
        }
        return all;
    }

    /**
     * @param args figure names to run; none for all
     * @throws Exception when a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, Benchmark> all = registry();
        List<Benchmark> selected = new ArrayList<>();
        if (args.length == 0) {
            all.values().stream().distinct().forEach(selected::add);
        } else {
            for (String a : args) {
                Benchmark b = all.get(a);
                if (b == null) {
                    System.err.println("unknown benchmark [" + a + "]; benchmarks are: " + all.keySet());
                    System.exit(2);
                }
                if (!selected.contains(b)) {
                    selected.add(b);
                }
            }
        }
        System.out.println("# server " + serverLine());
        Results results = new Results();
        for (Benchmark b : selected) {
            b.run(results);
        }
    }

    /** @return the version of the nats-server every benchmark runs on, its path and where it was found */
    private static String serverLine() throws IOException, InterruptedException {
        ServerFinder.Found found = ServerFinder.system().find(null);
        Process p = new ProcessBuilder(found.path().toString(), "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return version + " at " + found.path() + " (" + found.source() + ")";
    }

    /**
     * @param samples measurements
     * @return their median
     */
    static double median(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
