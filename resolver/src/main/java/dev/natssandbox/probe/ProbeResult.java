package dev.natssandbox.probe;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a {@link PermissionProbe} observed: the operation, who took part, the step that failed (if any) and the
 * evidence — the server's refusal text, or the messages that arrived.
 *
 * <p>{@link #failureMessage(boolean)} phrases an assertion failure, e.g. {@code expected [TestClient] to publish to
 * [req.b] but the server refused: Permissions Violation for Publish to "req.b" (pub allow: [req.a]; sub allow:
 * [_INBOX.>])}.
 *
 * @param operation    what was probed
 * @param users        who took part: {@code [user]} for publish and subscribe, {@code [publisher, subscriber]} for
 *                     a delivery, {@code [client, service]} for a request
 * @param subject      the subject published to, subscribed to, or requested
 * @param subscription for a delivery the subscriber's subscription, for a request the client's inbox, else the
 *                     subject
 * @param queue        the queue group of a queue subscription, else empty
 * @param failedStep   the step that failed, empty when the probe went through
 * @param refusal      the server's text that refused the failed step, when the server refused it (a message that
 *                     is simply not delivered has none)
 * @param messages     the probe messages that arrived, in order (request, then reply)
 * @param otherErrors  errors the server sent on the probe's connections during the probe that were not about the
 *                     probe (kept as evidence; they did not decide anything)
 */
