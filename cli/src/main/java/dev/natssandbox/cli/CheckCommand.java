package dev.natssandbox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.cli.PermissionMatrix.Cell;
import dev.natssandbox.cli.PermissionMatrix.Column;
import dev.natssandbox.cli.PermissionMatrix.Row;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.Subjects;
import dev.natssandbox.model.UserSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.spec.Expectation;
import dev.natssandbox.spec.SpecDocument;
import dev.natssandbox.spec.SpecFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code check --spec FILE}: a permission matrix decided by a real server, and the spec's expectations checked. */
@Command(name = "check",
        description = {"Start a temporary nats-server for a spec file, probe what each user may publish and subscribe "
                + "to, print a permission matrix (rows users, columns subjects, cells P+/P- S+/S-), then stop the "
                + "server.",
                "Subjects: those given with --subjects, else every subject the spec names (permissions, exports, "
                        + "imports); plus those of the spec's expect: block. A wildcard subject is published to a "
                        + "literal it covers (req.> -> req.x) and subscribed to as written.",
                "Every expectation of the spec's expect: block is probed too. Exits 0 when all are met (or there are "
                        + "none), 1 when the server disagrees with any (each mismatch is printed on stderr with its "
                        + "file, line and path) or the input is invalid, 2 on a usage error. Progress goes to "
                        + "stderr."})
