package dev.natssandbox.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A two-column (or wider) box table in the style of {@code nsc describe}:
 *
 * <pre>
 * ╭───────────────────────────────╮
 * │        Account Details        │
 * ├─────────────┬─────────────────┤
 * │ Name        │ TestAccount     │
 * ╰─────────────┴─────────────────╯
 * </pre>
 *
 * Rows are grouped in sections separated by a rule. A cell may hold several lines.
 */
final class Table {
    private final String title;
    private final List<List<String[]>> sections = new ArrayList<>();
    private String[] header;

    Table(String title) {
        this.title = title;
        sections.add(new ArrayList<>());
    }

    /** Column headings for a multi-column table (printed under the title); a heading may hold several lines. */
    Table header(String... columns) {
        this.header = columns;
        return this;
    }

    Table row(String... cells) {
        sections.get(sections.size() - 1).add(cells);
        return this;
    }

    Table section() {
        if (!sections.get(sections.size() - 1).isEmpty()) {
            sections.add(new ArrayList<>());
        }
        return this;
    }

    boolean isEmpty() {
        return sections.stream().allMatch(List::isEmpty);
    }

    String render() {
        int cols = header != null ? header.length : 2;
        for (List<String[]> s : sections) {
            for (String[] r : s) {
                cols = Math.max(cols, r.length);
            }
        }
        int[] widths = new int[cols];
        if (header != null) {
            for (int i = 0; i < header.length; i++) {
                for (String line : lines(header[i])) {
                    widths[i] = Math.max(widths[i], line.length());
                }
            }
        }
        for (List<String[]> s : sections) {
            for (String[] r : s) {
                for (int i = 0; i < r.length; i++) {
                    for (String line : lines(r[i])) {
                        widths[i] = Math.max(widths[i], line.length());
                    }
                }
            }
        }
        int inner = 0;
        for (int w : widths) {
            inner += w + 3;
        }
        inner -= 1;
        if (title.length() + 2 > inner) {
            widths[cols - 1] += title.length() + 2 - inner;
            inner = title.length() + 2;
        }
        StringBuilder out = new StringBuilder();
        out.append('╭').append("─".repeat(inner)).append("╮\n");
        int left = (inner - title.length()) / 2;
        out.append('│').append(" ".repeat(left)).append(title).append(" ".repeat(inner - left - title.length()))
                .append("│\n");
        out.append(rule('├', '┬', '┤', widths));
        if (header != null) {
            appendRow(out, header, widths);
            out.append(rule('├', '┼', '┤', widths));
        }
        boolean first = true;
        for (List<String[]> s : sections) {
            if (s.isEmpty()) {
                continue;
            }
            if (!first) {
                out.append(rule('├', '┼', '┤', widths));
            }
            first = false;
            for (String[] r : s) {
                appendRow(out, r, widths);
            }
        }
        out.append(rule('╰', '┴', '╯', widths));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
        int height = 1;
        for (String c : cells) {
            height = Math.max(height, lines(c).length);
        }
        for (int line = 0; line < height; line++) {
            out.append('│');
            for (int i = 0; i < widths.length; i++) {
                String[] ls = i < cells.length ? lines(cells[i]) : new String[0];
                String text = line < ls.length ? ls[line] : "";
                out.append(' ').append(text).append(" ".repeat(widths[i] - text.length())).append(" │");
            }
            out.append('\n');
        }
    }

    private static String[] lines(String cell) {
        return cell == null ? new String[]{""} : cell.split("\n", -1);
    }

    private static String rule(char left, char mid, char right, int[] widths) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < widths.length; i++) {
            sb.append("─".repeat(widths[i] + 2)).append(i == widths.length - 1 ? right : mid);
        }
        return sb.append('\n').toString();
    }
}
