package dev.natssandbox.spec;

import dev.natssandbox.model.InvalidSpecException;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.ServerSpec;
import org.junit.jupiter.api.Test;

import static dev.natssandbox.spec.SpecFileErrorsTests.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code server.cluster.size}: read, written, and refused when it cannot run. */
class ClusterSpecTests {
    @Test
    void readWrittenAndReadAgain() {
        SandboxSpec spec = SpecFiles.parse("""
                operator: {name: Test}
                server: {resolver: full, jetstream: true, cluster: {size: 3}}
                """, SpecFormat.YAML, "t.yaml");
        assertEquals(3, spec.server().clusterSize());
        assertTrue(spec.server().clustered());
        assertEquals(ResolverType.FULL, spec.server().resolver());
        String written = SpecFiles.write(spec);
        assertTrue(written.contains("cluster:\n    size: 3\n"), written);
        assertEquals(spec, SpecFiles.parse(written, SpecFormat.YAML, "written.yaml"));
        assertFalse(SpecFiles.write(SandboxSpec.operator("Test").build()).contains("cluster"));
    }

    @Test
    void theBuilderKeepsEveryOtherSetting() {
        ServerSpec s = ServerSpec.builder().host("localhost").jetStream(true).resolver(ResolverType.FULL)
                .extraConfig("max_payload: 2MB").build();
        ServerSpec clustered = s.toBuilder().clusterSize(5).build();
        assertEquals(5, clustered.clusterSize());
        assertEquals(s, clustered.toBuilder().clusterSize(0).build());
        assertEquals("localhost", clustered.host());
        assertEquals(0, ServerSpec.DEFAULT.clusterSize());
    }

    @Test
    void aSizeOutsideOneToSevenNamesTheValueTheRuleAndTheFix() {
        assertEquals("t.yaml:2: server.cluster.size: cluster size [8] must be between 1 and 7; use e.g. size: 3, or "
                + "remove server.cluster for a single server",
                yaml("operator: {name: Test}\nserver: {cluster: {size: 8}}\n").getMessage());
        assertTrue(yaml("operator: {name: Test}\nserver: {cluster: {size: 0}}\n").getMessage()
                .contains("cluster size [0] must be between 1 and 7"));
        assertThrows(InvalidSpecException.class, () -> ServerSpec.builder().clusterSize(-1).build());
    }

    @Test
    void aClusterWithoutSizeOrWithAnUnknownKeyIsRefused() {
        assertTrue(yaml("operator: {name: Test}\nserver: {cluster: {}}\n").getMessage()
                .contains("missing required key [size]; add it, e.g. size: 3"));
        assertTrue(yaml("operator: {name: Test}\nserver: {cluster: {sise: 3}}\n").getMessage().contains("sise"));
    }

    @Test
    void aResolverOrPortAClusterCannotRunIsRefused() {
        assertEquals("t.yaml:2: server.resolver: resolver [url] is not supported with server.cluster (size 3): "
                + "every server of a cluster must know every account; use resolver: full (what production clusters "
                + "run) or memory",
                yaml("operator: {name: Test}\nserver: {resolver: url, cluster: {size: 3}}\n").getMessage());
        assertEquals("t.yaml:2: server.port: port [4222] cannot be used with server.cluster (size 2): each server "
                + "of a cluster lets the system pick its own port; remove server.port",
                yaml("operator: {name: Test}\nserver: {port: 4222, cluster: {size: 2}}\n").getMessage());
    }
}
