package dev.natssandbox.cli;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.push.Deployment;
import dev.natssandbox.push.ServerAnswer;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The options every command that talks to a running deployment shares: where it is and who asks. */
final class DeploymentOptions {
    @Option(names = {"--server", "-u"}, required = true, paramLabel = "URL",
            description = "A server of the deployment, e.g. nats://127.0.0.1:4222.")
    String server;

    @Option(names = "--creds", required = true, paramLabel = "FILE",
            description = "Creds of a system-account user of the deployment.")
    Path creds;

    @Option(names = "--expect-servers", paramLabel = "N",
            description = "How many servers answer each request (default: the connected server and the servers it "
                    + "has routes to).")
    Integer expectServers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long to wait for missing answers before failing (default 5).")
    int timeoutSeconds;

    Deployment connect() {
        Deployment.Builder b = Deployment.builder(server).creds(creds).timeout(Duration.ofSeconds(timeoutSeconds));
        if (expectServers != null) {
            b.expectServers(expectServers);
        }
        return b.connect();
    }

    static void describe(PrintWriter out, Deployment d) {
        out.println("Deployment " + d.url() + ": operator [" + d.operator().name() + "] " + d.operator().publicKey()
                + ", system account " + d.systemAccount() + ", " + d.servers() + " server(s) answering");
    }

    static void answers(PrintWriter out, String indent, List<ServerAnswer> answers) {
        answers.forEach(a -> out.println(indent + a));
    }

    /** Reads an operator seed from a file (an nsc {@code .nk} file or a file holding only the seed). */
    static NatsKeyPair operatorKey(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read operator seed file [" + file + "]: " + e.getMessage(), e);
        }
        char[] seed = new String(bytes, StandardCharsets.US_ASCII).strip().toCharArray();
        Arrays.fill(bytes, (byte) 0);
        try {
            return NatsKeyPair.fromSeed(seed, KeyKind.OPERATOR);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("operator seed file [" + file + "]: " + e.getMessage(), e);
        } finally {
            Arrays.fill(seed, '\0');
        }
    }
}
