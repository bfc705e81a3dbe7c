package dev.natssandbox.sandbox;

import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code server: {jetstream: true, cluster: {size: 3}}}: every server runs JetStream with its own store, an R3
 * stream created through a user of an account with JetStream limits is written on one server and read on another,
 * and it keeps answering after its leader's server is stopped (two of three replicas are a quorum).
 */
@RequiresNatsServer
class ClusterJetStreamIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static SandboxSpec spec() {
        return SandboxSpec.operator("Test").resolver(ResolverType.FULL).jetStream(true).clusterSize(3)
                .account("Orders", a -> a
                        .jetStream(JetStreamLimits.builder().memoryStorage(64L << 20).diskStorage(64L << 20)
                                .streams(10).consumers(10).maxAckPending(-1).build())
                        .user("app"))
                .build();
    }

    @Test
    void anR3StreamIsWrittenOnOneServerReadOnAnotherAndSurvivesItsLeadersServer() throws Exception {
        try (Sandbox sandbox = Sandbox.builder(spec()).start()) {
            SandboxCluster cluster = sandbox.cluster().orElseThrow();
            for (int i = 0; i < 3; i++) {
                assertTrue(Files.isDirectory(cluster.serverDirectory(i).resolve("jetstream")),
                        "server " + i + " keeps its JetStream store in its own directory");
            }
            // The start returned after every server reported a meta leader: the API answers at once.
            Connection first = cluster.connect("app", 0);
            JetStreamManagement jsm = first.jetStreamManagement();
            StreamInfo created = jsm.addStream(StreamConfiguration.builder().name("ORDERS").subjects("orders.>")
                    .storageType(StorageType.File).replicas(3).build());
            assertEquals(3, created.getConfiguration().getReplicas());

            PublishAck ack = first.jetStream().publish("orders.1", bytes("one"));
            assertEquals("ORDERS", ack.getStream());
            assertEquals(1, ack.getSeqno());
            // Read back through another server: the request crosses the cluster to the stream's leader.
            Connection third = cluster.connect("app", 2);
            assertEquals("one", text(third.jetStreamManagement().getMessage("ORDERS", 1).getData()));

            StreamInfo info = third.jetStreamManagement().getStreamInfo("ORDERS");
            String leader = info.getClusterInfo().getLeader();
            assertEquals(2, info.getClusterInfo().getReplicas().size(), "two replicas besides the leader");
            int leaderIndex = indexOf(cluster, leader);
            int observer = (leaderIndex + 1) % 3;
            Connection watch = cluster.connect("app", observer);
            JetStreamManagement remaining = watch.jetStreamManagement();

            cluster.stopServer(leaderIndex);
            // Asked of the remaining servers until they name a new stream leader: the election's outcome, read from
            // the servers' own answer (the leader-elected advisory can go out before any interest in it is routed).
            String elected = null;
            long deadline = System.nanoTime() + BOUND.toNanos();
            long pause = 1_000_000;
            while (elected == null || elected.equals(leader)) {
                assertTrue(System.nanoTime() < deadline, "a new stream leader is elected among the two remaining "
                        + "servers within " + BOUND + "; last named: " + elected);
                try {
                    elected = remaining.getStreamInfo("ORDERS").getClusterInfo().getLeader();
                } catch (JetStreamApiException | IOException noLeaderYet) {
                    elected = null;
                }
                if (elected == null || elected.equals(leader)) {
                    LockSupport.parkNanos(pause);
                    pause = Math.min(pause * 2, 50_000_000);
                }
            }

            PublishAck second = watch.jetStream().publish("orders.2", bytes("two"));
            assertEquals(2, second.getSeqno(), "the stream still takes writes with two of three replicas");
            assertEquals("one", text(remaining.getMessage("ORDERS", 1).getData()));
            assertEquals("two", text(remaining.getMessage("ORDERS", 2).getData()));
            String newLeader = remaining.getStreamInfo("ORDERS").getClusterInfo().getLeader();
            assertNotEquals(leader, newLeader);
            assertTrue(cluster.isRunning(indexOf(cluster, newLeader)), "the new leader is a running server");
        }
    }

    private static int indexOf(SandboxCluster cluster, String serverName) {
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.serverName(i).equals(serverName)) {
                return i;
            }
        }
        throw new AssertionError("no server named [" + serverName + "] in the cluster");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
