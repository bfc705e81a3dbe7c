package dev.natssandbox.jwt;

import java.util.List;
import java.util.Objects;

/**
 * The {@code "nats"} section of an activation token: the exporter's permission for one account (the token's
 * subject) to import a private export ({@code token_req}).
 *
 * @param subject       the subject the importer may import
 * @param kind          stream or service
 * @param issuerAccount the exporter's public key when a signing key signed the token, else empty
 * @param tags          tags
 */
public record ActivationClaims(String subject, ExportType kind, String issuerAccount, List<String> tags)
        implements NatsClaims {
    /** Wire value of {@link #type()}. */
    public static final String TYPE = "activation";

    /** Normalizes {@code null}. */
    public ActivationClaims {
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(kind, "activation kind");
        issuerAccount = issuerAccount == null ? "" : issuerAccount;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
