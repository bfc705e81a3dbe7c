package dev.natssandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a cluster counts as meshed, read from ROUTEZ: before 2.10 one route per peer; from 2.10 the whole route pool
 * to each peer and the system account's own route, without which account pushes and JetStream's meta traffic do not
 * reach the peer.
 */
class MeshPredicateTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode routes(String... routes) throws Exception {
        StringBuilder sb = new StringBuilder("{\"routes\":[");
        for (int i = 0; i < routes.length; i++) {
            String[] parts = routes[i].split(":", -1);
            sb.append(i == 0 ? "" : ",").append("{\"remote_id\":\"").append(parts[0]).append('"');
            if (parts.length > 1) {
                sb.append(",\"account\":\"").append(parts[1]).append('"');
            }
            sb.append('}');
        }
        return JSON.readTree(sb.append("]}").toString());
    }

    @Test
    void beforePoolingOneRoutePerPeerIsTheMesh() throws Exception {
        assertTrue(SandboxCluster.meshed(routes("B", "C"), 2, 0));
        assertFalse(SandboxCluster.meshed(routes("B"), 2, 0), "a peer without a route");
        assertFalse(SandboxCluster.meshed(routes("B", "C", "D"), 2, 0), "a route to a server that is not running");
    }

    @Test
    void withPoolingEveryPooledRouteAndTheSystemAccountRouteAreNeeded() throws Exception {
        String[] full = {"B", "B", "B", "B:SYS", "C", "C", "C", "C:SYS"};
        assertTrue(SandboxCluster.meshed(routes(full), 2, 3));
        assertFalse(SandboxCluster.meshed(routes("B", "B", "B", "C", "C", "C", "C:SYS"), 2, 3),
                "no system-account route to B yet");
        assertFalse(SandboxCluster.meshed(routes("B", "B", "B:SYS", "C", "C", "C", "C:SYS"), 2, 3),
                "one pooled route to B missing");
        assertTrue(SandboxCluster.meshed(routes("B", "B:SYS"), 1, 1), "pool of one");
    }
}
