package dev.natssandbox.cli;

import dev.natssandbox.callout.CalloutUnsupportedException;
import dev.natssandbox.server.ServerVersion;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check} on a spec with a callout table: each callout user is a row, admitted by the built-in service and
 * probed like any user; on servers before 2.10 check refuses the spec,
 * naming the claim, the server's version and the minimum.
 */
@RequiresNatsServer
class CheckCalloutIT {
    private static final String SPEC = """
            operator:
              name: Test
            accounts:
              AUTH:
                users:
                  service: {}
                  sentinel: {pub: {deny: [">"]}, sub: {deny: [">"]}}
                authorization:
                  auth_users: [service]
                  allowed_accounts: [APP]
                  callout_users:
                    alice: {password: wonderland, account: APP, pub: {allow: [orders.>]}, sub: {allow: [_INBOX.>]}}
                    ci: {token: t0ken-ci, account: APP}
              APP: {}
            """;

    @TempDir
    Path dir;

    @Test
    void calloutUsersAreProbedInTheAccountTheTablePlacesThem() throws Exception {
        Path spec = Files.writeString(dir.resolve("callout.yaml"), SPEC);
        CliProcess check = CliProcess.run(dir, "check", "--spec", spec.toString(), "--subjects",
                "orders.new,ci.x");
        int exit = check.awaitExit();
        ServerVersion version = ExternalTools.natsServerVersion();
        if (!CalloutUnsupportedException.supports(version)) {
            assertEquals(1, exit, check::transcript);
            assertTrue(check.stderr().contains("nats-server " + version + " "), check::transcript);
            assertTrue(check.stderr().contains("[accounts.AUTH.authorization] needs nats-server 2.10.0 or newer"),
                    check::transcript);
            return;
        }
        assertEquals(0, exit, check::transcript);
        Map<String, Map<String, String>> m = CheckCommandIT.matrix(check.stdout());
        assertEquals(Map.of("orders.new", "P+ S-", "ci.x", "P- S-"), m.get("alice (callout AUTH)"), check::stdout);
        assertEquals(Map.of("orders.new", "P+ S+", "ci.x", "P+ S+"), m.get("ci (callout AUTH)"), check::stdout);
    }
}
