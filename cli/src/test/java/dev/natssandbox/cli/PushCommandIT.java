package dev.natssandbox.cli;

import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.testsupport.HandWrittenDeployment;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code push}, {@code list}, {@code pull} and {@code delete} through the real jar, on a hand-configured server. */
@RequiresNatsServer
class PushCommandIT {
    @TempDir
    Path dir;

    private HandWrittenDeployment deployment;

    @AfterEach
    void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    private CliProcess run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", deployment.url(), "--creds", deployment.sysCreds.toString()));
        return CliProcess.run(dir, all.toArray(String[]::new));
    }

    @Test
    void pushListPullAndDeleteASpecsAccounts() throws Exception {
        deployment = HandWrittenDeployment.start(Files.createDirectories(dir.resolve("server")), "full");
        Path spec = Files.writeString(dir.resolve("seed.yaml"), UpCommandIT.SEED);
        Path seed = Files.writeString(dir.resolve("operator.nk"),
                new String(deployment.identities.operator().keyPair().seed()));
        Path keys = dir.resolve("keys");

        CliProcess dry = run("push", "--spec", spec.toString(), "--operator-seed", seed.toString(), "--keys",
                keys.toString(), "--dry-run");
        assertEquals(0, dry.awaitExit(), dry::transcript);
        String account = Jwts.decode(Files.readString(keys.resolve("stores/Test/accounts/TestAccount/"
                + "TestAccount.jwt"))).subject();
        assertTrue(dry.stdout().contains("  TestAccount " + account + ": new\n"), dry.transcript());

        CliProcess push = run("push", "--spec", spec.toString(), "--operator-seed", seed.toString(), "--keys",
                keys.toString());
        assertEquals(0, push.awaitExit(), push::transcript);
        assertTrue(push.stdout().contains("  TestAccount " + account + ": pushed (1 of 1 servers answered)\n"),
                push.transcript());
        assertTrue(push.stdout().contains(": ok (jwt updated)"), push.transcript());
        Path clientCreds = keys.resolve("keys/creds/Test/TestAccount/TestClient.creds");
        HandWrittenDeployment.connect(deployment.url(), clientCreds, new ArrayList<>()).close();

        CliProcess list = run("list");
        assertEquals(0, list.awaitExit(), list::transcript);
        assertTrue(list.stdout().contains("    " + account + " TestAccount\n"), list.transcript());

        CliProcess pull = run("pull", "--out", dir.resolve("pulled").toString());
        assertEquals(0, pull.awaitExit(), pull::transcript);
        assertEquals(Files.readString(keys.resolve("stores/Test/accounts/TestAccount/TestAccount.jwt")),
                Files.readString(dir.resolve("pulled").resolve(account + ".jwt")));

        CliProcess unconfirmed = run("delete", "--account", account, "--operator-seed", seed.toString());
        assertEquals(Main.USAGE, unconfirmed.awaitExit(), unconfirmed::transcript);
        assertTrue(unconfirmed.stderr().contains("give --confirm to delete, or --dry-run"), unconfirmed.transcript());
        CliProcess dryDelete = run("delete", "--account", account, "--dry-run");
        assertEquals(0, dryDelete.awaitExit(), dryDelete::transcript);
        assertTrue(dryDelete.stdout().contains(": would delete [" + account + "]"), dryDelete.transcript());
        HandWrittenDeployment.connect(deployment.url(), clientCreds, new ArrayList<>()).close();

        CliProcess delete = run("delete", "--account", account, "--operator-seed", seed.toString(), "--confirm");
        assertEquals(0, delete.awaitExit(), delete::transcript);
        assertTrue(delete.stdout().contains(": ok (deleted 1 accounts)"), delete.transcript());
        assertThrows(AuthenticationException.class, () -> {
            try (Connection c = HandWrittenDeployment.connect(deployment.url(), clientCreds, new ArrayList<>())) {
                c.getStatus();
            }
        });
    }

    @Test
    void aServerWithTheMemoryResolverFailsClearly() throws Exception {
        deployment = HandWrittenDeployment.start(Files.createDirectories(dir.resolve("server")), "MEMORY");
        CliProcess list = run("list");
        assertEquals(Main.INVALID, list.awaitExit(), list::transcript);
        assertTrue(list.stderr().contains("error: no server answers [$SYS.REQ.CLAIMS.LIST]: the deployment does not "
                + "run the NATS-based resolver"), list.transcript());
    }
}
