package dev.natssandbox.model;

/**
 * NATS subject syntax, checked more strictly than the reference library does so that mistakes surface before the
 * server silently ignores a rule: no empty tokens ({@code a..b}, leading or trailing dot), no whitespace,
 * {@code *} and {@code >} only as whole tokens, {@code >} only as the last token.
 */
public final class Subjects {
    private Subjects() {
    }

    /**
     * @param subject a subject, possibly with wildcards
     * @return {@code null} when valid, else why not (without the subject itself)
     */
    public static String problem(String subject) {
        if (subject == null || subject.isEmpty()) {
            return "a subject cannot be empty";
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "a subject cannot contain whitespace or control characters (found "
                        + (c == ' ' ? "a space" : String.format("U+%04X", (int) c)) + " at position " + (i + 1) + ")";
            }
        }
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) {
                return "token " + (i + 1) + " is empty (two dots in a row, or a leading or trailing dot)";
            }
            if (t.length() > 1 && (t.contains("*") || t.contains(">"))) {
                return "token " + (i + 1) + " [" + t + "] mixes a wildcard with other characters; "
                        + "'*' and '>' must be whole tokens";
            }
            if (t.equals(">") && i != tokens.length - 1) {
                return "'>' must be the last token";
            }
        }
        return null;
    }

    /**
     * @param subject a subject
     * @return whether it contains {@code *} or {@code >} tokens
     */
    public static boolean hasWildcards(String subject) {
        for (String t : subject.split("\\.", -1)) {
            if (t.equals("*") || t.equals(">")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param where   path for the error
     * @param subject the subject
     * @return the subject
     * @throws InvalidSpecException when the subject is not valid
     */
    public static String require(String where, String subject) {
        String problem = problem(subject);
        if (problem != null) {
            throw new InvalidSpecException(where, "invalid subject [" + subject + "]: " + problem);
        }
        return subject;
    }

    /**
     * Checks a subscribe permission entry, which may name a queue group: {@code "subject queue"}.
     *
     * @param where path for the error
     * @param entry the entry
     * @return the entry
     * @throws InvalidSpecException when the subject or the queue name is not valid
     */
    public static String requireSubscription(String where, String entry) {
        if (entry != null) {
            int space = entry.indexOf(' ');
            if (space > 0 && space == entry.lastIndexOf(' ') && space < entry.length() - 1) {
                String subject = entry.substring(0, space);
                String queue = entry.substring(space + 1);
                String problem = problem(subject);
                if (problem != null) {
                    throw new InvalidSpecException(where, "invalid subject [" + subject + "] in [" + entry + "]: "
                            + problem);
                }
                String qp = problem(queue);
                if (qp != null || hasWildcards(queue)) {
                    throw new InvalidSpecException(where, "invalid queue group [" + queue + "] in [" + entry
                            + "]: " + (qp != null ? qp : "a queue group cannot contain wildcards"));
                }
                return entry;
            }
            if (entry.indexOf(' ') >= 0) {
                throw new InvalidSpecException(where, "invalid subscription [" + entry
                        + "]: use \"subject\" or \"subject queue\" with a single space");
            }
        }
        return require(where, entry);
    }

    /**
     * @param where   path for the error
     * @param subject a subject to publish to
     * @return the subject
     * @throws InvalidSpecException when it is not valid or contains wildcards
     */
    public static String requireLiteral(String where, String subject) {
        require(where, subject);
        if (hasWildcards(subject)) {
            throw new InvalidSpecException(where, "subject [" + subject
                    + "] contains wildcards; messages are published to literal subjects");
        }
        return subject;
    }

    /**
     * Whether {@code subject} (possibly with wildcards) lies within {@code pattern}, i.e. every subject it
     * matches is matched by {@code pattern}.
     *
     * @param subject a subject
     * @param pattern a subject with wildcards
     * @return whether {@code subject} is contained in {@code pattern}
     */
    public static boolean isContainedIn(String subject, String pattern) {
        String[] s = subject.split("\\.", -1);
        String[] p = pattern.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return s.length > i;
            }
            if (i >= s.length) {
                return false;
            }
            if (s[i].equals(">")) {
                return false;
            }
            if (!p[i].equals("*") && !p[i].equals(s[i])) {
                return false;
            }
            if (p[i].equals("*") && s[i].equals(">")) {
                return false;
            }
        }
        return s.length == p.length;
    }

    /**
     * @param subject a literal subject
     * @param pattern a subject with wildcards
     * @return whether {@code pattern} matches {@code subject}
     */
    public static boolean matches(String subject, String pattern) {
        return isContainedIn(subject, pattern);
    }
}
