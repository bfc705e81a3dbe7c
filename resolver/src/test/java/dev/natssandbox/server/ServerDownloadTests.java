package dev.natssandbox.server;

import dev.natssandbox.internal.server.download.Platform;
import dev.natssandbox.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerDownloadTests {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        p.setProperty("user.home", "/home/someone");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void offByDefaultWithThePinnedVersionTheOfficialReleasesAndTheUsersCache() {
        ServerDownload d = ServerDownload.fromEnvironment(props(), Map.of());
        assertFalse(d.enabled());
        assertEquals("2.15.1", d.version());
        assertEquals(URI.create("https://github.com/nats-io/nats-server/releases/download"), d.baseUrl());
        assertEquals(Path.of("/home/someone/.cache/nats-sandbox"), d.cacheDirectory());
    }

    @Test
    void thePropertyWinsOverTheEnvironmentVariable() {
        Map<String, String> env = Map.of("NATS_SANDBOX_SERVER_DOWNLOAD", "true",
                "NATS_SANDBOX_SERVER_DOWNLOAD_VERSION", "2.10.27", "XDG_CACHE_HOME", "/var/cache/me");
        ServerDownload fromEnv = ServerDownload.fromEnvironment(props(), env);
        assertTrue(fromEnv.enabled());
        assertEquals("2.10.27", fromEnv.version());
        assertEquals(Path.of("/var/cache/me/nats-sandbox"), fromEnv.cacheDirectory());
        ServerDownload overridden = ServerDownload.fromEnvironment(props("natssandbox.server.download", "false",
                "natssandbox.server.download.version", "v2.11.0",
                "natssandbox.server.download.baseUrl", "http://mirror.example/nats/"), env);
        assertFalse(overridden.enabled());
        assertEquals("2.11.0", overridden.version());
        assertEquals(URI.create("http://mirror.example/nats"), overridden.baseUrl());
    }

    @Test
    void refusesWhatIsNotASwitchOrAVersion() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ServerDownload.fromEnvironment(
                props("natssandbox.server.download", "sometimes"), Map.of()));
        assertEquals("natssandbox.server.download / NATS_SANDBOX_SERVER_DOWNLOAD is [sometimes]; expected true or "
                + "false", e.getMessage());
        InvalidInputException v = assertThrows(InvalidInputException.class,
                () -> ServerDownload.fromEnvironment(props(), Map.of()).withVersion("latest"));
        assertEquals("nats-server download version [latest] is not a release version; expected MAJOR.MINOR.PATCH "
                + "such as 2.15.1", v.getMessage());
    }

    @Test
    void namesPlatformsAndAssetsAsTheReleasesDo() {
        assertEquals(new Platform("linux", "amd64"), Platform.of("Linux", "amd64"));
        assertEquals(new Platform("darwin", "arm64"), Platform.of("Mac OS X", "aarch64"));
        assertEquals(new Platform("windows", "amd64"), Platform.of("Windows 11", "x86_64"));
        assertEquals("nats-server-v2.15.1-linux-arm64.tar.gz", Platform.of("Linux", "aarch64").asset("2.15.1"));
        assertEquals("nats-server-v2.15.1-windows-386.zip", Platform.of("Windows 10", "x86").asset("2.15.1"));
        assertEquals("nats-server.exe", Platform.of("Windows 10", "x86").binary());
        assertThrows(dev.natssandbox.NatsSandboxException.class, () -> Platform.of("Plan 9", "mips"));
    }
}
