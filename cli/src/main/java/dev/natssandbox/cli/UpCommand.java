package dev.natssandbox.cli;

import dev.natssandbox.callout.SandboxCallouts;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.nscimport.NscEnvironment;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxBuilder;
import dev.natssandbox.sandbox.SandboxCluster;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.internal.sandbox.SandboxInternals;
import dev.natssandbox.internal.store.StoreKeySource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code up --spec FILE} or {@code up --nsc-store DIR [--nsc-keys DIR]}: a local nats-server with real auth, in the
 * foreground until Ctrl-C.
 */
@Command(name = "up",
        description = {"Start a local nats-server with the operator, accounts and users of a spec file, print the "
                + "server URL, each user's creds file and permissions, then stay in the foreground printing server "
                + "output until Ctrl-C or SIGTERM, and shut down cleanly.",
                "With --nsc-store instead of --spec it runs an existing nsc environment: the spec is rebuilt from its "
                        + "JWTs and its real keys are used, so creds issued by nsc connect. What the sandbox cannot "
                        + "reproduce is printed as warnings.",
                "With --dir the files are kept there and identities are reused by a later 'up' on the same "
                        + "directory: creds handed to other tools stay valid; a changed spec is applied (new users "
                        + "get keys, removed ones vanish).",
                "Progress goes to stderr. Exits 0 after Ctrl-C or SIGTERM, 1 when the spec is invalid or the "
                        + "server cannot start or dies."})
final class UpCommand implements Callable<Integer> {
    @Option(names = "--spec", paramLabel = "FILE", description = "Spec file, or classpath:NAME (or give --nsc-store).")
    String spec;

    @Option(names = "--nsc-store", paramLabel = "DIR",
            description = "Run an existing nsc environment instead of a spec file: its stores directory ('nsc env' "
                    + "shows it as 'Stores Dir') or the operator directory in it.")
    Path nscStore;

    @Option(names = "--nsc-keys", paramLabel = "DIR",
            description = "The nsc keystore (NKEYS_PATH; 'nsc env' shows it as 'Keys Dir'), current or old layout "
                    + "(default: the keys directory next to the stores directory).")
    Path nscKeys;

    @Option(names = "--nsc-operator", paramLabel = "NAME",
            description = "The operator to run when the nsc store holds several.")
    String nscOperator;

    @Option(names = "--nsc-new-keys",
            description = "Give identities whose signing seed is missing from the keystore a new key instead of "
                    + "failing (creds issued elsewhere under the old keys then do not work).")
    boolean nscNewKeys;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep config, keys and creds here and reuse identities (default: a temporary directory "
                    + "removed on exit).")
    Path dir;

    @Option(names = "--port", paramLabel = "N", description = "Listen port (default: the spec's; -1 for any free one).")
    Integer port;

    @Option(names = "--resolver", paramLabel = "KIND",
            description = "memory, url, full or cache (default: the spec's server.resolver).")
    String resolver;

