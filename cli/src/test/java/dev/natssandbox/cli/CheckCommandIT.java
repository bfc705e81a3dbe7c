package dev.natssandbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.testsupport.RequiresNatsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code nats-sandbox check} on the seed walkthrough: what the real server decides, cell by cell. */
@RequiresNatsServer
class CheckCommandIT {
    @TempDir
    Path dir;

    private Path spec(String expect) throws Exception {
        return Files.writeString(dir.resolve("seed.yaml"), UpCommandIT.SEED + expect);
    }

    /** The cells of the Permissions table: user → subject (first heading line) → cell. */
    static Map<String, Map<String, String>> matrix(String stdout) {
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : stdout.lines().toList()) {
            if (line.contains("│") && line.contains(" Permissions ")) {
                inTable = true;
            } else if (inTable && line.startsWith("╰")) {
                break;
            } else if (inTable && line.startsWith("│")) {
                rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("│")).map(String::strip)
                        .toArray(String[]::new));
            }
        }
        String[] heading = rows.get(0);
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[0].isEmpty()) {
                continue; // the second line of a heading: (pub …)
            }
            Map<String, String> byUser = new LinkedHashMap<>();
            for (int i = 2; i < r.length; i++) {
                byUser.put(heading[i], r[i]);
            }
            cells.put(r[0], byUser);
        }
        return cells;
    }

    @Test
    void theSeedsRulesAsTheServerDecidesThem() throws Exception {
        CliProcess check = CliProcess.run(dir, "check", "--spec", spec("").toString(), "--subjects",
                "req.a,req.b,_INBOX.>,hello");
        assertEquals(0, check.awaitExit(), check::transcript);
        Map<String, Map<String, String>> m = matrix(check.stdout());
        assertEquals(List.of("TestUser", "TestService", "TestClient"), List.copyOf(m.keySet()), check::stdout);
        assertEquals(Map.of("req.a", "P+ S-", "req.b", "P- S-", "_INBOX.>", "P- S+", "hello", "P- S-"),
                m.get("TestClient"), check::stdout);
        assertEquals(Map.of("req.a", "P- S+", "req.b", "P- S-", "_INBOX.>", "P+ S-", "hello", "P- S-"),
                m.get("TestService"), check::stdout);
        assertEquals(Map.of("req.a", "P+ S+", "req.b", "P+ S+", "_INBOX.>", "P+ S+", "hello", "P+ S+"),
                m.get("TestUser"), check::stdout);
        assertTrue(check.stdout().contains("(pub _INBOX.x)"), check::stdout);
        assertTrue(check.stdout().contains(PermissionMatrix.LEGEND), check::stdout);
        assertTrue(check.stderr().contains("Probing 3 users x 4 subjects"), check::transcript);
    }

    @Test
    void withoutSubjectsEverySubjectOfTheSpecIsAColumnAndSystemUsersComeOnRequest() throws Exception {
        CliProcess check = CliProcess.run(dir, "check", "--spec", spec("").toString(), "--include-system");
        assertEquals(0, check.awaitExit(), check::transcript);
        Map<String, Map<String, String>> m = matrix(check.stdout());
        assertEquals(List.of("TestUser", "TestService", "TestClient", "sys"), List.copyOf(m.keySet()));
        assertEquals(List.of("_INBOX.>", "req.a"), List.copyOf(m.get("TestClient").keySet()));
        assertEquals("P+ S+", m.get("sys").get("req.a"), check::stdout);
    }

    @Test
    void jsonGivesEveryVerdictWithTheServersText() throws Exception {
        CliProcess check = CliProcess.run(dir, "check", "--spec", spec("").toString(), "--subjects", "req.b",
                "--json");
        assertEquals(0, check.awaitExit(), check::transcript);
        JsonNode json = new ObjectMapper().readTree(check.stdout());
        JsonNode client = json.at("/users/2");
        assertEquals("TestClient", client.at("/user").asText());
        assertFalse(client.at("/permissions/req.b/pub/allowed").asBoolean(true));
        assertEquals("Permissions Violation for Publish to \"req.b\"",
                client.at("/permissions/req.b/pub/evidence").asText());
        assertEquals(0, json.at("/mismatches").asInt(-1));
        assertTrue(check.stderr().contains("Reading "), "progress belongs on stderr:\n" + check.transcript());
    }

    @Test
    void matchingExpectationsExitZero() throws Exception {
        CliProcess check = CliProcess.run(dir, "check", "--spec", spec("""
                expect:
                  TestClient:
                    pub: {allow: [req.a], deny: [req.b]}
                    sub: {allow: ["_INBOX.x"], deny: [req.a]}
                  TestAccount/TestService: {pub: {allow: ["_INBOX.x"]}, sub: {allow: ["req.a workers"]}}
                """).toString());
        assertEquals(0, check.awaitExit(), check::transcript);
        assertTrue(check.stdout().contains("6 expectations checked, all met."), check::stdout);
        assertFalse(check.stdout().contains("MISMATCH"), check::stdout);
    }

    @Test
    void aMismatchExitsOneAndNamesUserOpSubjectExpectedActualAndTheServersText() throws Exception {
        Path spec = spec("""
                expect:
                  TestClient:
                    pub: {allow: [req.a, req.b]}
                  TestService: {sub: {deny: [req.a]}}
                """);
        CliProcess check = CliProcess.run(dir, "check", "--spec", spec.toString());
        assertEquals(1, check.awaitExit(), check::transcript);
        assertTrue(check.stderr().contains("check failed: " + spec + ":10: expect.TestClient.pub.allow[1]: user "
                + "[TestAccount/TestClient] pub [req.b]: expected allow, but the server decided deny (Permissions "
                + "Violation for Publish to \"req.b\")"), check::transcript);
        assertTrue(check.stderr().contains("check failed: " + spec + ":11: expect.TestService.sub.deny[0]: user "
                + "[TestAccount/TestService] sub [req.a]: expected deny, but the server decided allow"),
                check::transcript);
        assertTrue(check.stderr().contains("check failed: 2 of 3 expectations of [" + spec + "] not met"),
                check::transcript);
        assertTrue(check.stdout().contains("│ MISMATCH │ TestAccount/TestClient  │ pub │ req.b   │ allow    │ deny"),
                check::stdout);
        assertTrue(check.stdout().contains("3 expectations checked, 2 not met."), check::stdout);
    }

    @Test
    void anExpectationOfAnUnknownUserIsInvalidInput() throws Exception {
        Path spec = spec("expect:\n  TestClint: {pub: {allow: [req.a]}}\n");
        CliProcess check = CliProcess.run(dir, "check", "--spec", spec.toString());
        assertEquals(1, check.awaitExit(), check::transcript);
        assertTrue(check.stderr().contains("invalid input: " + spec + ":9: expect.TestClint: no user [TestClint] in "
                + "the spec; users are: [TestUser, TestService, TestClient, sys]"), check::transcript);
        assertFalse(check.stderr().contains("Starting nats-server"), check::transcript);
    }

    @Test
    void missingSpecIsAUsageError() {
        CliProcess check = CliProcess.run(dir, "check");
        assertEquals(2, check.awaitExit(), check::transcript);
        assertTrue(check.stderr().contains("Missing required option: '--spec=FILE'"), check::transcript);
    }
}