final class CheckCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Spec file, or classpath:NAME.")
    String spec;

    @Option(names = "--subjects", split = ",", paramLabel = "SUBJECT",
            description = "Subjects to probe, comma separated (default: every subject the spec names).")
    List<String> subjects;

    @Option(names = "--include-system", description = "Probe the system account's users too.")
    boolean includeSystem;

    @Option(names = "--launcher", paramLabel = "KIND", defaultValue = "auto",
            description = "auto (default), binary or docker.")
    String launcher;

    @Option(names = "--json", description = "Print the matrix and the expectations as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        LauncherKind kind = LauncherKind.parse(launcher).orElseThrow(() -> new CommandLine.ParameterException(
                command.commandLine(), "--launcher [" + launcher + "] must be auto, binary or docker"));
        Progress progress = new Progress(err);
        progress.say("Reading " + spec + " …");
        SpecDocument doc = SpecFiles.loadDocument(spec);
        List<Column> columns = columns(doc);
        List<ProbedUser> users = users(doc.spec(), includeSystem);
        progress.say("Starting nats-server (launcher " + kind.name().toLowerCase(Locale.ROOT) + ") …");
        PermissionMatrix matrix;
        List<ExpectationResult> results;
        // A port of the spec's choosing could be taken; a check needs no fixed port.
        try (Sandbox sandbox = Sandbox.builder(doc.spec()).launcher(kind).port(-1).keepFiles(KeepFiles.NEVER)
                .start();
             CalloutProbes callouts = CalloutProbes.start(sandbox)) {
            progress.say("Probing " + users.size() + " user" + (users.size() == 1 ? "" : "s") + " x "
                    + columns.size() + " subject" + (columns.size() == 1 ? "" : "s") + " on " + sandbox.serverUrl()
                    + sandbox.cluster().map(c -> " (server 0 of a cluster of " + c.size() + "; every server has the "
                    + "same accounts)").orElse("") + " …");
            ServerProbes probes = new ServerProbes(sandbox);
            matrix = matrix(probes, columns, users, progress);
            // Users of callout tables: admitted by the built-in service, probed in the account it placed them in.
            List<Row> calloutRows = callouts.rows(columns, progress);
            if (!calloutRows.isEmpty()) {
                List<Row> all = new ArrayList<>(matrix.rows());
                all.addAll(calloutRows);
                matrix = new PermissionMatrix(columns, all);
            }
            if (!doc.expectations().isEmpty()) {
                progress.say("Checking " + doc.expectations().size() + " expectation"
                        + (doc.expectations().size() == 1 ? "" : "s") + " …");
            }
            results = expectations(probes, doc.expectations());
            progress.say("Done: " + probes.count() + " probes. Stopping nats-server …");
        }
        List<ExpectationResult> mismatches = results.stream().filter(r -> !r.met()).toList();
        if (json) {
            ObjectNode root = JSON.createObjectNode().put("spec", spec);
            root.setAll(matrix.json());
            root.set("expectations", ExpectationResult.json(results));
            root.put("mismatches", mismatches.size());
            out.println(write(root));
        } else {
            out.println("Permissions of " + spec + ", as nats-server decided them:");
            out.print(matrix.render());
            if (!results.isEmpty()) {
                out.println();
                out.print(ExpectationResult.render(results));
            }
        }
        out.flush();
        if (!mismatches.isEmpty()) {
            mismatches.forEach(m -> err.println("check failed: " + m.mismatch()));
            err.println("check failed: " + mismatches.size() + " of " + results.size() + " expectation"
                    + (results.size() == 1 ? "" : "s") + " of [" + spec + "] not met; the server's decision is "
                    + "final: fix the spec's permissions or its expect: block");
            return Main.INVALID;
        }
        return Main.OK;
    }

    private List<Column> columns(SpecDocument doc) {
        Set<String> names = new LinkedHashSet<>();
        if (subjects != null && !subjects.isEmpty()) {
            for (String s : subjects) {
                String subject = s.strip();
                String problem = Subjects.problem(subject);
                if (problem != null) {
                    throw new InvalidInputException("--subjects", "invalid subject [" + subject + "]: " + problem
                            + "; give NATS subjects separated by commas, e.g. --subjects req.a,req.b", null);
                }
                names.add(subject);
            }
        } else {
            names.addAll(SpecSubjects.of(doc.spec()));
        }
        doc.expectations().forEach(e -> names.add(e.subject()));
        return names.stream().map(Column::of).toList();
    }

    /**
     * A user of the matrix.
     *
     * @param name    as shown: the plain name, or {@code Account/User} when the name is in several accounts
     * @param ref     {@code Account/User}
     * @param account the account
     */
    record ProbedUser(String name, String ref, String account) {
    }

    /** @return the users to probe, in spec order */
    static List<ProbedUser> users(SandboxSpec spec, boolean includeSystem) {
        List<ProbedUser> users = new ArrayList<>();
        for (AccountSpec a : spec.accounts()) {
            if (a.name().equals(spec.systemAccount()) && !includeSystem) {
                continue;
            }
            for (UserSpec u : a.users()) {
                long same = spec.accounts().stream().flatMap(x -> x.users().stream())
                        .filter(o -> o.name().equals(u.name())).count();
                String ref = a.name() + "/" + u.name();
                users.add(new ProbedUser(same == 1 ? u.name() : ref, ref, a.name()));
            }
        }
        return users;
    }

    private static PermissionMatrix matrix(ServerProbes probes, List<Column> columns, List<ProbedUser> users,
                                           Progress progress) {
        List<Row> rows = new ArrayList<>();
        int n = 0;
        for (ProbedUser u : users) {
            progress.say("  [" + ++n + "/" + users.size() + "] " + u.name());
            String refusal = probes.connectionRefusal(u.ref());
            if (!refusal.isEmpty()) {
                rows.add(Row.refused(u.name(), u.account(), refusal));
                continue;
            }
            List<Cell> cells = new ArrayList<>();
            for (Column c : columns) {
                cells.add(new Cell(probes.publish(u.ref(), c.publishSubject()),
                        probes.subscribe(u.ref(), c.subject(), "")));
            }
            rows.add(new Row(u.name(), u.account(), "", cells));
        }
        return new PermissionMatrix(columns, rows);
    }

    private static List<ExpectationResult> expectations(ServerProbes probes, List<Expectation> expectations) {
        List<ExpectationResult> results = new ArrayList<>();
        for (Expectation e : expectations) {
            String refusal = probes.connectionRefusal(e.userRef());
            if (!refusal.isEmpty()) {
                results.add(ExpectationResult.notConnected(e, refusal));
            } else if (e.action() == Expectation.Action.PUB) {
                results.add(ExpectationResult.decided(e, probes.publish(e.userRef(), e.subject())));
            } else {
                results.add(ExpectationResult.decided(e, probes.subscribe(e.userRef(), e.subject(), e.queue())));
            }
        }
        return results;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new NatsSandboxException("cannot render JSON: " + e, e);
        }
    }
}
