package dev.natssandbox.samples.callout;

import dev.natssandbox.callout.CalloutDecision;
import dev.natssandbox.callout.CalloutHandler;
import dev.natssandbox.callout.CalloutRequest;

import java.time.Duration;
import java.util.Map;

/**
 * A hand-written authorization service's decisions, as a team would write them: staff log in with user name and
 * password; sales people land in SALES and may publish orders, support staff land in SUPPORT and may only read
 * tickets. Everyone else is refused with a reason.
 */
public final class StaffDirectory implements CalloutHandler {
    private record Staff(String password, String team) {
        /** Never the password: a record's generated {@code toString} would print it. */
        @Override
        public String toString() {
            return "Staff[team=" + team + "]";
        }
    }

    private static final Map<String, Staff> STAFF = Map.of(
            "alice", new Staff("sales-pw", "SALES"),
            "bob", new Staff("support-pw", "SUPPORT"));

    /** A directory of two people. */
    public StaffDirectory() {
    }

    @Override
    public CalloutDecision decide(CalloutRequest request) {
        Staff staff = STAFF.get(request.username());
        if (staff == null) {
            return CalloutDecision.refuse(request.username() + " is not in the staff directory");
        }
        if (!staff.password().equals(request.password())) {
            return CalloutDecision.refuse("wrong password for " + request.username());
        }
        return switch (staff.team()) {
            case "SALES" -> CalloutDecision.allow("SALES").allowPub("orders.>").allowSub("_INBOX.>")
                    .expiringAfter(Duration.ofHours(8));
            default -> CalloutDecision.allow("SUPPORT").allowPub("_INBOX.>").allowSub("tickets.>")
                    .expiringAfter(Duration.ofHours(8));
        };
    }
}
