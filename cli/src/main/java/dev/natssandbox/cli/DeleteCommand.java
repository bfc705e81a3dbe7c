package dev.natssandbox.cli;

import dev.natssandbox.push.Deployment;
import dev.natssandbox.push.ServerAnswer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code delete}: accounts from a running deployment ({@code $SYS.REQ.CLAIMS.DELETE}), as {@code nsc push -R}. */
@Command(name = "delete",
        description = {"Delete accounts from a running deployment's full resolvers ($SYS.REQ.CLAIMS.DELETE, a request "
                + "signed by the operator as 'nsc push --account-removal' sends it; the servers need "
                + "allow_delete: true). Their clients are disconnected and new ones refused.",
                "Needs --confirm, or --dry-run to show which of the accounts the servers hold."})
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    DeploymentOptions deployment;

    @Option(names = {"--account", "-a"}, required = true, paramLabel = "KEY",
            description = "Account public key to delete (repeatable).")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--operator-seed", paramLabel = "FILE",
            description = "The operator's seed or one of its signing keys' (signs the request).")
    Path operatorSeed;

    @Option(names = "--confirm", description = "Really delete.")
    boolean confirm;

    @Option(names = "--dry-run", description = "Show which servers hold the accounts; delete nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        if (confirm == dryRun) {
            throw new CommandLine.ParameterException(command.commandLine(), "delete removes accounts from the "
                    + "deployment: give --confirm to delete, or --dry-run to see what would be deleted");
        }
        if (confirm && operatorSeed == null) {
            throw new CommandLine.ParameterException(command.commandLine(), "--confirm needs --operator-seed FILE: "
                    + "servers accept delete requests signed by the operator or one of its signing keys");
        }
        PrintWriter out = command.commandLine().getOut();
        try (Deployment d = deployment.connect()) {
            DeploymentOptions.describe(out, d);
            if (dryRun) {
                d.list().forEach((server, keys) -> {
                    Set<String> held = new LinkedHashSet<>(accounts);
                    held.retainAll(keys);
                    out.println("  " + server + ": would delete " + held);
                });
                out.println("Dry run: nothing deleted.");
                return Main.OK;
            }
            List<ServerAnswer> answers = d.delete(accounts, DeploymentOptions.operatorKey(operatorSeed));
            DeploymentOptions.answers(out, "  ", answers);
            return answers.stream().allMatch(ServerAnswer::ok) ? Main.OK : Main.INVALID;
        }
    }
}
