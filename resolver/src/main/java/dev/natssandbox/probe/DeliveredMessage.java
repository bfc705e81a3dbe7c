package dev.natssandbox.probe;

import java.util.Objects;

/**
 * A probe message as its receiver saw it: the evidence that a delivery, request or reply went through. The subject
 * may differ from the one published to when an import maps it; for a request across accounts the reply subject is
 * the server's {@code _R_.…} mapping, not the client's inbox.
 *
 * @param step     the step that delivered it: {@link ProbeResult.Step#DELIVER},
 *                 {@link ProbeResult.Step#DELIVER_REQUEST} or {@link ProbeResult.Step#DELIVER_REPLY}
 * @param receiver who received it
 * @param subject  the subject it arrived on
 * @param replyTo  its reply subject, or empty
 * @param payload  its payload as UTF-8 text
 */
public record DeliveredMessage(ProbeResult.Step step, String receiver, String subject, String replyTo,
                               String payload) {
    /**
     * Requires the step, receiver and subject; normalizes a missing reply subject to empty.
     *
     * @param step     the step that delivered it: {@link ProbeResult.Step#DELIVER}, {@link
     *                 ProbeResult.Step#DELIVER_REQUEST} or {@link ProbeResult.Step#DELIVER_REPLY}
     * @param receiver who received it
     * @param subject  the subject it arrived on
     * @param replyTo  its reply subject, or empty
     * @param payload  its payload as UTF-8 text
     */
    public DeliveredMessage {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(subject, "subject");
        replyTo = replyTo == null ? "" : replyTo;
        payload = payload == null ? "" : payload;
    }

    @Override
    public String toString() {
        return "[" + receiver + "] received on [" + subject + "]" + (replyTo.isEmpty() ? "" : " reply to [" + replyTo
                + "]") + " payload [" + payload + "]";
    }
}
