package dev.natssandbox.jwt;

import java.util.List;

/**
 * The {@code "nats"} section of an operator JWT (self-signed, or signed by one of its signing keys).
 *
 * @param signingKeys           operator signing keys ({@code O…}) that may sign accounts
 * @param accountServerUrl      base URL of an account server for tools, e.g. {@code http://host:9090/jwt/v1}
 * @param operatorServiceUrls   NATS URLs for tools
 * @param systemAccount         public key of the system account
 * @param assertServerVersion   minimum server version, e.g. {@code 2.9.0}
 * @param strictSigningKeyUsage whether accounts must be signed by a signing key rather than the operator identity
 * @param tags                  tags
 */
public record OperatorClaims(
        List<String> signingKeys,
        String accountServerUrl,
        List<String> operatorServiceUrls,
        String systemAccount,
        String assertServerVersion,
        boolean strictSigningKeyUsage,
        List<String> tags) implements NatsClaims {

    /** Wire value of {@link #type()}. */
    public static final String TYPE = "operator";

    /** Normalizes {@code null} and copies lists. */
    public OperatorClaims {
        signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
        accountServerUrl = accountServerUrl == null ? "" : accountServerUrl;
        operatorServiceUrls = operatorServiceUrls == null ? List.of() : List.copyOf(operatorServiceUrls);
        systemAccount = systemAccount == null ? "" : systemAccount;
        assertServerVersion = assertServerVersion == null ? "" : assertServerVersion;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
