package dev.natssandbox.cli;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxBuilder;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.store.StoreKeySource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code up --spec FILE}: a local nats-server with real auth, in the foreground until Ctrl-C. */
@Command(name = "up",
        description = {"Start a local nats-server with the operator, accounts and users of a spec file, print the "
                + "server URL, each user's creds file and permissions, then stay in the foreground printing server "
                + "output until Ctrl-C or SIGTERM, and shut down cleanly.",
                "With --dir the files are kept there and identities are reused by a later 'up' on the same "
                        + "directory: creds handed to other tools stay valid; a changed spec is applied (new users "
                        + "get keys, removed ones vanish).",
                "Progress goes to stderr. Exits 0 after Ctrl-C or SIGTERM, 1 when the spec is invalid or the "
                        + "server cannot start or dies."})
final class UpCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Spec file, or classpath:NAME.")
    String spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep config, keys and creds here and reuse identities (default: a temporary directory "
                    + "removed on exit).")
    Path dir;

    @Option(names = "--port", paramLabel = "N", description = "Listen port (default: the spec's; -1 for any free one).")
    Integer port;

    @Option(names = "--launcher", paramLabel = "KIND", defaultValue = "auto",
            description = "auto (default), binary or docker.")
    String launcher;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        LauncherKind kind = LauncherKind.parse(launcher).orElseThrow(() -> new CommandLine.ParameterException(
                command.commandLine(), "--launcher [" + launcher + "] must be auto, binary or docker"));
        Progress progress = new Progress(err);
        progress.say("Reading " + spec + " …");
        SandboxSpec s = SpecFiles.load(spec);
        SandboxBuilder b = Sandbox.builder(s).launcher(kind).keepFiles(KeepFiles.NEVER);
        if (port != null) {
            b.port(port);
        }
        if (dir != null) {
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
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                out.println("Stopping " + sandbox.id() + " …");
                out.flush();
                sandbox.close();
                out.println("Stopped.");
                out.flush();
            }
        };
        // Any other way the JVM ends (SIGHUP, System.exit elsewhere) still stops the server.
        Thread hook = new Thread(stop, "nats-sandbox-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LogFollower follower = null;
        try {
            progress.say("Ready in " + (System.nanoTime() - start) / 1_000_000 + " ms.");
            printSummary(out, sandbox);
            follower = new LogFollower(sandbox.logFile(), out);
            follower.start();
            // A display interval, not a wait for an event: the server's death has no notification to await.
            while (!stopRequested.await(1, TimeUnit.SECONDS)) {
                sandbox.server().checkAlive();
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
        out.println("Server URL: " + sandbox.serverUrl());
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
}
