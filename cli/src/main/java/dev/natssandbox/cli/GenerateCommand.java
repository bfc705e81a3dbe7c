package dev.natssandbox.cli;

import dev.natssandbox.internal.config.ResolverDirectory;
import dev.natssandbox.internal.config.ServerConfig;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.store.StoreLayout;
import dev.natssandbox.internal.util.SecureFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code generate --spec FILE --out DIR}: keys, JWTs, creds, an nsc store and a server.conf from a spec file. */
@Command(name = "generate",
        description = {"Provision a spec file: generate keys and JWTs and write DIR/server.conf, an "
                + "nsc-compatible store (DIR/stores) and keystore (DIR/keys, with one .creds per user).",
                "With the memory resolver every account is preloaded in server.conf; with resolver full or cache the "
                        + "config is what 'nsc generate config --nats-resolver' writes and DIR/jwt holds every "
                        + "account JWT as the server stores them, so 'nats-server -c DIR/server.conf' knows them all "
                        + "from any working directory.",
                "All or nothing: DIR must not exist or be empty, and on any error nothing is left in it. "
                        + "Directories are 0700, files 0600."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = "Spec file (.yaml, .yml or .json), or classpath:NAME.")
    String spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--resolver", paramLabel = "KIND",
            description = "memory, full or cache (default: the spec's server.resolver).")
    String resolver;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter o = command.commandLine().getOut();
        SandboxSpec s = ResolverOption.apply(SpecFiles.load(spec), resolver, command.commandLine());
        if (s.server().resolver() == ResolverType.URL) {
            throw new CommandLine.ParameterException(command.commandLine(), "resolver [url] needs the account "
                    + "server of a running sandbox ('up'); generate writes memory, full or cache configurations");
        }
        Hierarchy h = Provisioner.provision(s);
        Path dir = out.toAbsolutePath().normalize();
        ServerConfig.Builder config = ServerConfig.builder(h);
        if (s.server().jetStream()) {
            config.jetStream(dir.resolve("jetstream"));
        }
        Path resolverDir = dir.resolve("jwt");
        if (s.server().resolver().natsBased()) {
            config.natsResolver(s.server().resolver(), resolverDir.toString());
        }
        StoreLayout layout = NscStore.write(h, config.render(), dir);
        if (s.server().resolver().natsBased()) {
            try {
                ResolverDirectory.write(h, resolverDir);
            } catch (RuntimeException e) {
                SecureFiles.deleteRecursively(dir); // all or nothing, as for the rest of the output
                throw e;
            }
        }
        String op = h.operator().name();
        o.println("Generated operator [" + op + "] " + h.operator().publicKey() + " in " + dir);
        for (AccountIdentity a : h.accounts()) {
            o.println("  account [" + a.name() + "] " + a.publicKey()
                    + (a.name().equals(s.systemAccount()) ? " (system account)" : ""));
            for (UserIdentity u : a.users()) {
                o.println("    user [" + u.name() + "] " + u.publicKey() + "  creds: "
                        + layout.creds(op, a.name(), u.name()));
            }
        }
        o.println("Server config: " + layout.serverConf());
        if (s.server().resolver().natsBased()) {
            o.println("Resolver dir:  " + resolverDir + " (" + s.server().resolver().name().toLowerCase(Locale.ROOT)
                    + ", one <account key>.jwt per account)");
        }
        o.println("Run it:        nats-server -c " + layout.serverConf());
        o.println("Use with nsc:  NKEYS_PATH=" + layout.keys() + " nsc env -s " + layout.stores());
        return Main.OK;
    }
}
