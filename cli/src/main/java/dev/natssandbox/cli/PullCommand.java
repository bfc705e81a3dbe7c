package dev.natssandbox.cli;

import dev.natssandbox.internal.config.ResolverDirectory;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.push.Deployment;
import dev.natssandbox.internal.util.SecureFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pull}: account JWTs from a running deployment into a directory, as {@code nsc pull} does. */
@Command(name = "pull",
        description = {"Pull account JWTs from a running deployment's NATS-based resolver "
                + "($SYS.REQ.ACCOUNT.<key>.CLAIMS.LOOKUP) into DIR/<account key>.jwt, the newest any server holds."})
final class PullCommand implements Callable<Integer> {
    @Mixin
    DeploymentOptions deployment;

    @Option(names = {"--account", "-a"}, paramLabel = "KEY", description = "Only these account keys (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the JWTs.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter o = command.commandLine().getOut();
        try (Deployment d = deployment.connect()) {
            DeploymentOptions.describe(o, d);
            Map<String, String> jwts = d.pull(only);
            SecureFiles.createPrivateDirectories(out);
            jwts.forEach((key, jwt) -> {
                Path file = ResolverDirectory.file(out, key);
                SecureFiles.writeSecret(file, jwt.getBytes(StandardCharsets.US_ASCII));
                o.println("  " + key + " " + Jwts.decode(jwt).name() + " -> " + file);
            });
            List<String> missing = only.stream().filter(k -> !jwts.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                o.println("Not held by any server: " + missing);
                return Main.INVALID;
            }
            return Main.OK;
        }
    }
}
