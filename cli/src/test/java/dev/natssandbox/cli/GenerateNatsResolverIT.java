package dev.natssandbox.cli;

import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.NatsServerProcess;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code generate --resolver full|cache}: the output runs as {@code nats-server -c DIR/server.conf} from another
 * working directory, and the server knows every account from its directory, without a push.
 */
@RequiresNatsServer
class GenerateNatsResolverIT {
    @TempDir
    Path dir;

    private static Connection connect(String url, Path creds) throws Exception {
        return Nats.connect(new Options.Builder().server(url).maxReconnects(0)
                .authHandler(Nats.credentials(creds.toString())).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "cache"})
    void theGeneratedConfigStartsFromAnyWorkingDirectoryWithEveryAccount(String resolver) throws Exception {
        Path spec = Files.writeString(dir.resolve("seed.yaml"), UpCommandIT.SEED);
        Path out = dir.resolve("out");
        CliProcess gen = CliProcess.run(dir, "generate", "--spec", spec.toString(), "--out", out.toString(),
                "--resolver", resolver);
        assertEquals(0, gen.awaitExit(), gen::transcript);

        String config = Files.readString(out.resolve("server.conf"));
        assertTrue(config.contains("    type: " + resolver + "\n"), config);
        Path creds = out.resolve("keys/creds/Test/TestAccount");
        String account = Jwts.decode(Files.readString(out.resolve("stores/Test/accounts/TestAccount/TestAccount.jwt")))
                .subject();
        try (Stream<Path> files = Files.list(out.resolve("jwt"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.contains(account + ".jwt"), names.toString());
            assertEquals(2, names.size(), "the account and SYS: " + names);
        }

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (NatsServerProcess server = NatsServerProcess.start(ExternalTools.natsServer(), out.resolve("server.conf"),
                dir.resolve("run"), elsewhere);
             Connection service = connect(server.url(), creds.resolve("TestService.creds"));
             Connection client = connect(server.url(), creds.resolve("TestClient.creds"))) {
            service.createDispatcher(m -> service.publish(m.getReplyTo(), "pong".getBytes(StandardCharsets.UTF_8)))
                    .subscribe("req.a");
            service.flush(Duration.ofSeconds(5));
            Message reply = client.request("req.a", new byte[0], Duration.ofSeconds(5));
            assertNotNull(reply, "the service answers across the generated account");
            assertEquals("pong", new String(reply.getData(), StandardCharsets.UTF_8));
        }
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertEquals(List.of(), left.toList(), "nothing written relative to the working directory");
        }
    }
}
