package dev.natssandbox.cli;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.nscimport.NscEnvironment;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.push.AccountPush;
import dev.natssandbox.push.Deployment;
import dev.natssandbox.push.PushReport;
import dev.natssandbox.push.SpecIssuer;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.internal.store.StoreLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code push}: account JWTs into a running deployment with the NATS-based resolver, as {@code nsc push} does. */
@Command(name = "push",
        description = {"Push account JWTs to a running deployment whose servers use the NATS-based resolver "
                + "($SYS.REQ.CLAIMS.UPDATE), as 'nsc push' does, and print every server's answer.",
                "The accounts come from a spec file, issued with the deployment's operator key (--operator-seed; the "
                        + "first operator signing key when the spec declares signing keys) and keys kept in --keys "
                        + "DIR (with a .creds per user), or from an nsc store as they are.",
                "Exits 1 unless every account reached every server; the output says which did."})
final class PushCommand implements Callable<Integer> {
    @Mixin
    DeploymentOptions deployment;

    @Option(names = "--spec", paramLabel = "FILE", description = "Spec file whose accounts to issue and push.")
    String spec;

    @Option(names = "--operator-seed", paramLabel = "FILE",
            description = "With --spec: the seed (S O…) that issues the accounts.")
    Path operatorSeed;

    @Option(names = "--keys", paramLabel = "DIR",
            description = "With --spec: where account and user keys and creds are kept and reused.")
    Path keys;

    @Option(names = "--nsc-store", paramLabel = "DIR", description = "Push the accounts of an nsc store instead.")
    Path nscStore;

    @Option(names = "--nsc-keys", paramLabel = "DIR", description = "The nsc keystore (default: next to the store).")
    Path nscKeys;

    @Option(names = "--nsc-operator", paramLabel = "NAME", description = "The operator when the store holds several.")
    String nscOperator;

    @Option(names = {"--account", "-a"}, paramLabel = "NAME", description = "Push only these accounts (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--dry-run", description = "Show what would change (new, changed, unchanged); push nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        Map<String, String> accounts = select(accounts(out));
        try (Deployment d = deployment.connect()) {
            DeploymentOptions.describe(out, d);
            if (dryRun) {
                Map<String, String> held = d.pull(accounts.values().stream().map(t -> Jwts.decode(t).subject())
                        .toList());
                accounts.forEach((name, token) -> out.println("  " + name + " " + Jwts.decode(token).subject() + ": "
                        + change(held.get(Jwts.decode(token).subject()), token)));
                out.println("Dry run: nothing pushed.");
                return Main.OK;
            }
            PushReport report = d.push(accounts.values());
            for (AccountPush a : report.accounts()) {
                out.println("  " + a.name() + " " + a.publicKey() + ": " + (a.applied() ? "pushed" : "NOT pushed")
                        + " (" + a.answers().size() + " of " + a.expected() + " servers answered)");
                DeploymentOptions.answers(out, "    ", a.answers());
            }
            if (!report.allApplied()) {
                out.println("Applied by every server: " + report.applied() + "; not applied: "
                        + report.failed().stream().map(AccountPush::name).toList());
                return Main.INVALID;
            }
            return Main.OK;
        }
    }

    private static String change(String held, String token) {
        if (held == null) {
            return "new";
        }
        if (held.equals(token)) {
            return "unchanged";
        }
        Jwt old = Jwts.decode(held);
        return "changed (held: issued " + old.issuedAt() + " by " + old.issuer() + ")";
    }

    private Map<String, String> select(Map<String, String> all) {
        if (only.isEmpty()) {
            return all;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : only) {
            String token = all.get(name);
            if (token == null) {
                throw new InvalidInputException("no account [" + name + "] to push; accounts are: " + all.keySet());
            }
            out.put(name, token);
        }
        return out;
    }

    /** @return account name to JWT, from the spec or the nsc store */
    private Map<String, String> accounts(PrintWriter out) {
        if ((spec == null) == (nscStore == null)) {
            throw new CommandLine.ParameterException(command.commandLine(), "give exactly one source of accounts: "
                    + "--spec FILE (with --operator-seed FILE and --keys DIR) or --nsc-store DIR");
        }
        Map<String, String> accounts = new LinkedHashMap<>();
        if (spec != null) {
            if (operatorSeed == null || keys == null) {
                throw new CommandLine.ParameterException(command.commandLine(), "--spec needs --operator-seed FILE "
                        + "(the key that issues the accounts) and --keys DIR (where account and user keys are kept)");
            }
            NatsKeyPair key = DeploymentOptions.operatorKey(operatorSeed);
            Hierarchy h = SpecIssuer.issue(SpecFiles.load(spec), key, keys);
            SpecIssuer.accountJwts(h).forEach(t -> accounts.put(Jwts.decode(t).name(), t));
            StoreLayout layout = new StoreLayout(keys);
            out.println("Issued by " + key.publicKey() + "; keys and creds in " + keys.toAbsolutePath());
            for (UserIdentity u : h.users()) {
                if (accounts.containsKey(u.account())) {
                    out.println("  creds " + u.qualifiedName() + ": "
                            + layout.creds(h.operator().name(), u.account(), u.name()));
                }
            }
            return accounts;
        }
        NscEnvironment env = NscEnvironment.reader(nscStore).keys(nscKeys).operator(nscOperator)
                .generateMissingKeys(true).read();
        Path dir = env.operatorDir().resolve("accounts");
        try (Stream<Path> names = Files.list(dir)) {
            for (Path a : names.sorted().toList()) {
                Path jwt = a.resolve(a.getFileName() + ".jwt");
                if (Files.isRegularFile(jwt)) {
                    accounts.put(a.getFileName().toString(), Files.readString(jwt, StandardCharsets.US_ASCII).strip());
                }
            }
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read the accounts of nsc store [" + dir + "]: " + e, e);
        }
        return accounts;
    }
}
