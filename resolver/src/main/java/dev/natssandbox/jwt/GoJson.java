package dev.natssandbox.jwt;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes JSON the way Go's {@code encoding/json} does for the reference structs: fields in struct order, no
 * whitespace, {@code omitempty} decided by the caller, and Go's string escaping ({@code <}, {@code >} and
 * {@code &} as {@code \u003c} …, U+2028/2029 escaped, backspace and form feed as Go 1.22+ writes them).
 * Byte-identical output matters for the jti, which is a hash of the standard claims' JSON.
 */
final class GoJson {
    /**
     * Go compares strings byte by byte in UTF-8, which is code point order; Java's {@code compareTo} compares UTF-16
     * units and disagrees for characters above U+FFFF. The order of every sorted list and of every map's keys
     * ({@code encoding/json} sorts them) on the wire.
     */
    static final Comparator<String> ORDER = (a, b) -> {
        int i = 0;
        int k = 0;
        while (i < a.length() && k < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(k);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            k += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - k);
    };

    /** @return a copy of the map, its keys in {@link #ORDER}, as {@code encoding/json} writes them */
    static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        SortedMap<String, V> sorted = new TreeMap<>(ORDER);
        sorted.putAll(map);
        return sorted;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final boolean[] needsComma = new boolean[32];
    private int depth;

    GoJson() {
        this(256);
    }

    GoJson(int capacity) {
        out = new StringBuilder(capacity);
    }

    GoJson beginObject() {
        separate();
        out.append('{');
        needsComma[++depth] = false;
        return this;
    }

    GoJson endObject() {
        out.append('}');
        depth--;
        return this;
    }

    GoJson beginArray() {
        separate();
        out.append('[');
        needsComma[++depth] = false;
        return this;
    }

    GoJson endArray() {
        out.append(']');
        depth--;
        return this;
    }

    /** Writes a field name; the next value written is its value. */
    GoJson name(String name) {
        separate();
        quote(name);
        out.append(':');
        needsComma[depth] = false; // the value that follows must not add a comma
        pendingValue = true;
        return this;
    }

    private boolean pendingValue;

    private void separate() {
        if (pendingValue) {
            pendingValue = false;
            needsComma[depth] = true;
            return;
        }
        if (depth > 0) {
            if (needsComma[depth]) {
                out.append(',');
            }
            needsComma[depth] = true;
        }
    }

    GoJson value(String s) {
        separate();
        quote(s);
        return this;
    }

    GoJson value(long v) {
        separate();
        out.append(v);
        return this;
    }

    GoJson value(boolean v) {
        separate();
        out.append(v);
        return this;
    }

    GoJson raw(String json) {
        separate();
        out.append(json);
        return this;
    }

    // ---- field helpers mirroring Go's tags ----

    GoJson string(String name, String v) {
        return name(name).value(v == null ? "" : v);
    }

    GoJson stringOmitEmpty(String name, String v) {
        return v == null || v.isEmpty() ? this : name(name).value(v);
    }

    GoJson number(String name, long v) {
        return name(name).value(v);
    }

    GoJson numberOmitZero(String name, long v) {
        return v == 0 ? this : name(name).value(v);
    }

    GoJson boolOmitFalse(String name, boolean v) {
        return v ? name(name).value(true) : this;
    }

    GoJson stringsOmitEmpty(String name, Collection<String> list) {
        if (list == null || list.isEmpty()) {
            return this;
        }
        name(name).beginArray();
        for (String s : list) {
            value(s);
        }
        return endArray();
    }

    /** A Go map[string]int64: keys sorted (callers pass sorted maps). */
    GoJson longMapOmitEmpty(String name, Map<String, Long> map) {
        if (map == null || map.isEmpty()) {
            return this;
        }
        name(name).beginObject();
        for (Map.Entry<String, Long> e : map.entrySet()) {
            name(e.getKey()).value(e.getValue());
        }
        return endObject();
    }

    static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // Since Go 1.22 (nats-io/jwt requires 1.25); older Go wrote the \\u form like other control characters.
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(c);
                default -> {
                    if (c < 0x20) {
                        unicode(c);
                    } else if (Character.isSurrogate(c)) {
                        // Go writes invalid UTF-8 as the six-character JSON escape for U+FFFD (not the raw
                        // character); in Java, invalid UTF-16 is an unpaired surrogate.
                        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append("\\ufffd");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicode(char c) {
        out.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15])
                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
