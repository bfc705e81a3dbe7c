package dev.natssandbox.callout;

/**
 * An authorization service's decision logic: from what the server knows about a connecting client to the account,
 * permissions and expiry it gets, or a refusal. Called on the service's dispatcher thread, one request at a time;
 * it should return quickly (the server waits at most its auth timeout, 2 seconds by default). An exception is
 * answered as a refusal naming the exception's class, never its message.
 *
 * <pre>{@code
 * CalloutHandler handler = request -> switch (request.username()) {
 *     case "alice" -> request.password().equals("wonderland")
 *             ? CalloutDecision.allow("APP").allowPub("orders.>").allowSub("_INBOX.>")
 *             : CalloutDecision.refuse("wrong password for alice");
 *     default -> CalloutDecision.refuse("unknown user " + request.username());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface CalloutHandler {
    /**
     * @param request the client's connect options, client and server information
     * @return what the client gets
     */
    CalloutDecision decide(CalloutRequest request);
}
