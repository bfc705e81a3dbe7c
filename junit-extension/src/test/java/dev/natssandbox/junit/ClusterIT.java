package dev.natssandbox.junit;

import dev.natssandbox.model.ResolverType;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxCluster;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code @NatsSandbox(clusterSize = N)} and a spec declaring {@code server.cluster.size}: the cluster handle injected
 * by type, connections and URLs of a chosen server ({@code @NatsUser(value = …, server = N)}), delivery across
 * servers decided by the ROUTEZ interest wait, and every server stopped afterwards.
 */
@RequiresNatsServer
class ClusterIT {
    @Test
    void annotationDeclaresAClusterAndConnectionsGoToTheChosenServers() {
        FixtureRun run = FixtureRun.run(AnnotatedClusterTestCase.class);
        run.assertAllSucceeded(2);
        run.assertNoLeftovers();
    }

    @Test
    void specFileDeclaresTheCluster() {
        FixtureRun run = FixtureRun.run(SpecClusterTestCase.class);
        run.assertAllSucceeded(1);
        run.assertNoLeftovers();
    }

    @Test
    void accountPerMethodOnAClusterPushesEachTestsAccountsToEveryServer() {
        FixtureRun run = FixtureRun.run(IsolatedClusterTestCase.class);
        run.assertAllSucceeded(2);
        assertEquals(List.of("FULL", "FULL"), run.published("resolver"));
        List<String> accounts = run.published("account");
        assertEquals(2, Set.copyOf(accounts).size(), "an account per test: " + accounts);
        run.assertNoLeftovers();
    }

