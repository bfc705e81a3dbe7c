package dev.natssandbox.callout;

import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.UserPermissionLimits;

import java.time.Duration;
import java.util.Objects;

/**
 * What an authorization service answers: {@link #allow(String) admit} the client into an account with permissions,
 * limits and an expiry, or {@link #refuse(String) refuse} it with a reason the client sees.
 */
public sealed interface CalloutDecision permits CalloutDecision.Allow, CalloutDecision.Refuse {
    /**
     * @param account the name of the account the client is placed in (an allowed account of the callout account,
     *                or the callout account itself)
     * @return a decision admitting the client with default permissions (everything), no limits and no expiry
     */
    static Allow allow(String account) {
        return new Allow(account, "", UserPermissionLimits.DEFAULT, null);
    }

    /**
     * @param reason why the client is refused; nats-server passes it to the client in its authorization error
     * @return a refusal
     */
    static Refuse refuse(String reason) {
        return new Refuse(reason);
    }

    /**
     * Admits the client. Immutable; the {@code with…} and {@code allow…} methods return changed copies.
     *
     * @param account the account's name
     * @param name    the user name the server shows for the connection, or empty for the one the client sent
     * @param limits  permissions and limits of the issued user JWT
     * @param expires how long the admission lasts (the server disconnects the client then), or {@code null}
     */
    record Allow(String account, String name, UserPermissionLimits limits, Duration expires)
            implements CalloutDecision {
        /**
         * Requires an account name and a positive expiry when one is given.
         *
         * @param account the account's name
         * @param name    the user name the server shows for the connection, or empty for the one the client sent
         * @param limits  permissions and limits of the issued user JWT
         * @param expires how long the admission lasts (the server disconnects the client then), or {@code null}
         */
        public Allow {
            if (account == null || account.isBlank()) {
                throw new IllegalArgumentException("a callout decision needs the account to place the client in; "
                        + "got [" + account + "]");
            }
            name = name == null ? "" : name;
            limits = Objects.requireNonNullElse(limits, UserPermissionLimits.DEFAULT);
            if (expires != null && (expires.isNegative() || expires.isZero())) {
                throw new IllegalArgumentException("expiry [" + expires + "] must be positive");
            }
        }

        /**
         * @param value permissions and limits of the issued user
         * @return a copy with them
         */
        public Allow withLimits(UserPermissionLimits value) {
            return new Allow(account, name, value, expires);
        }

        /**
         * @param value the permissions of the issued user
         * @return a copy with them
         */
        public Allow withPermissions(Permissions value) {
            return withLimits(limits.toBuilder().permissions(value).build());
        }

        /**
         * @param subjects subjects the client may publish to (others are denied)
         * @return a copy
         */
        public Allow allowPub(String... subjects) {
            return withLimits(limits.toBuilder().allowPub(subjects).build());
        }

        /**
         * @param subjects subjects the client may subscribe to (others are denied)
         * @return a copy
         */
        public Allow allowSub(String... subjects) {
            return withLimits(limits.toBuilder().allowSub(subjects).build());
        }

        /**
         * @param value how long the admission lasts
         * @return a copy
         */
        public Allow expiringAfter(Duration value) {
            return new Allow(account, name, limits, value);
        }

        /**
         * @param value the user name the server shows
         * @return a copy
         */
        public Allow named(String value) {
            return new Allow(account, value, limits, expires);
        }
    }

    /**
     * Refuses the client.
     *
     * @param reason the reason the client sees
     */
    record Refuse(String reason) implements CalloutDecision {
        /**
         * Requires a reason: the client and the server log should say why.
         *
         * @param reason the reason the client sees
         */
        public Refuse {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a refusal needs a reason the client can see");
            }
        }
    }
}