public record ProbeResult(Operation operation, List<ProbeUser> users, String subject, String subscription,
                          String queue, Optional<Step> failedStep, Optional<String> refusal,
                          List<DeliveredMessage> messages, List<String> otherErrors) {

    /** What was probed. */
    public enum Operation {
        /** May the user publish to the subject? */
        PUBLISH,
        /** May the user subscribe to the subject (in a queue group)? */
        SUBSCRIBE,
        /** Does a message published by one user reach another user's subscription? */
        DELIVERY,
        /** Does a client's request reach a service, and its reply the client? */
        REQUEST
    }

    /** A step of a probe, in the order they run. */
    public enum Step {
        /** The subscriber (a delivery), the service (a request) or the user subscribes. */
        SUBSCRIBE,
        /** The client subscribes to its inbox. */
        SUBSCRIBE_INBOX,
        /** The user or the publisher publishes. */
        PUBLISH,
        /** The client publishes the request with its inbox as reply subject. */
        PUBLISH_REQUEST,
        /** The published message reaches the subscriber. */
        DELIVER,
        /** The request reaches the service. */
        DELIVER_REQUEST,
        /** The service publishes the reply to the request's reply subject. */
        PUBLISH_REPLY,
        /** The reply reaches the client's inbox. */
        DELIVER_REPLY
    }

    /**
     * Copies lists and normalizes {@code null}.
     *
     * @param operation    what was probed
     * @param users        who took part: {@code [user]} for publish and subscribe, {@code [publisher, subscriber]} for
     *                     a delivery, {@code [client, service]} for a request
     * @param subject      the subject published to, subscribed to, or requested
     * @param subscription for a delivery the subscriber's subscription, for a request the client's inbox, else the
     *                     subject
     * @param queue        the queue group of a queue subscription, else empty
     * @param failedStep   the step that failed, empty when the probe went through
     * @param refusal      the server's text that refused the failed step, when the server refused it (a message that is
     *                     simply not delivered has none)
     * @param messages     the probe messages that arrived, in order (request, then reply)
     * @param otherErrors  errors the server sent on the probe's connections during the probe that were not about the
     *                     probe (kept as evidence; they did not decide anything)
     */
    public ProbeResult {
        Objects.requireNonNull(operation, "operation");
        users = List.copyOf(users);
        queue = queue == null ? "" : queue;
        subscription = subscription == null ? subject : subscription;
        failedStep = Objects.requireNonNullElse(failedStep, Optional.empty());
        refusal = Objects.requireNonNullElse(refusal, Optional.empty());
        messages = messages == null ? List.of() : List.copyOf(messages);
        otherErrors = otherErrors == null ? List.of() : List.copyOf(otherErrors);
    }

    /** @return whether every step went through: allowed, delivered, answered */
    public boolean succeeded() {
        return failedStep.isEmpty();
    }

    /**
     * @return whether the server refused none of the probe's operations. A delivery that is not refused but not
     *         delivered either (no import, a deny filter on a wildcard subscription) is allowed and not delivered.
     */
    public boolean allowed() {
        return refusal.isEmpty();
    }

    /**
     * @return whether the probe message reached its receiver: for a delivery the subscriber, for a request the
     *         client (the reply). Always false for publish and subscribe probes, which deliver nothing.
     */
    public boolean delivered() {
        return (operation == Operation.DELIVERY || operation == Operation.REQUEST) && succeeded();
    }

    /** @return the refusal parsed as a permissions violation, when it is one */
    public Optional<Violation> violation() {
        return refusal.flatMap(Violation::parse);
    }

    /** @return the request as the service received it (request probes that got that far) */
    public Optional<DeliveredMessage> request() {
        return messages.stream().filter(m -> m.step() == Step.DELIVER_REQUEST).findFirst();
    }

    /**
     * @param step a step of this probe's operation
     * @return the user whose operation the step is
     */
    public ProbeUser actor(Step step) {
        int index = switch (operation) {
            case PUBLISH, SUBSCRIBE -> 0;
            case DELIVERY -> step == Step.PUBLISH ? 0 : 1;
            case REQUEST -> step == Step.SUBSCRIBE || step == Step.DELIVER_REQUEST || step == Step.PUBLISH_REPLY
                    ? 1 : 0;
        };
        return users.get(Math.min(index, users.size() - 1));
    }

    /** @return what decided the outcome: the server's text, the message that arrived, or what was not found */
    public String evidence() {
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (failedStep.isPresent()) {
            return outcome();
        }
        if (!messages.isEmpty()) {
            return messages.stream().map(DeliveredMessage::toString).collect(Collectors.joining("; "));
        }
        return "no error from the server before the PONG of a flush";
    }

    /**
     * @param expectedSuccess what the caller expected
     * @return {@code expected <action> but <outcome> (<permissions>)}, for an assertion that failed
     */
    public String failureMessage(boolean expectedSuccess) {
        String perms = permissionsSummary();
        return "expected " + action(expectedSuccess) + " but " + outcome() + (perms.isEmpty() ? "" : " " + perms);
    }

    /**
     * @return a sentence saying what was probed and what happened, with the users' permissions when known
     */
    public String describe() {
        String perms = permissionsSummary();
        return title() + ": " + (succeeded() ? "yes, " : "no, ") + outcome() + (perms.isEmpty() ? "" : " " + perms)
                + (otherErrors.isEmpty() ? "" : "; other errors meanwhile: " + otherErrors);
    }

    /**
     * @param positive whether the success of the probe is meant
     * @return e.g. {@code [TestClient] to publish to [req.b]} or {@code [TestService] to be refused publishing to
     *         [req.a]}
     */
    public String action(boolean positive) {
        String u0 = "[" + users.get(0).name() + "]";
        String u1 = users.size() > 1 ? "[" + users.get(1).name() + "]" : u0;
        return switch (operation) {
            case PUBLISH -> u0 + (positive ? " to publish to [" : " to be refused publishing to [") + subject + "]";
            case SUBSCRIBE -> u0 + (positive ? " to subscribe to [" : " to be refused subscribing to [") + subject
                    + "]" + (queue.isEmpty() ? "" : " in queue group [" + queue + "]");
            case DELIVERY -> "a message " + u0 + " publishes to [" + subject + "]" + (positive ? " to reach " : " not "
                    + "to reach ") + u1 + "'s subscription to [" + subscription + "]";
            case REQUEST -> u0 + "'s request on [" + subject + "]" + (positive ? " to be answered by " : " not to be "
                    + "answered by ") + u1;
        };
    }

    /** @return what happened, e.g. {@code the server refused: Permissions Violation for Publish to "req.b"} */
    public String outcome() {
        if (failedStep.isPresent()) {
            Step step = failedStep.get();
            if (refusal.isPresent()) {
                boolean single = operation == Operation.PUBLISH || operation == Operation.SUBSCRIBE;
                return "the server refused" + (single ? "" : " " + stepPhrase(step)) + ": " + refusal.get();
            }
            String sub = "[" + actor(step).name() + "]'s subscription to [";
            return switch (step) {
                case DELIVER -> "it was not delivered: no probe message in " + sub + subscription + "] after its "
                        + "own flush";
                case DELIVER_REQUEST -> "the request did not reach " + sub + subject + "] (nothing there after "
                        + "its own flush)";
                case DELIVER_REPLY -> "the reply did not reach " + sub + subscription + "] (nothing there after "
                        + "its own flush)";
                default -> "step " + step + " failed";
            };
        }
        return switch (operation) {
            case PUBLISH, SUBSCRIBE -> "the server accepted it: no error before the PONG of a flush";
            case DELIVERY -> "it was delivered: " + messages.get(messages.size() - 1);
            case REQUEST -> "it was answered: " + messages.stream().map(DeliveredMessage::toString)
                    .collect(Collectors.joining(", then "));
        };
    }

    private String stepPhrase(Step step) {
        String a = "[" + actor(step).name() + "]";
        return switch (step) {
            case SUBSCRIBE -> a + "'s subscription to [" + (operation == Operation.DELIVERY ? subscription : subject)
                    + "]" + (queue.isEmpty() ? "" : " in queue group [" + queue + "]");
            case SUBSCRIBE_INBOX -> a + "'s subscription to its inbox [" + subscription + "]";
            case PUBLISH -> a + "'s publish to [" + subject + "]";
            case PUBLISH_REQUEST -> a + "'s request to [" + subject + "] with reply subject [" + subscription + "]";
            case PUBLISH_REPLY -> a + "'s reply to [" + request().map(DeliveredMessage::replyTo).orElse("?") + "]";
            default -> a + "'s " + step;
        };
    }

    /**
     * @return the known permissions of the users, e.g. {@code (pub allow: [req.a]; sub allow: [_INBOX.>])}, or of
     *         each user by name when there are two; empty when none is known
     */
    public String permissionsSummary() {
        List<ProbeUser> known = users.stream().distinct().filter(u -> u.permissions().isPresent()).toList();
        if (known.isEmpty()) {
            return "";
        }
        if (users.stream().distinct().count() == 1) {
            return "(" + known.get(0).describePermissions() + ")";
        }
        return "(" + known.stream().map(u -> u.name() + ": " + u.describePermissions())
                .collect(Collectors.joining(" | ")) + ")";
    }

    private String title() {
        String u0 = "[" + users.get(0).name() + "]";
        String u1 = users.size() > 1 ? "[" + users.get(1).name() + "]" : u0;
        return switch (operation) {
            case PUBLISH -> u0 + " publishes to [" + subject + "]";
            case SUBSCRIBE -> u0 + " subscribes to [" + subject + "]" + (queue.isEmpty() ? "" : " in queue group ["
                    + queue + "]");
            case DELIVERY -> u0 + " publishes to [" + subject + "], " + u1 + " subscribed to [" + subscription + "]";
            case REQUEST -> u0 + " requests [" + subject + "] from " + u1;
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
