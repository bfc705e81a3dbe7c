package dev.natssandbox.jwt;

import java.util.Objects;

/**
 * A stream or service an account takes from another account.
 *
 * @param name         a label
 * @param subject      the subject as the exporter names it (for a service: what the importer publishes, before
 *                     renaming)
 * @param account      the exporting account's public key
 * @param token        an activation token for a private export, else empty
 * @param to           deprecated rename target (use {@code localSubject})
 * @param localSubject the subject in the importing account, e.g. {@code y.>} for {@code x.>}; empty for the same
 * @param type         stream or service
 * @param share        for services: whether to share the requester's identity for latency tracking
 * @param allowTrace   for streams: whether message traces may continue from the exporter into this account
 *                     (nats-server 2.11+); the reference refuses it on a service import
 */
public record Import(
        String name,
        String subject,
        String account,
        String token,
        String to,
        String localSubject,
        ExportType type,
        boolean share,
        boolean allowTrace) {

    /** Normalizes {@code null}. */
    public Import {
        name = name == null ? "" : name;
        subject = subject == null ? "" : subject;
        account = account == null ? "" : account;
        token = token == null ? "" : token;
        to = to == null ? "" : to;
        localSubject = localSubject == null ? "" : localSubject;
        Objects.requireNonNull(type, "import type");
    }

    /**
     * An import without {@code allow_trace}, as before that claim existed.
     *
     * @param name         a label
     * @param subject      the subject as the exporter names it
     * @param account      the exporting account's public key
     * @param token        an activation token, else empty
     * @param to           deprecated rename target
     * @param localSubject the subject in the importing account, or empty
     * @param type         stream or service
     * @param share        for services: whether to share the requester's identity
     */
    public Import(String name, String subject, String account, String token, String to, String localSubject,
                  ExportType type, boolean share) {
        this(name, subject, account, token, to, localSubject, type, share, false);
    }
}
