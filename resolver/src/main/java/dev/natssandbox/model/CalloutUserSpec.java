package dev.natssandbox.model;

import dev.natssandbox.jwt.UserPermissionLimits;

import java.time.Duration;
import java.util.Objects;

/**
 * One row of a callout account's static table, for the sandbox's built-in authorization service: a client that
 * connects with this user name and password (or with this token) is admitted into {@link #account()} with
 * {@link #limits()} for {@link #expires()}. {@link #toString()} never shows the password or token.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class CalloutUserSpec {
    private final String name;
    private final String password;
    private final String token;
    private final String account;
    private final UserPermissionLimits limits;
    private final Duration expires;
    /** Local checks: a name, exactly one of password and token, an account, valid permissions. */
    private CalloutUserSpec(String name, String password, String token, String account, UserPermissionLimits limits,
                            Duration expires) {
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
        this.name = name;
        this.password = password;
        this.token = token;
        this.account = account;
        this.limits = limits;
        this.expires = expires;
    }

    /**
     * @return whether the client authenticates with a token rather than a password
     */
    public boolean usesToken() {
        return !token.isEmpty();
    }

    /**
     * @return name, account, expiry and permissions; the password and token are redacted
     */
    @Override
    public String toString() {
        return "CalloutUserSpec[" + name + (usesToken() ? " token=<redacted>" : " password=<redacted>") + " -> "
                + account + (expires == null ? "" : " for " + expires) + ", " + limits.permissions() + "]";
    }

    /**
     * @return the user name the client sends (for a token row: a label used in messages and as user name)
     */
    public String name() {
        return name;
    }

    /**
     * @return the password, or empty for a token row
     */
    public String password() {
        return password;
    }

    /**
     * @return the auth token, or empty for a password row
     */
    public String token() {
        return token;
    }

    /**
     * @return the account the client is placed in: an allowed account or the callout account itself
     */
    public String account() {
        return account;
    }

    /**
     * @return the permissions and limits the client gets
     */
    public UserPermissionLimits limits() {
        return limits;
    }

    /**
     * @return how long an admission lasts, or {@code null} for as long as the client stays
     */
    public Duration expires() {
        return expires;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @param name the user name the client sends (for a token row: a label used in messages and as user name)
     * @param account the account the client is placed in: an allowed account or the callout account itself
     * @return a builder
     */
    public static Builder builder(String name, String account) {
        return new Builder(name, account);
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder(name, account);
        b.password = password;
        b.token = token;
        b.limits = limits;
        b.expires = expires;
        return b;
    }

    /**
     * Builds {@link CalloutUserSpec} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String name;
        private String password;
        private String token;
        private String account;
        private UserPermissionLimits limits;
        private Duration expires;

        private Builder(String name, String account) {
            this.name = name;
            this.account = account;
        }

        /**
         * @param name the user name the client sends (for a token row: a label used in messages and as user name)
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param password the password, or empty for a token row
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * @param token the auth token, or empty for a password row
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * @param account the account the client is placed in: an allowed account or the callout account itself
         * @return this builder
         */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /**
         * @param limits the permissions and limits the client gets
         * @return this builder
         */
        public Builder limits(UserPermissionLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * @param expires how long an admission lasts, or {@code null} for as long as the client stays
         * @return this builder
         */
        public Builder expires(Duration expires) {
            this.expires = expires;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public CalloutUserSpec build() {
            return new CalloutUserSpec(name, password, token, account, limits, expires);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CalloutUserSpec other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(password, other.password)
                && Objects.equals(token, other.token)
                && Objects.equals(account, other.account)
                && Objects.equals(limits, other.limits)
                && Objects.equals(expires, other.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, password, token, account, limits, expires);
    }
}
