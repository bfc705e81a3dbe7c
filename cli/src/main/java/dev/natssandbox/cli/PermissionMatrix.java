package dev.natssandbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.model.Subjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What nats-server decided for each user and subject: rows are users, columns subjects, and each cell says whether
 * a publish and a subscription were allowed ({@code P+ S-}). Rendered as a table with a legend, or as JSON.
 *
 * @param columns the subjects, in order
 * @param rows    the users, in order; each has one cell per column, or none when its connection was refused
 */
record PermissionMatrix(List<Column> columns, List<Row> rows) {
    static final String LEGEND = "P publish, S subscribe: + allowed, - refused by nats-server. Every cell is the "
            + "outcome of a probe against the running server (refused = a permissions violation before the PONG of "
            + "a flush), not a reading of the rules.";

    PermissionMatrix {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.refusal().isEmpty() && r.cells().size() != columns.size()) {
                throw new IllegalArgumentException("row [" + r.user() + "] has " + r.cells().size() + " cells for "
                        + columns.size() + " columns");
            }
        }
    }

    /**
     * A subject of the matrix. A publish goes to a literal subject, so for a pattern such as {@code req.>} the
     * publish is probed on a literal it covers ({@code req.x}); the subscription is probed on the pattern itself.
     *
     * @param subject        the subject as named in the spec or on the command line
     * @param publishSubject the literal the publish is probed on
     */
    record Column(String subject, String publishSubject) {
        Column {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(publishSubject, "publishSubject");
        }

        static Column of(String subject) {
            return new Column(subject, literal(subject));
        }

        /** @return a literal subject the pattern covers: each {@code *} and {@code >} token becomes {@code x} */
        static String literal(String subject) {
            if (!Subjects.hasWildcards(subject)) {
                return subject;
            }
            String[] tokens = subject.split("\\.", -1);
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i].equals("*") || tokens[i].equals(">")) {
                    tokens[i] = "x";
                }
            }
            return String.join(".", tokens);
        }

        boolean derived() {
            return !subject.equals(publishSubject);
        }

        String heading() {
            return derived() ? subject + "\n(pub " + publishSubject + ")" : subject;
        }
    }

    /**
     * What the server decided for one operation.
     *
     * @param allowed  whether it went through
     * @param evidence the server's refusal text, or what showed it was accepted
     */
    record Verdict(boolean allowed, String evidence) {
        Verdict {
            Objects.requireNonNull(evidence, "evidence");
        }

        String word() {
            return allowed ? "allow" : "deny";
        }
    }

    /**
     * @param pub publishing to the column's {@link Column#publishSubject()}
     * @param sub subscribing to the column's subject
     */
    record Cell(Verdict pub, Verdict sub) {
        String text() {
            return "P" + (pub.allowed() ? "+" : "-") + " S" + (sub.allowed() ? "+" : "-");
        }
    }

    /**
     * @param user    the user as referred to ({@code User}, or {@code Account/User} when the name is not unique)
     * @param account the user's account
     * @param refusal why the server refused the user's connection, or empty when it connected
     * @param cells   one per column when connected
     */
    record Row(String user, String account, String refusal, List<Cell> cells) {
        Row {
            refusal = refusal == null ? "" : refusal;
            cells = List.copyOf(cells);
        }

        static Row refused(String user, String account, String refusal) {
            return new Row(user, account, refusal, List.of());
        }
    }

    /** @return the table, then the legend (and a line per user the server refused) */
    String render() {
        List<String> heading = new ArrayList<>(List.of("User", "Account"));
        columns.forEach(c -> heading.add(c.heading()));
        Table t = new Table("Permissions").header(heading.toArray(String[]::new));
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.user(), r.account()));
            for (int i = 0; i < columns.size(); i++) {
                cells.add(r.refusal().isEmpty() ? r.cells().get(i).text() : "n/a");
            }
            t.row(cells.toArray(String[]::new));
        }
        StringBuilder out = new StringBuilder(t.render()).append(LEGEND).append('\n');
        if (columns.stream().anyMatch(Column::derived)) {
            out.append("(pub X): the subject has wildcards; the publish was probed on the literal X, the subscription "
                    + "on the subject itself.\n");
        }
        for (Row r : rows) {
            if (!r.refusal().isEmpty()) {
                out.append("n/a for [").append(r.user()).append("]: the server refused its connection: ")
                        .append(r.refusal()).append('\n');
            }
        }
        return out.toString();
    }

    /** @return {@code {subjects: [...], users: [...]}} with every verdict and its evidence */
    ObjectNode json() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode subjects = root.putArray("subjects");
        for (Column c : columns) {
            subjects.addObject().put("subject", c.subject()).put("publish_subject", c.publishSubject());
        }
        ArrayNode users = root.putArray("users");
        for (Row r : rows) {
            ObjectNode u = users.addObject().put("user", r.user()).put("account", r.account())
                    .put("connected", r.refusal().isEmpty());
            if (!r.refusal().isEmpty()) {
                u.put("refusal", r.refusal());
                continue;
            }
            ObjectNode cells = u.putObject("permissions");
            for (int i = 0; i < columns.size(); i++) {
                Cell cell = r.cells().get(i);
                ObjectNode c = cells.putObject(columns.get(i).subject());
                verdict(c.putObject("pub"), cell.pub());
                verdict(c.putObject("sub"), cell.sub());
            }
        }
        return root;
    }

    static ObjectNode verdict(ObjectNode node, Verdict v) {
        return node.put("allowed", v.allowed()).put("evidence", v.evidence());
    }
}
