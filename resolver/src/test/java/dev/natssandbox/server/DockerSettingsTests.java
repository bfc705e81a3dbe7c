package dev.natssandbox.server;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerSettingsTests {
    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void withNothingSetTheOfficialImageRunsOnTheBridgeNetwork() {
        DockerSettings s = DockerSettings.fromEnvironment(new Properties(), Map.of());
        assertEquals(new DockerSettings("nats:2.15", "bridge"), s);
        assertEquals(DockerSettings.DEFAULT_IMAGE, s.image());
        assertFalse(s.hostNetwork());
    }

    @Test
    void environmentVariablesAreUsedWhenNoPropertyIsSet() {
        DockerSettings s = DockerSettings.fromEnvironment(new Properties(), Map.of(
                DockerSettings.IMAGE_ENV, "local/nats:test", DockerSettings.NETWORK_ENV, "host"));
        assertEquals(new DockerSettings("local/nats:test", "host"), s);
        assertTrue(s.hostNetwork());
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariables() {
        DockerSettings s = DockerSettings.fromEnvironment(
                props(DockerSettings.IMAGE_PROPERTY, "prop/nats:1", DockerSettings.NETWORK_PROPERTY, "bridge"),
                Map.of(DockerSettings.IMAGE_ENV, "env/nats:2", DockerSettings.NETWORK_ENV, "host"));
        assertEquals(new DockerSettings("prop/nats:1", "bridge"), s);
    }

    @Test
    void eachSettingIsResolvedOnItsOwn() {
        DockerSettings s = DockerSettings.fromEnvironment(props(DockerSettings.NETWORK_PROPERTY, "host"),
                Map.of(DockerSettings.IMAGE_ENV, "env/nats:2"));
        assertEquals(new DockerSettings("env/nats:2", "host"), s);
    }

    @Test
    void blanksMeanTheDefaultsAndValuesAreStripped() {
        assertEquals(new DockerSettings("nats:2.15", "bridge"), new DockerSettings("  ", null));
        assertEquals(new DockerSettings("img", "host"), new DockerSettings(" img ", " host "));
    }

    @Test
    void copiesChangeOneSetting() {
        DockerSettings s = new DockerSettings("a", "bridge");
        assertEquals(new DockerSettings("b", "bridge"), s.withImage("b"));
        assertEquals(new DockerSettings("a", "host"), s.withNetworkMode("host"));
    }
}
