package dev.natssandbox.spec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One map of a spec file, read key by key. Construction rejects keys outside the allowed set, naming the key, its
 * full path and the keys that are allowed. A key whose value is null ({@code key:}, {@code ~}, {@code null}) reads
 * as absent.
 */
final class Fields {
    private final ReadContext ctx;
    private final Node.MapNode map;
    private final String path;

    Fields(ReadContext ctx, Node.MapNode map, String path, List<String> allowed, Map<String, String> hints) {
        this.ctx = ctx;
        this.map = map;
        this.path = path;
        map.keyLines().forEach((k, line) -> ctx.remember(at(k), line));
        for (String key : map.entries().keySet()) {
            if (!allowed.contains(key)) {
                String hint = hints.get(key);
                if (hint == null) {
                    String close = closest(key, allowed);
                    hint = close == null ? "" : ". Did you mean [" + close + "]?";
                } else {
                    hint = ". " + hint;
                }
                throw ctx.fail(at(key), "unknown key [" + key + "]; expected one of " + allowed + hint);
            }
        }
    }

    String path() {
        return path;
    }

    String at(String key) {
        return ReadContext.child(path, key);
    }

    int line() {
        return map.line();
    }

    boolean has(String key) {
        return get(key) != null;
    }

    /** @return the value, or {@code null} when absent or null */
    Node get(String key) {
        Node n = map.entries().get(key);
        return n instanceof Node.Scalar s && s.isNull() ? null : n;
    }

    /** @return the value; fails naming the key and an example when it is absent or null */
    Node required(String key, String example) {
        Node n = get(key);
        if (n == null) {
            if (map.entries().containsKey(key)) {
                throw ctx.fail(map.entries().get(key), at(key), "key [" + key + "] has no value; give it one, e.g. "
                        + example);
            }
            throw ctx.fail(map, path, "missing required key [" + key + "]; add it, e.g. " + example);
        }
        return n;
    }

    String requiredString(String key, String example) {
        return ctx.string(required(key, example), at(key));
    }

    String string(String key) {
        Node n = get(key);
        return n == null ? null : ctx.string(n, at(key));
    }

    boolean bool(String key, boolean absent) {
        Node n = get(key);
        return n == null ? absent : ctx.bool(n, at(key));
    }

    /** @return the value, or {@code null} when absent */
    Boolean optionalBool(String key) {
        Node n = get(key);
        return n == null ? null : ctx.bool(n, at(key));
    }

    long integer(String key, long absent) {
        Node n = get(key);
        return n == null ? absent : ctx.integer(n, at(key));
    }

    int intValue(String key, int absent) {
        Node n = get(key);
        return n == null ? absent : ctx.intValue(n, at(key));
    }

    long size(String key, long absent) {
        Node n = get(key);
        return n == null ? absent : ctx.size(n, at(key));
    }

    /** @return the duration, or {@code null} when absent */
    Duration duration(String key) {
        Node n = get(key);
        return n == null ? null : ctx.duration(n, at(key));
    }

    /** @return the instant, or {@code null} when absent */
    Instant instant(String key) {
        Node n = get(key);
        return n == null ? null : ctx.instant(n, at(key));
    }

    List<String> strings(String key, String example) {
        return ctx.strings(get(key), at(key), example);
    }

    List<Node> list(String key, String example) {
        return ctx.list(get(key), at(key), example);
    }

    Node.MapNode map(String key, String example) {
        return ctx.map(get(key), at(key), example);
    }

    Fields fields(String key, List<String> keys) {
        return ctx.fields(get(key), at(key), keys, Map.of());
    }

    Fields fields(String key, List<String> keys, Map<String, String> hints) {
        return ctx.fields(get(key), at(key), keys, hints);
    }

    /** A key that differs only in case, or by one edit (two for longer keys), as typos do. */
    private static String closest(String key, List<String> allowed) {
        String best = null;
        int bestDistance = key.length() <= 3 ? 2 : 3;
        for (String a : allowed) {
            int d = a.equalsIgnoreCase(key) ? 0 : distance(key.toLowerCase(Locale.ROOT), a);
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
