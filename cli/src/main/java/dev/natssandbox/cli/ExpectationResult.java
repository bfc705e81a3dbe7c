package dev.natssandbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.natssandbox.cli.PermissionMatrix.Verdict;
import dev.natssandbox.spec.Expectation;

import java.util.List;
import java.util.Objects;

/**
 * An expectation of the spec's {@code expect:} block and what the server decided.
 *
 * @param expectation       what the spec expects
 * @param actual            what the server decided, or {@code null} when it refused the user's connection
 * @param connectionRefusal why the server refused the user's connection, or empty
 */
record ExpectationResult(Expectation expectation, Verdict actual, String connectionRefusal) {
    ExpectationResult {
        Objects.requireNonNull(expectation, "expectation");
        connectionRefusal = connectionRefusal == null ? "" : connectionRefusal;
        if (actual == null && connectionRefusal.isEmpty()) {
            throw new IllegalArgumentException("no verdict and no connection refusal for " + expectation);
        }
    }

    static ExpectationResult decided(Expectation expectation, Verdict actual) {
        return new ExpectationResult(expectation, Objects.requireNonNull(actual, "actual"), "");
    }

    static ExpectationResult notConnected(Expectation expectation, String refusal) {
        return new ExpectationResult(expectation, null, refusal);
    }

    /** @return whether the server decided as expected (a user that cannot connect meets no expectation) */
    boolean met() {
        return actual != null && actual.allowed() == expectation.allowed();
    }

    String actualWord() {
        return actual == null ? "no connection" : actual.word();
    }

    String evidence() {
        return actual == null ? "the server refused the user's connection: " + connectionRefusal : actual.evidence();
    }

    /**
     * @return e.g. {@code spec.yaml:14: expect.TestClient.pub.deny[0]: user [TestAccount/TestClient] pub [req.b]:
     *         expected deny, but the server decided allow (no error before the PONG of a flush)}
     */
    String mismatch() {
        Expectation e = expectation;
        return (e.where().isEmpty() ? "" : e.where() + ": ") + "user [" + e.userRef() + "] " + e.action().key()
                + " [" + e.subject() + "]" + (e.queue().isEmpty() ? "" : " queue [" + e.queue() + "]")
                + ": expected " + (e.allowed() ? "allow" : "deny") + ", but the server decided " + actualWord()
                + " (" + evidence() + ")";
    }

    /** @return a table of every expectation with its outcome, then a summary line */
    static String render(List<ExpectationResult> results) {
        Table t = new Table("Expectations").header("Result", "User", "Op", "Subject", "Expected", "Actual");
        for (ExpectationResult r : results) {
            Expectation e = r.expectation();
            t.row(r.met() ? "ok" : "MISMATCH", e.userRef(), e.action().key(),
                    e.subject() + (e.queue().isEmpty() ? "" : " (queue " + e.queue() + ")"),
                    e.allowed() ? "allow" : "deny", r.actualWord());
        }
        long failed = results.stream().filter(r -> !r.met()).count();
        return t.render() + results.size() + " expectation" + (results.size() == 1 ? "" : "s") + " checked, "
                + (failed == 0 ? "all met" : failed + " not met") + ".\n";
    }

    static ArrayNode json(List<ExpectationResult> results) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (ExpectationResult r : results) {
            Expectation e = r.expectation();
            list.addObject().put("user", e.userRef()).put("op", e.action().key()).put("subject", e.subject())
                    .put("queue", e.queue()).put("expected", e.allowed() ? "allow" : "deny")
                    .put("actual", r.actualWord()).put("met", r.met()).put("evidence", r.evidence())
                    .put("where", e.where());
        }
        return list;
    }
}
