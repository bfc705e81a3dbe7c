package dev.natssandbox.callout;

import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.model.CalloutUserSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The built-in handler for a spec's static table ({@code authorization.callout_users}): a client is admitted when
 * its user name and password, or its token, match a row; it gets the row's account, permissions and expiry.
 * Otherwise it is refused with a reason naming what did not match (never the secret it sent).
 */
public final class CalloutTable implements CalloutHandler {
    private final List<CalloutUserSpec> users;

    private CalloutTable(List<CalloutUserSpec> users) {
        this.users = List.copyOf(users);
    }

    /**
     * @param authorization a callout account's section
     * @return the handler for its table
     */
    public static CalloutTable of(AuthorizationSpec authorization) {
        return new CalloutTable(authorization.users());
    }

    @Override
    public CalloutDecision decide(CalloutRequest request) {
        Optional<CalloutUserSpec> row;
        if (!request.authToken().isEmpty()) {
            row = users.stream().filter(u -> u.usesToken() && same(u.token(), request.authToken())).findFirst();
            if (row.isEmpty()) {
                return CalloutDecision.refuse("unknown token");
            }
        } else {
            row = users.stream().filter(u -> !u.usesToken() && u.name().equals(request.username())).findFirst();
            if (row.isEmpty()) {
                return CalloutDecision.refuse("unknown user [" + request.username() + "]");
            }
            if (!same(row.get().password(), request.password())) {
                return CalloutDecision.refuse("wrong password for user [" + request.username() + "]");
            }
        }
        CalloutUserSpec u = row.get();
        return new CalloutDecision.Allow(u.account(), u.name(), u.limits(), u.expires());
    }

    /** Constant time: a table is a test fixture, but it should not teach timing-leaky comparisons. */
    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
