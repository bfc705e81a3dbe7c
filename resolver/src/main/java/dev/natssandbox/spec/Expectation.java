package dev.natssandbox.spec;

import java.util.Objects;

/**
 * One entry of a spec file's {@code expect:} block: the server should allow, or refuse, a user's publish to a
 * subject or subscription to it. {@code nats-sandbox check} probes each against the running server.
 *
 * <pre>
 * expect:
 *   TestClient:
 *     pub: {allow: [req.a], deny: [req.b]}
 * </pre>
 * gives {@code Expectation[TestAccount/TestClient pub req.a allow]} and {@code …req.b deny}.
 *
 * @param account the user's account
 * @param user    the user's name
 * @param action  publish or subscribe
 * @param subject for a publish a literal subject; for a subscription it may contain wildcards
 * @param queue   for a subscription written {@code "subject queue"} the queue group, else empty
 * @param allowed whether the server is expected to allow it
 * @param where   where the entry is written, compiler style: {@code spec.yaml:14: expect.TestClient.pub.deny[0]}
 */
public record Expectation(String account, String user, Action action, String subject, String queue, boolean allowed,
                          String where) {

    /** What a user is expected to be allowed, or refused, to do. */
    public enum Action {
        /** Publish to a literal subject. */
        PUB("pub", "publish to"),
        /** Subscribe to a subject (wildcards allowed), optionally in a queue group. */
        SUB("sub", "subscribe to");

        private final String key;
        private final String phrase;

        Action(String key, String phrase) {
            this.key = key;
            this.phrase = phrase;
        }

        /** @return the key in the spec file: {@code pub} or {@code sub} */
        public String key() {
            return key;
        }

        /** @return the verb phrase for messages: {@code publish to} or {@code subscribe to} */
        public String phrase() {
            return phrase;
        }
    }

    /**
     * Requires every part; {@code null} queue and where read as empty.
     *
     * @param account the user's account
     * @param user    the user's name
     * @param action  publish or subscribe
     * @param subject for a publish a literal subject; for a subscription it may contain wildcards
     * @param queue   for a subscription written {@code "subject queue"} the queue group, else empty
     * @param allowed whether the server is expected to allow it
     * @param where   where the entry is written, compiler style: {@code spec.yaml:14: expect.TestClient.pub.deny[0]}
     */
    public Expectation {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        queue = queue == null ? "" : queue;
        where = where == null ? "" : where;
    }

    /** @return {@code Account/User}, a reference every sandbox API accepts */
    public String userRef() {
        return account + "/" + user;
    }

    /** @return e.g. {@code [TestClient] to be allowed to publish to [req.a]} */
    public String describe() {
        return "[" + user + "] to be " + (allowed ? "allowed" : "refused") + " to " + action.phrase() + " ["
                + subject + "]" + (queue.isEmpty() ? "" : " in queue group [" + queue + "]");
    }

    @Override
    public String toString() {
        return "Expectation[" + userRef() + " " + action.key() + " " + subject + (queue.isEmpty() ? "" : " " + queue)
                + " " + (allowed ? "allow" : "deny") + "]";
    }
}
