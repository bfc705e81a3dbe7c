package dev.natssandbox.model;

import dev.natssandbox.jwt.UserPermissionLimits;

import java.time.Duration;
import java.util.Objects;

/**
 * One row of a callout account's static table, for the sandbox's built-in authorization service: a client that
 * connects with this user name and password (or with this token) is admitted into {@link #account()} with
 * {@link #limits()} for {@link #expires()}. {@link #toString()} never shows the password or token.
 *
 * @param name     the user name the client sends (for a token row: a label used in messages and as user name)
 * @param password the password, or empty for a token row
 * @param token    the auth token, or empty for a password row
 * @param account  the account the client is placed in: an allowed account or the callout account itself
 * @param limits   the permissions and limits the client gets
 * @param expires  how long an admission lasts, or {@code null} for as long as the client stays
 */
public record CalloutUserSpec(String name, String password, String token, String account,
                              UserPermissionLimits limits, Duration expires) {
    /** Local checks: a name, exactly one of password and token, an account, valid permissions. */
    public CalloutUserSpec {
        Checks.name("callout_users", "callout user", name);
        String at = "callout_users." + name;
        password = password == null ? "" : password;
        token = token == null ? "" : token;
        if (password.isEmpty() == token.isEmpty()) {
            throw new InvalidSpecException(at, "callout user [" + name + "] needs exactly one of password and "
                    + "token; got " + (password.isEmpty() ? "neither" : "both"));
        }
        if (account == null || account.isBlank()) {
            throw new InvalidSpecException(at + ".account", "callout user [" + name + "] needs the account the "
                    + "service places it in");
        }
        limits = Objects.requireNonNullElse(limits, UserPermissionLimits.DEFAULT);
        Checks.userPermissionLimits(at, limits);
        Checks.positive(at + ".expires", expires);
    }

    /** @return whether the client authenticates with a token rather than a password */
    public boolean usesToken() {
        return !token.isEmpty();
    }

    /** @return name, account, expiry and permissions; the password and token are redacted */
    @Override
    public String toString() {
        return "CalloutUserSpec[" + name + (usesToken() ? " token=<redacted>" : " password=<redacted>") + " -> "
                + account + (expires == null ? "" : " for " + expires) + ", " + limits.permissions() + "]";
    }
}
