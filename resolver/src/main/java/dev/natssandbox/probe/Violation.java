package dev.natssandbox.probe;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A permissions violation the server reported on a connection, parsed from its {@code -ERR} text, e.g.
 * {@code Permissions Violation for Publish to "req.b"} or
 * {@code Permissions Violation for Subscription to "x" using queue "q"}.
 *
 * @param kind    what was refused
 * @param subject the subject named in the text
 * @param queue   the queue group for a queue subscription, else empty
 * @param text    the server's text as jnats passed it on
 */
public record Violation(Kind kind, String subject, String queue, String text) {
    private static final Pattern PATTERN = Pattern.compile(
            "Permissions Violation for (Publish with Reply of|Publish to|Subscription to) \"([^\"]*)\""
                    + "(?: using queue \"([^\"]*)\")?");

    /** What was refused. */
    public enum Kind {
        /** A PUB to a subject. */
        PUBLISH,
        /** A PUB carrying a reply subject the user may not use. */
        PUBLISH_WITH_REPLY,
        /** A SUB (possibly with a queue group). */
        SUBSCRIPTION
    }

    /**
     * @param text an error text from the server
     * @return the violation, when the text is a permissions violation
     */
    public static Optional<Violation> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PATTERN.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        Kind kind = switch (m.group(1)) {
            case "Publish to" -> Kind.PUBLISH;
            case "Publish with Reply of" -> Kind.PUBLISH_WITH_REPLY;
            default -> Kind.SUBSCRIPTION;
        };
        return Optional.of(new Violation(kind, m.group(2), m.group(3) == null ? "" : m.group(3), text.strip()));
    }
}
