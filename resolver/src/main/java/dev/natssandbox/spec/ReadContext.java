package dev.natssandbox.spec;

import dev.natssandbox.internal.spec.Units;
import dev.natssandbox.model.InvalidSpecException;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * State of one read: the source name for messages, the clock for relative times, and the line of every path seen
 * so far, so that errors the model raises later can still point at a line. Converts scalars to Java values with
 * messages that name the path, the value and what was expected.
 */
final class ReadContext {
    private static final Set<String> YAML11_BOOLEAN_WORDS = Set.of("yes", "no", "on", "off", "y", "n");

    private final String source;
    private final Clock clock;
    private final Map<String, Integer> lines = new HashMap<>();

    ReadContext(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    String source() {
        return source;
    }

    void remember(String path, int line) {
        lines.putIfAbsent(path, line);
    }

    /** The line of {@code path} or of its nearest enclosing path that was seen. */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    SpecFileException fail(Node node, String path, String message) {
        return new SpecFileException(source, node == null ? lineOf(path) : node.line(), path, message, null);
    }

    SpecFileException fail(String path, String message) {
        return new SpecFileException(source, lineOf(path), path, message, null);
    }

    /**
     * Runs a model constructor and turns its {@link InvalidSpecException} into a located {@link SpecFileException}.
     * The model names some paths relative to the record it checks ({@code users.U.src[0]},
     * {@code imports.subject}); {@code toFilePath} maps the model's path to the path in the file.
     */
    <T> T build(Supplier<T> constructor, UnaryOperator<String> toFilePath) {
        try {
            return constructor.get();
        } catch (SpecFileException e) {
            throw e;
        } catch (InvalidSpecException e) {
            String where = e.where() == null ? "" : e.where();
            String bare = where.isEmpty() ? e.getMessage() : e.getMessage().substring(where.length() + 2);
            String path = toFilePath.apply(where);
            throw new SpecFileException(source, lineOf(path), path, bare, e);
        }
    }

    /** For {@link #build}: the model's path is already the file's path. */
    static UnaryOperator<String> same() {
        return UnaryOperator.identity();
    }

    /**
     * For {@link #build}: the model's path is {@code exact} (the record's name check) or starts with one of
     * {@code relative} (its other checks); both stand for {@code to}. Other paths are the file's already.
     */
    static UnaryOperator<String> relocate(String to, String exact, String... relative) {
        return where -> {
            if (where.equals(exact)) {
                return to;
            }
            for (String from : relative) {
                if (where.equals(from) || where.startsWith(from + ".") || where.startsWith(from + "[")) {
                    return to + where.substring(from.length());
                }
            }
            return where;
        };
    }

    /** @return the map's reader; an absent or null value reads as an empty map */
    Fields fields(Node node, String path, List<String> keys, Map<String, String> hints) {
        if (node == null || node instanceof Node.Scalar s && s.isNull()) {
            return new Fields(this, new Node.MapNode(Map.of(), Map.of(), node == null ? lineOf(path) : node.line()),
                    path, keys, hints);
        }
        if (node instanceof Node.MapNode m) {
            return new Fields(this, m, path, keys, hints);
        }
        throw fail(node, path, "expected a map with the keys " + keys + " but got " + node.describe());
    }

    /** @return the items; an absent or null value reads as an empty list */
    List<Node> list(Node node, String path, String example) {
        if (node == null || node instanceof Node.Scalar s && s.isNull()) {
            return List.of();
        }
        if (node instanceof Node.ListNode l) {
            for (int i = 0; i < l.items().size(); i++) {
                remember(index(path, i), l.items().get(i).line());
            }
            return l.items();
        }
        throw fail(node, path, "expected a list but got " + node.describe() + "; write a list, e.g. " + example);
    }

    /** @return the map; an absent or null value reads as an empty map */
    Node.MapNode map(Node node, String path, String example) {
        if (node == null || node instanceof Node.Scalar s && s.isNull()) {
            return new Node.MapNode(Map.of(), Map.of(), 0);
        }
        if (node instanceof Node.MapNode m) {
            m.keyLines().forEach((k, line) -> remember(child(path, k), line));
            return m;
        }
        throw fail(node, path, "expected a map but got " + node.describe() + "; write a map, e.g. " + example);
    }

    /** @return the scalar as written, or {@code null} for null */
    String string(Node node, String path) {
        if (node instanceof Node.Scalar s) {
            return s.isNull() ? null : s.text();
        }
        throw fail(node, path, "expected a string but got " + node.describe());
    }

    List<String> strings(Node node, String path, String example) {
        List<Node> items = list(node, path, example);
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String s = string(items.get(i), index(path, i));
            if (s == null) {
                throw fail(items.get(i), index(path, i), "list entry has no value; remove it or give it one");
            }
            out.add(s);
        }
        return out;
    }