    @Nested
    class Failures {
        @Test
        void aServerOutsideTheCluster() {
            FixtureRun run = FixtureRun.run(ServerOutsideTestCase.class);
            assertEquals("[" + ServerOutsideTestCase.class.getName() + "]: server [2] of @NatsUser [client] is not in "
                    + "the cluster of 2 servers (0 to 1)", run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void aServerOtherThanZeroWithoutACluster() {
            FixtureRun run = FixtureRun.run(NoClusterTestCase.class);
            assertEquals("[" + NoClusterTestCase.class.getName() + "]: the sandbox runs one server; server [1] of "
                    + "@NatsUser [alice] needs a cluster: declare @NatsSandbox(clusterSize = 3) or server: {cluster: "
                    + "{size: 3}} in the spec, or leave server out", run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void aClusterHandleWithoutACluster() {
            FixtureRun run = FixtureRun.run(NoClusterHandleTestCase.class);
            assertEquals("[" + NoClusterHandleTestCase.class.getName() + "]: parameter [cluster] of method [test] of "
                    + "type dev.natssandbox.sandbox.SandboxCluster needs a cluster sandbox; declare "
                    + "@NatsSandbox(clusterSize = 3) or server: {cluster: {size: 3}} in the spec",
                    run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }

        @Test
        void aClusterSizeOutOfRange() {
            FixtureRun run = FixtureRun.run(SizeOutOfRangeTestCase.class);
            assertEquals("[" + SizeOutOfRangeTestCase.class.getName() + "]: @NatsSandbox(clusterSize = 9) is out "
                    + "of range: 0 (the spec's, else one server) or 1–7 servers; use e.g. clusterSize = 3",
                    run.configurationFailure().getMessage());
        }

        @Test
        void aNegativeClusterSizeWithASpecFileIsRefusedAtOnce() {
            FixtureRun run = FixtureRun.run(NegativeSizeWithSpecTestCase.class);
            assertEquals("[" + NegativeSizeWithSpecTestCase.class.getName() + "]: @NatsSandbox(clusterSize = -1) "
                    + "is out of range: 0 (the spec's, else one server) or 1–7 servers; use e.g. clusterSize = 3",
                    run.configurationFailure().getMessage());
            run.assertNoLeftovers();
        }
    }

    /** A service on one server, a client on another: the request crosses once the client's server knows. */
    static void requestAcross(SandboxCluster cluster, Connection service, Connection client, int clientServer)
            throws Exception {
        byte[] pong = "pong".getBytes(StandardCharsets.UTF_8);
        service.createDispatcher(m -> service.publish(m.getReplyTo(), pong)).subscribe("req.a");
        service.flush(Duration.ofSeconds(10));
        cluster.awaitInterest(clientServer, "A", "req.a");
        Message reply = client.request("req.a", new byte[0], Duration.ofSeconds(10));
        assertNotNull(reply, "the request crossed the cluster");
        assertEquals("pong", new String(reply.getData(), StandardCharsets.UTF_8));
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    @NatsSandbox(clusterSize = 3, resolver = ResolverType.FULL, accounts = @Account(name = "A", users = {
            @User(name = "service", allowPub = "_INBOX.>", allowSub = "req.a"),
            @User(name = "client", allowPub = "req.a", allowSub = "_INBOX.>")}))
    static class AnnotatedClusterTestCase {
        @BeforeAll
        static void publish(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }

        @Test
        void serviceOnServerTwoAnswersAClientOnServerZero(SandboxCluster cluster,
                                                          @NatsUser(value = "service", server = 2) Connection service,
                                                          @NatsUser("client") Connection client) throws Exception {
            assertEquals(3, cluster.size());
            assertEquals(port(cluster.serverUrl(2)), port(service.getConnectedUrl()));
            assertEquals(port(cluster.serverUrl(0)), port(client.getConnectedUrl()));
            requestAcross(cluster, service, client, 0);
        }

        @Test
        void everyServerEnforcesTheRules(@NatsUser(value = "client", server = 1) Connection client,
                                         @NatsUser(value = "client", server = 1) Options options,
                                         @NatsServerUrl(server = 1) String url, SandboxCluster cluster)
                throws Exception {
            assertEquals(cluster.serverUrl(1), url);
            assertEquals(List.of(URI.create(url)), options.getServers());
            assertEquals(List.of("Permissions Violation for Publish to \"req.b\""),
                    FixtureSupport.errorsAfterPublishing(client, "req.b"));
            assertEquals(List.of(), FixtureSupport.errorsAfterPublishing(client, "req.a"));
        }
    }

    @NatsSandbox(spec = "classpath:specs/cluster-of-two.yaml")
    static class SpecClusterTestCase {
        @BeforeAll
        static void publish(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }

        @Test
        void test(SandboxCluster cluster, @NatsUser("service") Connection service,
                  @NatsUser(value = "client", server = 1) Connection client) throws Exception {
            assertEquals(2, cluster.size());
            requestAcross(cluster, service, client, 1);
        }
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, clusterSize = 2, accounts = @Account(name = "App",
            users = @User(name = "client", allowPub = "req.a")))
    static class IsolatedClusterTestCase {
        private static void check(Connection client, Sandbox sandbox, SandboxCluster cluster, TestReporter reporter)
                throws Exception {
            reporter.publishEntry("resolver", sandbox.spec().server().resolver().name());
            reporter.publishEntry("account", sandbox.hierarchy().user(client.getOptions().getConnectionName())
                    .account());
            assertEquals(port(cluster.serverUrl(1)), port(client.getConnectedUrl()));
            assertEquals(List.of("Permissions Violation for Publish to \"req.b\""),
                    FixtureSupport.errorsAfterPublishing(client, "req.b"));
            assertEquals(List.of(), FixtureSupport.errorsAfterPublishing(client, "req.a"));
        }

        @Test
        void first(@NatsUser(value = "client", server = 1) Connection client, Sandbox sandbox,
                   SandboxCluster cluster, TestReporter reporter) throws Exception {
            check(client, sandbox, cluster, reporter);
        }

        @Test
        void second(@NatsUser(value = "client", server = 1) Connection client, Sandbox sandbox,
                    SandboxCluster cluster, TestReporter reporter) throws Exception {
            check(client, sandbox, cluster, reporter);
        }
    }

    @NatsSandbox(spec = "classpath:specs/cluster-of-two.yaml", keepFiles = KeepFiles.NEVER)
    static class ServerOutsideTestCase {
        @Test
        void test(@NatsUser(value = "client", server = 2) Connection client) {
        }
    }

    @NatsSandbox(spec = InjectionIT.SPEC, keepFiles = KeepFiles.NEVER)
    static class NoClusterTestCase {
        @Test
        void test(@NatsUser(value = "alice", server = 1) Connection alice) {
        }
    }

    @NatsSandbox(spec = InjectionIT.SPEC, keepFiles = KeepFiles.NEVER)
    static class NoClusterHandleTestCase {
        @Test
        void test(SandboxCluster cluster) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/cluster-of-two.yaml", clusterSize = -1)
    static class NegativeSizeWithSpecTestCase {
        @Test
        void test(@NatsUser("client") Connection client) {
        }
    }

    @NatsSandbox(clusterSize = 9, accounts = @Account(name = "A", users = @User(name = "a")))
    static class SizeOutOfRangeTestCase {
        @Test
        void test(@NatsUser("a") Connection a) {
        }
    }
}
