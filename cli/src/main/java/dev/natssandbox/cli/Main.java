package dev.natssandbox.cli;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code nats-sandbox} command: {@code java -jar nats-sandbox.jar <command> …}.
 *
 * <p>Exit codes: 0 success, 1 invalid input or a failed check (the message on stderr names what and where), 2 usage
 * error (unknown option, missing argument).
 */
@Command(name = "nats-sandbox",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Create, inspect and run NATS decentralized-auth sandboxes (operator, accounts, users).",
        subcommands = {UpCommand.class, CheckCommand.class, GenerateCommand.class, DescribeCommand.class,
                PushCommand.class, ListCommand.class, PullCommand.class, DeleteCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Success. */
    public static final int OK = 0;
    /** Invalid input or a failed check. */
    public static final int INVALID = 1;
    /** Usage error. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command in-process.
     *
     * @param args command line arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : INVALID);
        cl.setParameterExceptionHandler((e, arguments) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println(NatsSandboxException.redactSeeds(e.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr())) {
                c.usage(c.getErr());
            }
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof NatsSandboxException) {
                String prefix = e instanceof InvalidInputException ? "invalid input: " : "error: ";
                commandLine.getErr().println(prefix + e.getMessage());
                return INVALID;
            }
            // A bug, not bad input: show where, but never a seed the message may quote.
            commandLine.getErr().println("error: " + NatsSandboxException.redactSeeds(String.valueOf(e)));
            for (StackTraceElement frame : e.getStackTrace()) {
                commandLine.getErr().println("\tat " + frame);
            }
            return INVALID;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"nats-sandbox " + (v == null ? "(development build)" : v)};
        }
    }
}