    boolean bool(Node node, String path) {
        if (node instanceof Node.Scalar s && s.kind() == Node.Kind.BOOLEAN) {
            return s.text().equalsIgnoreCase("true");
        }
        if (node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
            String lower = s.text().toLowerCase(Locale.ROOT);
            if (YAML11_BOOLEAN_WORDS.contains(lower)) {
                throw fail(node, path, "[" + s.text() + "] is not a boolean; write true or false (YAML 1.1 words "
                        + "such as yes, no, on and off are not booleans in a spec)");
            }
            if (lower.equals("true") || lower.equals("false")) {
                throw fail(node, path, "expected true or false but got the string [" + s.text()
                        + "]; write true or false, lower case and without quotes");
            }
        }
        throw fail(node, path, "expected true or false but got " + node.describe());
    }

    long integer(Node node, String path) {
        if (node instanceof Node.Scalar s && s.kind() == Node.Kind.INTEGER) {
            if (!s.text().matches("[-+]?(0|[1-9][0-9]*)")) {
                throw fail(node, path, "[" + s.text() + "] is not a plain decimal integer; write it in decimal "
                        + "without leading zeros, underscores or a base prefix");
            }
            try {
                return Long.parseLong(s.text().startsWith("+") ? s.text().substring(1) : s.text());
            } catch (NumberFormatException e) {
                throw fail(node, path, "integer [" + s.text() + "] is too large; use -1 for unlimited");
            }
        }
        String fix = node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING && s.text().matches("-?\\d+")
                ? "; remove the quotes" : "";
        throw fail(node, path, "expected an integer but got " + node.describe() + fix);
    }

    int intValue(Node node, String path) {
        long v = integer(node, path);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw fail(node, path, "integer [" + v + "] is too large; use at most " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    long size(Node node, String path) {
        if (node instanceof Node.Scalar s && s.kind() == Node.Kind.STRING) {
            try {
                return Units.parseSize(s.text());
            } catch (IllegalArgumentException e) {
                throw fail(node, path, e.getMessage());
            }
        }
        if (node instanceof Node.Scalar s && s.kind() == Node.Kind.INTEGER) {
            return integer(node, path);
        }
        throw fail(node, path, "expected a size but got " + node.describe() + "; " + Units.SIZE_FORMS);
    }

    Duration duration(Node node, String path) {
        if (node instanceof Node.Scalar s && (s.kind() == Node.Kind.STRING || s.kind() == Node.Kind.INTEGER)) {
            try {
                return Units.parseDuration(s.text());
            } catch (IllegalArgumentException e) {
                throw fail(node, path, e.getMessage());
            }
        }
        throw fail(node, path, "expected a duration but got " + node.describe() + "; " + Units.DURATION_FORMS);
    }

    /** An ISO-8601 instant or date-time with offset, or a duration counted from now. */
    Instant instant(Node node, String path) {
        String text = string(node, path);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notDateTime) {
            try {
                return clock.instant().plus(Units.parseDuration(text));
            } catch (IllegalArgumentException notDuration) {
                throw fail(node, path, "[" + text + "] is neither a date-time nor a duration; write an ISO-8601 "
                        + "date-time with offset such as 2030-01-01T00:00:00Z, or a duration from now such as 10m");
            }
        }
    }
}
