package dev.natssandbox.cli;

import dev.natssandbox.creds.Creds;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nats-sandbox generate} and {@code describe} through the real jar. */
class GenerateDescribeIT {
    @TempDir
    Path dir;

    private Path generated() throws IOException {
        Path spec = Files.writeString(dir.resolve("seed.yaml"), UpCommandIT.SEED);
        Path out = dir.resolve("out");
        CliProcess gen = CliProcess.run(dir, "generate", "--spec", spec.toString(), "--out", out.toString());
        assertEquals(0, gen.awaitExit(), gen::transcript);
        return out;
    }

    /** Every path under {@code root} with its permissions and, for files, content. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                all.put(root.relativize(p).toString(), perms + (Files.isRegularFile(p)
                        ? " " + Files.readString(p, StandardCharsets.UTF_8) : ""));
            }
        }
        return all;
    }

    @Test
    void generateWritesAPrivateLayout() throws IOException {
        Path out = generated();
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(out)) {
            for (Path p : paths.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
                if (!perms.equals(expected)) {
                    wrong.add(p + " " + perms);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(Files.isRegularFile(out.resolve("server.conf")));
        assertTrue(Files.isRegularFile(out.resolve("keys/creds/Test/TestAccount/TestClient.creds")));
        assertTrue(Files.isRegularFile(out.resolve("stores/Test/accounts/TestAccount/TestAccount.jwt")));
    }

    @Test
    @RequiresNatsServer
    void natsServerAcceptsTheGeneratedConfig() throws Exception {
        Path conf = generated().resolve("server.conf");
        Process p = new ProcessBuilder(ExternalTools.natsServer().toString(), "-t", "-c", conf.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(CliProcess.LIMIT.toSeconds(), TimeUnit.SECONDS), "nats-server -t did not end");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("is valid"), output);
    }

    @Test
    void aSecondGenerateIntoTheSameDirFailsAndLeavesItUntouched() throws IOException {
        Path out = generated();
        Map<String, String> before = snapshot(out);
        CliProcess again = CliProcess.run(dir, "generate", "--spec", dir.resolve("seed.yaml").toString(), "--out",
                out.toString());
        assertEquals(1, again.awaitExit(), again::transcript);
        assertTrue(again.stderr().contains(out.toString()), again::transcript);
        assertEquals(before, snapshot(out));
    }

    @Test
    void anInvalidSpecFailsNamingFileLineAndPathAndLeavesNothing() throws IOException {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), UpCommandIT.SEED.replace("[req.a]}}", "[\"req..a\"]}}"));
        Path out = dir.resolve("never");
        CliProcess gen = CliProcess.run(dir, "generate", "--spec", spec.toString(), "--out", out.toString());
        assertEquals(1, gen.awaitExit(), gen::transcript);
        assertTrue(gen.stderr().contains("invalid input: " + spec + ":6: accounts.TestAccount.users.TestService.sub"
                + ".allow[0]: invalid subject [req..a]"), gen::transcript);
        assertFalse(Files.exists(out), "generate left " + out);
    }

    @Test
    void describePrintsTheTablesOfAJwtACredsFileAndAServerConfig() throws IOException {
        Path out = generated();
        Path accountJwt = out.resolve("stores/Test/accounts/TestAccount/TestAccount.jwt");
        Path creds = out.resolve("keys/creds/Test/TestAccount/TestService.creds");

        CliProcess account = CliProcess.run(dir, "describe", accountJwt.toString());
        assertEquals(0, account.awaitExit(), account::transcript);
        assertTrue(account.stdout().contains("Account Details"), account::stdout);
        assertTrue(account.stdout().matches("(?s).*│ Exports Allows Wildcards +│ True +│.*"), account::stdout);

        CliProcess user = CliProcess.run(dir, "describe", creds.toString());
        assertEquals(0, user.awaitExit(), user::transcript);
        assertTrue(user.stdout().matches("(?s).*│ Pub Allow +│ _INBOX\\.> +│.*"), user::stdout);
        assertTrue(user.stdout().matches("(?s).*│ Sub Allow +│ req\\.a +│.*"), user::stdout);
        String seed = new String(Creds.parse(Files.readString(creds), creds.toString()).seed());
        assertFalse(user.stdout().contains(seed) || user.stderr().contains(seed), "describe printed the seed");

        CliProcess json = CliProcess.run(dir, "describe", "--json", creds.toString());
        assertEquals(0, json.awaitExit(), json::transcript);
        assertTrue(json.stdout().contains("\"pub\""), json::stdout);
        assertFalse(json.stdout().contains(seed), "describe --json printed the seed");

        CliProcess config = CliProcess.run(dir, "describe", out.resolve("server.conf").toString());
        assertEquals(0, config.awaitExit(), config::transcript);
        assertTrue(config.stdout().contains("Operator Details"), config::stdout);
        assertTrue(config.stdout().matches("(?s).*│ System Account +│ A[A-Z0-9]{55} / SYS +│.*"), config::stdout);
    }

    @Test
    void aTamperedJwtExitsOne() throws IOException {
        Path jwt = generated().resolve("stores/Test/accounts/TestAccount/TestAccount.jwt");
        String token = Files.readString(jwt).strip();
        String[] parts = token.split("\\.");
        // Another claim set under the same signature: the payload of the operator's JWT.
        String other = Files.readString(dir.resolve("out/stores/Test/Test.jwt")).strip().split("\\.")[1];
        Path tampered = Files.writeString(dir.resolve("tampered.jwt"), parts[0] + "." + other + "." + parts[2]);
        CliProcess describe = CliProcess.run(dir, "describe", tampered.toString());
        assertEquals(1, describe.awaitExit(), describe::transcript);
        assertTrue(describe.stderr().startsWith("invalid input: " + tampered + ": "), describe::transcript);
        assertTrue(describe.stderr().toLowerCase().contains("signature"), describe::transcript);
    }

    @Test
    void describeWithoutAnArgumentIsAUsageError() {
        CliProcess describe = CliProcess.run(dir, "describe");
        assertEquals(2, describe.awaitExit(), describe::transcript);
        assertTrue(describe.stderr().contains("Missing required parameter: 'FILE|TOKEN'"), describe::transcript);
        assertTrue(describe.stderr().contains("Usage: nats-sandbox describe"), describe::transcript);
    }
}
