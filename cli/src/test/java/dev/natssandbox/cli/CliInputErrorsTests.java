package dev.natssandbox.cli;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.spec.SpecFileException;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.spec.SpecFormat;
import dev.natssandbox.internal.util.InputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static dev.natssandbox.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Bad paths, oversized inputs and seeds given to the commands: each is refused with exit code 1 (2 for usage) and a
 * message in plain words, naming no exception class and quoting no seed.
 */
class CliInputErrorsTests {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        Run r = new Run(code, out.toString(), err.toString());
        assertFalse(r.err().matches("(?s).*(Exception|\\tat |java\\.(io|nio)).*"), "internal detail in: " + r.err());
        return r;
    }

    @Test
    void describeOfAMissingFileSaysSo() {
        Run r = run("describe", "/no/such/file");
        assertEquals(Main.INVALID, r.code());
        assertEquals("invalid input: file [/no/such/file] does not exist; check the path (relative paths start at ["
                + Path.of("").toAbsolutePath() + "])\n", r.err());
        Run word = run("describe", "no-such-token-or-file");
        assertTrue(word.err().contains("does not exist") && word.err().contains("starts with eyJ"), word.err());
    }

    @Test
    void describeOfADirectoryOrABinaryFileSaysSo(@TempDir Path dir) throws IOException {
        assertTrue(run("describe", dir.toString()).err().contains("[" + dir + "] is a directory; give the path of a "
                + "file"));
        Path binary = Files.write(dir.resolve("t.jwt"), new byte[]{(byte) 0xff, (byte) 0xfe, 0x41});
        Run r = run("describe", binary.toString());
        assertEquals(Main.INVALID, r.code());
        assertTrue(r.err().contains("[" + binary + "] is not UTF-8 text"), r.err());
    }

    @Test
    void specPathsThatAreMissingOrDirectoriesSaySo(@TempDir Path dir) {
        Run missing = run("generate", "--spec", dir.resolve("nope.yaml").toString(), "--out", dir.resolve("o")
                .toString());
        assertEquals(Main.INVALID, missing.code());
        assertTrue(missing.err().contains("spec file [" + dir.resolve("nope.yaml") + "] does not exist"),
                missing.err());
        Run directory = run("generate", "--spec", dir.toString(), "--out", dir.resolve("o").toString());
        assertTrue(directory.err().contains("spec file [" + dir + "] is a directory"), directory.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void unreadableFilesSayPermissionDenied(@TempDir Path dir) throws IOException {
        assertEquals("permission denied", InputFiles.reason(new AccessDeniedException("/x")));
        Path file = Files.writeString(dir.resolve("s.yaml"), "operator: {name: T}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root, which reads any file");
        SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.read(file));
        assertTrue(e.getMessage().contains("cannot be read: permission denied"), e.getMessage());
    }

    @Test
    void aTenMegabyteSingleLineSpecIsRefusedWithinASecondNamingTheLimit(@TempDir Path dir) throws IOException {
        char[] line = new char[10 * 1024 * 1024];
        Arrays.fill(line, 'a');
        Path big = Files.writeString(dir.resolve("big.yaml"), "operator: {name: " + new String(line) + "}\n");
        SpecFileException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(SpecFileException.class, () -> SpecFiles.read(big)));
        assertTrue(e.getMessage().contains("is larger than the limit of 1048576 bytes (1 MiB)"), e.getMessage());
        SpecFileException text = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(SpecFileException.class, () -> SpecFiles.parse(new String(line), SpecFormat.YAML,
                        "big")));
        assertTrue(text.getMessage().contains("larger than the limit"), text.getMessage());
        Run cli = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> run("describe", big.toString()));
        assertTrue(cli.err().contains("larger than the limit"), cli.err());
    }

    @Test
    void aLongYamlLineIsRefusedBeforeParsingWhileJsonOnOneLineIsRead() {
        String yaml = "operator: {name: T}\naccounts: {A: {description: " + "d".repeat(100_000) + "}}\n";
        SpecFileException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> assertThrows(SpecFileException.class, () -> SpecFiles.parse(yaml, SpecFormat.YAML, "s.yaml")));
        assertEquals("s.yaml:2: line of 100030 characters is longer than the 65536 a YAML spec line may have; wrap "
                + "the value over several lines or write the spec as JSON", e.getMessage());
        String json = "{\"operator\": {\"name\": \"T\"}, \"accounts\": {\"A\": {\"description\": \""
                + "d".repeat(900_000) + "\"}}}";
        SpecFileException j = assertThrows(SpecFileException.class, () -> SpecFiles.parse(json, SpecFormat.JSON,
                "s.json"));
        assertTrue(j.getMessage().contains("description of [900000] bytes is longer than the 8192"),
                j.getMessage());
    }

    @Test
    void seedsGivenToCommandsAreNeverEchoed(@TempDir Path dir) throws IOException {
        String seed = new String(NatsKeyPair.generate(KeyKind.ACCOUNT).seed());
        Path spec = Files.writeString(dir.resolve("s.yaml"), "operator: {name: T}\naccounts: {A: {imports: "
                + "[{account: " + seed + ", subject: x, type: stream}]}}\n");
        for (List<String> args : List.of(
                List.of("describe", seed),
                List.of("describe", "eyJ" + seed),
                List.of("generate", "--spec", spec.toString(), "--out", dir.resolve("o").toString()),
                List.of("check", "--spec", spec.toString()),
                List.of("describe", "--" + seed),
                List.of("up", "--spec", spec.toString(), "--launcher", seed))) {
            Run r = run(args.toArray(String[]::new));
            assertTrue(r.code() != Main.OK, args + " " + r);
            assertNoSecret(seed, r.err());
            assertNoSecret(seed, r.out());
        }
    }
}
