package dev.natssandbox.jwt;

import java.util.List;

/**
 * The {@code authorization} section of an account JWT: auth callout (nats-server 2.10+). When {@link #authUsers()}
 * is not empty, users of this account other than the auth users are not admitted by their own JWT; the server asks
 * the authorization service (connected as one of the auth users) and admits the user it answers with.
 *
 * @param authUsers       public keys (U…) of the users the authorization service connects as; they bypass the
 *                        callout
 * @param allowedAccounts public keys (A…) of the accounts the service may place users in, or {@code *} alone for any;
 *                        the callout account itself is always allowed
 * @param xkey            the service's public curve key (X…): the server encrypts requests to it and expects
 *                        encrypted responses; empty for plain requests
 */
public record ExternalAuthorization(List<String> authUsers, List<String> allowedAccounts, String xkey) {
    /** No auth callout, what an account has by default. */
    public static final ExternalAuthorization NONE = new ExternalAuthorization(List.of(), List.of(), "");

    /** The value of {@link #allowedAccounts()} that allows any account (the reference's {@code AnyAccount}). */
    public static final String ANY_ACCOUNT = "*";

    /**
     * Normalizes {@code null} and copies lists, keeping their order (the reference keeps insertion order).
     *
     * @param authUsers       public keys (U…) of the users the authorization service connects as; they bypass the
     *                        callout
     * @param allowedAccounts public keys (A…) of the accounts the service may place users in, or {@code *} alone for
     *                        any; the callout account itself is always allowed
     * @param xkey            the service's public curve key (X…): the server encrypts requests to it and expects
     *                        encrypted responses; empty for plain requests
     */
    public ExternalAuthorization {
        authUsers = authUsers == null ? List.of() : List.copyOf(authUsers);
        allowedAccounts = allowedAccounts == null ? List.of() : List.copyOf(allowedAccounts);
        xkey = xkey == null ? "" : xkey;
    }

    /**
     * @return whether auth callout is on: there is at least one auth user (the reference's {@code IsEnabled})
     */
    public boolean isEnabled() {
        return !authUsers.isEmpty();
    }
}
