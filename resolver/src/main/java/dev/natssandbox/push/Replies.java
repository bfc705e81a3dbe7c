package dev.natssandbox.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One request that several servers answer: published once to a fresh inbox, replies collected until the expected
 * number arrived. The deadline only bounds a failure (a server that never answers); it never decides success.
 */
final class Replies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NO_RESPONDERS = 503;

    private Replies() {
    }

    /**
     * @param expected how many replies to wait for
     * @return the replies, fewer than {@code expected} only when the deadline passed
     * @throws DeploymentException when no server subscribes to {@code subject} (no responders)
     */
    static List<Message> collect(Connection nc, String subject, byte[] body, int expected, Duration timeout) {
        String inbox = nc.createInbox();
        nc.clearLastError();
        Subscription sub = nc.subscribe(inbox);
        List<Message> replies = new ArrayList<>();
        try {
            nc.publish(subject, inbox, body);
            // The server answers a refused SUB or PUB with -ERR before the PONG of this flush: no answer would come.
            nc.flush(timeout);
            String error = nc.getLastError();
            if (error != null && error.contains("Permissions Violation")) {
                throw new NotPermittedException(subject, error);
            }
            Instant deadline = Instant.now().plus(timeout);
            while (replies.size() < expected) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                Message m = sub.nextMessage(left);
                if (m == null) {
                    break;
                }
                if (m.isStatusMessage() && m.getStatus().getCode() == NO_RESPONDERS) {
                    throw new NoRespondersException(subject);
                }
                replies.add(m);
            }
            return replies;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DeploymentException("the server did not answer a PING within " + timeout.toMillis()
                    + " ms while sending [" + subject + "]", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while waiting for answers on [" + subject + "]", e);
        } finally {
            sub.unsubscribe();
        }
    }

    static JsonNode json(Message m, String subject) {
        try {
            return JSON.readTree(m.getData());
        } catch (IOException e) {
            throw new DeploymentException("a server answered [" + subject + "] with something that is not JSON: ["
                    + new String(m.getData(), java.nio.charset.StandardCharsets.UTF_8) + "]", e);
        }
    }

    /** @return the answer of a claims update or delete, in the shape nats-server's {@code respondToUpdate} sends */
    static ServerAnswer answer(JsonNode reply) {
        JsonNode server = reply.path("server");
        String id = server.path("id").asText("");
        String name = server.path("name").asText(id);
        if (reply.hasNonNull("error")) {
            JsonNode e = reply.path("error");
            return new ServerAnswer(name, id, false, e.path("description").asText(e.toString()));
        }
        JsonNode data = reply.path("data");
        return new ServerAnswer(name, id, data.path("code").asInt() == 200, data.path("message").asText(""));
    }

    /** The server refused to let this user send the request or receive its answer. */
    static final class NotPermittedException extends DeploymentException {
        private static final long serialVersionUID = 1L;

        NotPermittedException(String subject, String error) {
            super("the server refused the request on [" + subject + "]: " + error + "; use the creds of a "
                    + "system-account user allowed to publish $SYS.REQ.> and to subscribe to _INBOX.>");
        }
    }

    /** Nobody subscribes to the request subject: no server with a NATS-based resolver is reachable. */
    static final class NoRespondersException extends DeploymentException {
        private static final long serialVersionUID = 1L;

        NoRespondersException(String subject) {
            super("no server answers [" + subject + "]: the deployment does not run the NATS-based resolver "
                    + "(its servers use resolver: MEMORY or URL, which take no pushed accounts). Configure "
                    + "resolver { type: full, dir: … } on the servers, or update a MEMORY resolver's config and reload");
        }
    }
}
