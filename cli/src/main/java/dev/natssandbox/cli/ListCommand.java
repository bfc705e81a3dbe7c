package dev.natssandbox.cli;

import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.push.Deployment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code list}: the accounts every server's NATS-based resolver holds ({@code $SYS.REQ.CLAIMS.LIST}). */
@Command(name = "list",
        description = {"List the accounts each server of a running deployment holds in its NATS-based resolver "
                + "($SYS.REQ.CLAIMS.LIST), with their names (pulled), server by server."})
final class ListCommand implements Callable<Integer> {
    @Mixin
    DeploymentOptions deployment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        try (Deployment d = deployment.connect()) {
            DeploymentOptions.describe(out, d);
            Map<String, List<String>> held = d.list();
            Map<String, String> jwts = d.pull(List.of());
            held.forEach((server, keys) -> {
                out.println("  " + server + ": " + keys.size() + " account(s)");
                keys.stream().sorted().forEach(k -> out.println("    " + k + " "
                        + (jwts.containsKey(k) ? Jwts.decode(jwts.get(k)).name() : "?")));
            });
            return Main.OK;
        }
    }
}
