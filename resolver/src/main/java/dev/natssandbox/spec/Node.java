package dev.natssandbox.spec;

import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON document, kept as the author wrote it: map order, scalar text exactly as written and the
 * line of every value and key, so that errors can point at the line and strings such as {@code 007} or {@code no}
 * keep their spelling.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

    /** @return 1-based line where the value starts, or 0 when unknown */
    int line();

    /** @return a phrase naming what this is, for type errors: "a map", "a list", "the number [5]" … */
    String describe();

    /**
     * @param entries  keys in document order
     * @param keyLines the line of each key
     * @param line     line of the map
     */
    record MapNode(Map<String, Node> entries, Map<String, Integer> keyLines, int line) implements Node {
        @Override
        public String describe() {
            return "a map";
        }
    }

    /**
     * @param items the items in order
     * @param line  line of the list
     */
    record ListNode(List<Node> items, int line) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * @param kind what the parser took the scalar for
     * @param text the scalar as written (for YAML: the plain or unquoted text)
     * @param line line of the scalar
     */
    record Scalar(Kind kind, String text, int line) implements Node {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "no value (null)";
                case STRING -> "the string [" + text + "]";
                case INTEGER, DECIMAL -> "the number [" + text + "]";
                case BOOLEAN -> "the boolean [" + text + "]";
            };
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }
    }

    /** What kind of scalar the parser saw. */
    enum Kind {
        STRING, INTEGER, DECIMAL, BOOLEAN, NULL
    }
}
