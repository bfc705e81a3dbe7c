package dev.natssandbox.cli;

import dev.natssandbox.cli.PermissionMatrix.Verdict;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.sandbox.ConnectionRefusedException;
import dev.natssandbox.sandbox.Sandbox;

import java.util.HashMap;
import java.util.Map;

/**
 * Asks the sandbox's server, through {@link Sandbox#probe()}, what it allows. Each question is asked once: the matrix
 * and the expectations share the answers. Not thread-safe (check probes one question at a time).
 */
final class ServerProbes {
    private final Sandbox sandbox;
    private final Map<String, String> connectionRefusals = new HashMap<>();
    private final Map<String, Verdict> verdicts = new HashMap<>();

    ServerProbes(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * @param user {@code Account/User}
     * @return why the server refused the user's connection, or empty when it connects
     */
    String connectionRefusal(String user) {
        return connectionRefusals.computeIfAbsent(user, u -> {
            try {
                // A connection of its own, closed at once: the probes' connections stay the sandbox's business.
                sandbox.connect(u).close();
                return "";
            } catch (ConnectionRefusedException e) {
                return e.serverMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while closing the connection of [" + u + "]", e);
            }
        });
    }

    /**
     * @param user    {@code Account/User}, connected
     * @param subject a literal subject
     * @return whether the server accepted the publish
     */
    Verdict publish(String user, String subject) {
        return verdicts.computeIfAbsent(user + " PUB " + subject,
                k -> verdict(sandbox.probe().publish(user, subject)));
    }

    /**
     * @param user    {@code Account/User}, connected
     * @param subject a subject, wildcards allowed
     * @param queue   a queue group, or empty
     * @return whether the server accepted the subscription
     */
    Verdict subscribe(String user, String subject, String queue) {
        return verdicts.computeIfAbsent(user + " SUB " + subject + " " + queue, k -> verdict(queue.isEmpty()
                ? sandbox.probe().subscribe(user, subject) : sandbox.probe().subscribe(user, subject, queue)));
    }

    /** @return how many questions the server answered */
    int count() {
        return verdicts.size();
    }

    private static Verdict verdict(ProbeResult r) {
        return new Verdict(r.allowed(), r.refusal().orElse(r.outcome()));
    }
}
