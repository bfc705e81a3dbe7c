package dev.natssandbox.samples.bench;

import dev.natssandbox.callout.CalloutDecision;
import dev.natssandbox.callout.CalloutEnvironment;
import dev.natssandbox.callout.CalloutService;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.ServerTooOldException;
import dev.natssandbox.server.LauncherKind;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code callout_connect_ratio}: a client admitted through the in-JVM auth callout service (sentinel JWT plus user
 * name and password, decided and answered by the service) divided by a plain JWT connect to the same server; medians
 * of alternating connects in one run. {@code callout_decisions_per_s}: 8 clients connecting at once, again and
 * again, through the service; decisions answered per second. Needs nats-server 2.10+.
 */
final class CalloutBenchmark implements Bench.Benchmark {
    private static final int WARMUP = 20;
    private static final int RUNS = 101;
    private static final int CLIENTS = 8;
    private static final int CONNECTS_PER_CLIENT = 40;

    @Override
    public List<String> figures() {
        return List.of("callout_connect_ratio", "callout_decisions_per_s");
    }

    @Override
    public void run(Bench.Results results) throws Exception {
        SandboxSpec spec = SandboxSpec.operator("Bench")
                .account("AUTH", a -> a.user("service").user("sentinel", u -> u.denyPub(">").denySub(">"))
                        .authCallout(c -> c.authUser("service").allowAccount("APP")))
                .account("APP", a -> a.user("plain"))
                .build();
        Sandbox sandbox;
        try {
            sandbox = Sandbox.builder(spec).launcher(LauncherKind.BINARY).keepFiles(KeepFiles.NEVER).start();
        } catch (ServerTooOldException e) {
            // A sandbox refuses the authorization claim on servers before 2.10, which have no auth callout.
            System.out.println("# callout benchmark skipped: nats-server " + e.serverVersion()
                    + " has no auth callout");
            return;
        }
        try (sandbox) {
            measure(sandbox, results);
        }
    }

    private static void measure(Sandbox sandbox, Bench.Results results) throws Exception {
        try (CalloutService service = CalloutService.start(CalloutEnvironment.of(sandbox, "AUTH"),
                request -> CalloutDecision.allow("APP").allowPub("orders.>"))) {
            Creds user = sandbox.creds("APP/plain");
            // Built the same way as the callout client's options: only the credentials differ.
            Options plain = new Options.Builder().server(sandbox.serverUrl()).maxReconnects(0)
                    .authHandler(Nats.staticCredentials(user.jwt().toCharArray(), user.seed())).build();
            Creds sentinel = sandbox.creds("AUTH/sentinel");
            double[] viaCallout = new double[RUNS];
            double[] direct = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                double c = connect(callout(sandbox.serverUrl(), sentinel, "user-" + i));
                double p = connect(plain);
                if (i >= WARMUP) {
                    viaCallout[i - WARMUP] = c;
                    direct[i - WARMUP] = p;
                }
            }
            double c = Bench.median(viaCallout);
            double p = Bench.median(direct);
            System.out.printf("# connect: via callout %.2f ms, plain JWT %.2f ms (medians of %d)%n", c, p, RUNS);
            results.print("callout_connect_ratio", Math.round(c / p * 100) / 100.0);
            results.print("callout_decisions_per_s", Math.round(decisionsPerSecond(sandbox.serverUrl(), sentinel,
                    service)));
        }
    }

    private static Options callout(String url, Creds sentinel, String user) {
        return new Options.Builder().server(url).maxReconnects(0)
                .authHandler(Nats.staticCredentials(sentinel.jwt().toCharArray(), sentinel.seed()))
                .userInfo(user, "pw").build();
    }

    private static double connect(Options options) throws Exception {
        long start = System.nanoTime();
        Connection c = Nats.connect(options);
        double ms = (System.nanoTime() - start) / 1e6;
        c.close();
        return ms;
    }

    private static double decisionsPerSecond(String url, Creds sentinel, CalloutService service) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Connection>>> clients = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                int client = t;
                clients.add(pool.submit(() -> {
                    go.await();
                    // Closed after the clock stops: jnats' close (thread shutdown) is not the service's cost.
                    List<Connection> open = new ArrayList<>();
                    for (int i = 0; i < CONNECTS_PER_CLIENT; i++) {
                        open.add(Nats.connect(callout(url, sentinel, "c" + client + "-" + i)));
                    }
                    return open;
                }));
            }
            long before = service.decisions();
            long start = System.nanoTime();
            go.countDown();
            List<Connection> all = new ArrayList<>();
            for (Future<List<Connection>> f : clients) {
                all.addAll(f.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long decided = service.decisions() - before;
            for (Connection c : all) {
                c.close();
            }
            System.out.printf("# %d clients at once: %d decisions in %.2f s%n", CLIENTS, decided, seconds);
            return decided / seconds;
        } finally {
            pool.shutdownNow();
        }
    }
}
