package dev.natssandbox.model;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.keys.KeyKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An account's auth callout section (the account JWT's {@code authorization} claim, nats-server 2.10+), by name:
 * the account becomes a callout account; its auth users connect the authorization service, every other user of the
 * account is handed to that service, which places it in one of the allowed accounts.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class AuthorizationSpec {
    private final List<String> authUsers;
    private final List<String> allowedAccounts;
    private final String xkey;
    private final List<CalloutUserSpec> users;
    /** No auth callout. */
    public static final AuthorizationSpec NONE = new AuthorizationSpec(List.of(), List.of(), "", List.of());
    /** The value of {@link #xkey()} asking the sandbox to make the xkey pair. */
    public static final String GENERATE_XKEY = "generate";
    /** The {@link #allowedAccounts()} entry that allows any account. */
    public static final String ANY_ACCOUNT = "*";

    /** Local checks: what the reference refuses ({@code ExternalAuthorization.Validate}) is refused here. */
    private AuthorizationSpec(List<String> authUsers, List<String> allowedAccounts, String xkey,
                              List<CalloutUserSpec> users) {
        authUsers = authUsers == null ? List.of() : List.copyOf(authUsers);
        allowedAccounts = allowedAccounts == null ? List.of() : List.copyOf(allowedAccounts);
        xkey = xkey == null ? "" : xkey.strip();
        users = users == null ? List.of() : List.copyOf(users);
        Set<String> names = new java.util.HashSet<>();
        for (CalloutUserSpec u : users) {
            if (!names.add(u.name())) {
                throw new InvalidSpecException("authorization.callout_users", "duplicate callout user [" + u.name()
                        + "]; names must be unique");
            }
        }
        if (!users.isEmpty() && authUsers.isEmpty()) {
            throw new InvalidSpecException("authorization.callout_users", "callout_users without auth_users; the "
                    + "built-in service connects as the first auth user: add auth_users");
        }
        if (!allowedAccounts.isEmpty() && authUsers.isEmpty()) {
            throw new InvalidSpecException("authorization.allowed_accounts", "allowed_accounts "
                    + allowedAccounts + " without auth_users; auth callout needs at least one auth user for the "
                    + "service to connect as: add auth_users");
        }
        if (allowedAccounts.contains(ANY_ACCOUNT) && allowedAccounts.size() > 1) {
            throw new InvalidSpecException("authorization.allowed_accounts", "allowed_accounts "
                    + allowedAccounts + " mixes [*] with accounts; use [*] alone for any account, or list accounts");
        }
        if (!xkey.isEmpty() && !xkey.equals(GENERATE_XKEY)) {
            try {
                CurveKeyPair.requirePublicKey(xkey);
            } catch (InvalidInputException e) {
                throw new InvalidSpecException("authorization.xkey", e.getMessage() + "; or use ["
                        + GENERATE_XKEY + "] to let the sandbox make the xkey");
            }
        }
        this.authUsers = authUsers;
        this.allowedAccounts = allowedAccounts;
        this.xkey = xkey;
        this.users = users;
    }

    /**
     * @return whether auth callout is on (there is an auth user)
     */
    public boolean isEnabled() {
        return !authUsers.isEmpty();
    }

    /**
     * @return whether the sandbox makes the xkey pair
     */
    public boolean generatesXkey() {
        return xkey.equals(GENERATE_XKEY);
    }

    /** Checks that auth users name users of the account (or are user keys); called by {@link AccountSpec}. */
    static void checkUsers(String at, AuthorizationSpec a, Set<String> userNames) {
        for (String u : a.authUsers()) {
            if (!userNames.contains(u) && KeyKind.ofPublicKey(u).orElse(null) != KeyKind.USER) {
                throw new InvalidSpecException(at + ".authorization.auth_users", "no user [" + u
                        + "] in the account and not a user public key; users are: " + userNames.stream().sorted()
                        .toList());
            }
        }
    }

    /** Checks that allowed accounts name accounts of the sandbox (or are account keys); called by the sandbox. */
    static void checkAccounts(String at, AuthorizationSpec a, Map<String, AccountSpec> accounts) {
        String self = at.substring(at.lastIndexOf('.') + 1);
        for (CalloutUserSpec u : a.users()) {
            boolean allowed = u.account().equals(self) || a.allowedAccounts().contains(u.account())
                    || a.allowedAccounts().contains(ANY_ACCOUNT) && accounts.containsKey(u.account());
            if (!allowed) {
                throw new InvalidSpecException(at + ".authorization.callout_users." + u.name() + ".account",
                        "callout user [" + u.name() + "] is placed in account [" + u.account() + "], which the "
                                + "callout may not use; allowed: " + a.allowedAccounts() + " and [" + self + "]");
            }
        }
        for (String name : a.allowedAccounts()) {
            if (!name.equals(ANY_ACCOUNT) && !accounts.containsKey(name)
                    && KeyKind.ofPublicKey(name).orElse(null) != KeyKind.ACCOUNT) {
                throw new InvalidSpecException(at + ".authorization.allowed_accounts", "no account [" + name
                        + "] and not an account public key; accounts are: " + new ArrayList<>(accounts.keySet()));
            }
        }
    }

    /**
     * @return an empty builder (no auth callout until an auth user is added)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder that starts from this section
     */
    public Builder toBuilder() {
        return new Builder().authUsers(authUsers).allowedAccounts(allowedAccounts).xkey(xkey).users(users);
    }

    /**
     * Builds the section: {@code .authUser("service").allowAccount("APP").generateXkey()}. Mutable; not thread-safe.
     */
    public static final class Builder {
        private final List<String> authUsers = new ArrayList<>();
        private final List<String> allowedAccounts = new ArrayList<>();
        private String xkey = "";
        private final List<CalloutUserSpec> users = new ArrayList<>();

        /** Creates an empty builder. */
        public Builder() {
        }

        /** Replaces the content of a builder's list, copying first so a list may be passed to itself. */
        private static <T> void replace(List<T> target, List<T> values) {
            List<T> copy = new ArrayList<>(values);
            target.clear();
            target.addAll(copy);
        }

        /**
         * @param nameOrKey a user of the account (or a user public key) the service connects as
         * @return this
         */
        public Builder authUser(String nameOrKey) {
            authUsers.add(nameOrKey);
            return this;
        }

        /**
         * @param nameOrKey an account (or account public key) users may be placed in, or {@code *}
         * @return this
         */
        public Builder allowAccount(String nameOrKey) {
            allowedAccounts.add(nameOrKey);
            return this;
        }

        /**
         * @return this, asking the sandbox to make an xkey pair and encrypt requests and responses
         */
        public Builder generateXkey() {
            this.xkey = GENERATE_XKEY;
            return this;
        }

        /**
         * @param publicXkey the service's own public xkey ({@code X…})
         * @return this
         */
        public Builder xkey(String publicXkey) {
            this.xkey = publicXkey;
            return this;
        }

        /**
         * @param name     the user name a client sends
         * @param password its password
         * @param account  the account the built-in service places it in
         * @param limits   its permissions and limits
         * @return this
         */
        public Builder passwordUser(String name, String password, String account, UserPermissionLimits limits) {
            return user(CalloutUserSpec.builder(name, account).password(password).limits(limits).build());
        }

        /**
         * @param name    a label for the client
         * @param token   the token a client sends
         * @param account the account the built-in service places it in
         * @param limits  its permissions and limits
         * @return this
         */
        public Builder tokenUser(String name, String token, String account, UserPermissionLimits limits) {
            return user(CalloutUserSpec.builder(name, account).token(token).limits(limits).build());
        }

        /**
         * @param user a row of the built-in service's table
         * @return this
         */
        public Builder user(CalloutUserSpec user) {
            users.add(user);
            return this;
        }

        /**
         * @param namesOrKeys the auth users, replacing any set before: user names or user public keys
         * @return this
         */
        public Builder authUsers(List<String> namesOrKeys) {
            replace(authUsers, namesOrKeys);
            return this;
        }

        /**
         * @param namesOrKeys the allowed accounts, replacing any set before: account names or public keys, or
         *                    {@value AuthorizationSpec#ANY_ACCOUNT} alone
         * @return this
         */
        public Builder allowedAccounts(List<String> namesOrKeys) {
            replace(allowedAccounts, namesOrKeys);
            return this;
        }

        /**
         * @param rows the built-in service's table, replacing any rows added before
         * @return this
         */
        public Builder users(List<CalloutUserSpec> rows) {
            replace(users, rows);
            return this;
        }

        /**
         * @return the section
         */
        public AuthorizationSpec build() {
            return new AuthorizationSpec(authUsers, allowedAccounts, xkey, users);
        }
    }

    /**
     * @return names of users of this account (or user public keys, {@code U…}) the service connects as
     */
    public List<String> authUsers() {
        return authUsers;
    }

    /**
     * @return names of accounts (or account public keys, {@code A…}) the service may place users in, or {@value
     *         #ANY_ACCOUNT} alone; empty allows only the callout account itself
     */
    public List<String> allowedAccounts() {
        return allowedAccounts;
    }

    /**
     * @return empty for plain requests; {@value #GENERATE_XKEY} for an xkey the sandbox makes (and hands to the
     *         service); or the service's public xkey ({@code X…}) when it brings its own
     */
    public String xkey() {
        return xkey;
    }

    /**
     * @return a static table for the sandbox's built-in service (user name and password, or token, to account and
     *         permissions); empty when the test or application brings its own service
     */
    public List<CalloutUserSpec> users() {
        return users;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthorizationSpec other)) {
            return false;
        }
        return Objects.equals(authUsers, other.authUsers)
                && Objects.equals(allowedAccounts, other.allowedAccounts)
                && Objects.equals(xkey, other.xkey)
                && Objects.equals(users, other.users);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authUsers, allowedAccounts, xkey, users);
    }

    @Override
    public String toString() {
        return "AuthorizationSpec[authUsers=" + authUsers + ", allowedAccounts=" + allowedAccounts + ", xkey=" + xkey
                + ", users=" + users + "]";
    }
}