    @Option(names = "--launcher", paramLabel = "KIND", defaultValue = "auto",
            description = "auto (default), binary or docker.")
    String launcher;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        checkSource();
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        LauncherKind kind = LauncherKind.parse(launcher).orElseThrow(() -> new CommandLine.ParameterException(
                command.commandLine(), "--launcher [" + launcher + "] must be auto, binary or docker"));
        Progress progress = new Progress(err);
        SandboxSpec s;
        KeySource imported = null;
        if (spec != null) {
            progress.say("Reading " + spec + " …");
            s = SpecFiles.load(spec);
        } else {
            progress.say("Importing the nsc environment in " + nscStore + " …");
            NscEnvironment env = NscEnvironment.reader(nscStore).keys(nscKeys).operator(nscOperator)
                    .generateMissingKeys(nscNewKeys).read();
            out.print(env.describe());
            out.println("The environment's own creds files connect too: the sandbox uses its keys.");
            out.flush();
            s = env.spec();
            imported = env.keySource();
        }
        s = ResolverOption.apply(s, resolver, command.commandLine());
        // ON_FAILURE: a server that dies keeps the directory whose log the error cites; a stop removes it.
        SandboxBuilder b = Sandbox.builder(s).launcher(kind).keepFiles(KeepFiles.ON_FAILURE);
        if (port != null) {
            b.port(port);
        }
        if (imported != null) {
            b.keySource(imported);
            if (dir != null) {
                b.directory(dir);
                progress.say("Writing the sandbox's files to " + dir.toAbsolutePath());
            }
        } else if (dir != null) {
            StoreKeySource keys = StoreKeySource.of(dir);
            b.directory(dir).keySource(keys);
            progress.say((keys.hasIdentities() ? "Reusing identities in " : "Creating identities in ")
                    + dir.toAbsolutePath());
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.install(stopRequested::countDown);
        progress.say("Starting nats-server (launcher " + kind.name().toLowerCase(Locale.ROOT) + ") …");
        long start = System.nanoTime();
        Sandbox sandbox = b.start();
        SandboxCallouts callouts;
        try {
            // Callout accounts with a static table get the built-in authorization service.
            callouts = SandboxCallouts.start(sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                out.println("Stopping " + sandbox.id() + " …");
                out.flush();
                if (dir != null) {
                    SandboxJson.remove(dir);  // first: a tool reading it must not find a server that is going away
                }
                callouts.close();
                if (stopRequested.getCount() == 0) {
                    // Ctrl-C reaches nats-server too (the terminal signals the whole process group): a server that
                    // has already exited did so on that signal and is no failure; its files go as promised.
                    SandboxInternals.door().closeAfterStopSignal(sandbox);
                } else {
                    sandbox.close();
                }
                out.println("Stopped.");
                if (dir == null && Files.exists(sandbox.directory())) {
                    out.println("Kept " + sandbox.directory() + " for the log " + sandbox.logFile()
                            + "; remove it when done.");
                }
                out.flush();
            }
        };
        // Any other way the JVM ends (SIGHUP, System.exit elsewhere) still stops the server.
        Thread hook = new Thread(stop, "nats-sandbox-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LogFollower follower = null;
        try {
            progress.say("Ready in " + (System.nanoTime() - start) / 1_000_000 + " ms.");
            if (dir != null) {
                progress.say("Wrote " + SandboxJson.write(dir, sandbox));
            }
            printSummary(out, sandbox);
            callouts.accounts().forEach(a -> out.println("Auth callout: built-in service for account [" + a
                    + "] (its callout_users table)"));
            follower = new LogFollower(sandbox.logFile(), out);
            follower.start();
            // A display interval, not a wait for an event: the server's death has no notification to await.
            while (!stopRequested.await(1, TimeUnit.SECONDS)) {
                sandbox.requireRunning();
                if (sandbox.cluster().isPresent()) {
                    SandboxCluster cluster = sandbox.cluster().get();
                    for (int i = 0; i < cluster.size(); i++) {
                        cluster.requireRunning(i);
                    }
                }
            }
        } finally {
            if (follower != null) {
                follower.interrupt();
            }
            stop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; stop() is idempotent
            }
        }
        return Main.OK;
    }

    private static void printSummary(PrintWriter out, Sandbox sandbox) {
        out.println();
        if (sandbox.cluster().isPresent()) {
            SandboxCluster cluster = sandbox.cluster().get();
            out.println("Cluster:    " + cluster.id() + " (" + cluster.size() + " servers routed to each other)");
            for (int i = 0; i < cluster.size(); i++) {
                out.println("Server " + i + ":   " + cluster.serverUrl(i) + "  " + cluster.serverName(i) + "  log "
                        + cluster.logFile(i));
            }
            out.println("Server URL: " + sandbox.serverUrl() + " (server 0; its output follows below)");
        } else {
            out.println("Server URL: " + sandbox.serverUrl());
        }
        out.println("Directory:  " + sandbox.directory());
        out.println("Log:        " + sandbox.logFile());
        out.println();
        out.print(Describer.userTable(sandbox.hierarchy()));
        out.println("Creds files:");
        for (UserIdentity u : sandbox.hierarchy().users()) {
            out.println("  " + u.qualifiedName() + ": " + sandbox.credsFile(u.qualifiedName()));
        }
        out.println();
        out.println("Try: nats --server " + sandbox.serverUrl() + " --creds <creds file> pub hello world");
        out.println("Press Ctrl-C to stop. Server output follows.");
        out.flush();
    }

    /** Exactly one source: a spec file or an nsc environment; the nsc options only with the latter. */
    private void checkSource() {
        if (spec == null && nscStore == null) {
            throw new CommandLine.ParameterException(command.commandLine(), "nothing to run: give a spec file "
                    + "(--spec FILE) or an existing nsc environment (--nsc-store DIR [--nsc-keys DIR])");
        }
        if (spec != null && nscStore != null) {
            throw new CommandLine.ParameterException(command.commandLine(), "--spec [" + spec + "] and --nsc-store ["
                    + nscStore + "] exclude each other: run either a spec file or an nsc environment");
        }
        if (nscStore == null && (nscKeys != null || nscOperator != null || nscNewKeys)) {
            throw new CommandLine.ParameterException(command.commandLine(), "--nsc-keys, --nsc-operator and "
                    + "--nsc-new-keys apply to an nsc environment; add --nsc-store DIR or remove them");
        }
    }
}
