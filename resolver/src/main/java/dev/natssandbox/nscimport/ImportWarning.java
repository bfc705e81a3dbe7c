package dev.natssandbox.nscimport;

import java.util.Objects;

/**
 * Something of the imported environment that the sandbox does not reproduce exactly: a claim the spec model cannot
 * express, an identity that gets a new key, a token that was expired or signed by an untrusted key. The import
 * still succeeds; the warning says what differs.
 *
 * @param identity the identity it concerns, e.g. {@code account [Orders]} or {@code user [Orders/alice]}
 * @param message  what differs, with the offending value in brackets
 */
public record ImportWarning(String identity, String message) {
    /**
     * Requires both parts.
     *
     * @param identity the identity it concerns, e.g. {@code account [Orders]} or {@code user [Orders/alice]}
     * @param message  what differs, with the offending value in brackets
     */
    public ImportWarning {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code identity: message} */
    @Override
    public String toString() {
        return identity + ": " + message;
    }
}
