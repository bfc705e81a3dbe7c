package dev.natssandbox.model;

import dev.natssandbox.jwt.ExportType;

import java.time.Duration;
import java.util.Objects;

/**
 * An import of another account's export, by account name. The provisioner turns the name into the account's public
 * key and, for an export that requires a token, issues the activation token itself.
 *
 * @param name         a label (defaults to the subject)
 * @param account      the exporting account's name
 * @param subject      the subject as exported (or a narrower one)
 * @param type         stream or service; must match the export
 * @param localSubject where it appears in the importing account, or empty for the same subject
 * @param share        for services: share the requester's identity for latency tracking
 * @param allowTrace   for streams: let message traces continue from the exporter into this account
 *                     (nats-server 2.11+)
 * @param activationExpires for an export that requires a token: how long after issuing the activation token
 *                     expires, or {@code null} for never
 */
public record ImportSpec(String name, String account, String subject, ExportType type, String localSubject,
                         boolean share, boolean allowTrace, Duration activationExpires) {
    /** Checks the account name and subjects. */
    public ImportSpec {
        Checks.name("imports.account", "imported account", account);
        Subjects.require("imports.subject", subject);
        Objects.requireNonNull(type, "import type");
        localSubject = localSubject == null ? "" : localSubject;
        if (!localSubject.isEmpty()) {
            Subjects.require("imports.local_subject", localSubject);
            boolean fromTail = subject.equals(">") || subject.endsWith(".>");
            boolean toTail = localSubject.equals(">") || localSubject.endsWith(".>");
            if (fromTail != toTail) {
                throw new InvalidSpecException("imports.local_subject", "local subject [" + localSubject
                        + "] and subject [" + subject + "] must both end in '>' or both not");
            }
        }
        name = name == null || name.isEmpty() ? subject : name;
        if (allowTrace && type == ExportType.SERVICE) {
            throw new InvalidSpecException("imports.allow_trace", "allow_trace is set on service import [" + subject
                    + "]; the reference allows it on stream imports only (a service export sets it instead)");
        }
        Checks.positive("imports.activation_expires", activationExpires);
    }

    /**
     * An import without {@code allow_trace} and with an activation that never expires.
     *
     * @param name         a label (defaults to the subject)
     * @param account      the exporting account's name
     * @param subject      the subject as exported
     * @param type         stream or service
     * @param localSubject where it appears in the importing account, or empty
     * @param share        for services: share the requester's identity
     */
    public ImportSpec(String name, String account, String subject, ExportType type, String localSubject,
                      boolean share) {
        this(name, account, subject, type, localSubject, share, false, null);
    }

    /**
     * @param account the exporting account
     * @param subject the subject
     * @param type    stream or service
     * @return an import under the same subject
     */
    public static ImportSpec of(String account, String subject, ExportType type) {
        return new ImportSpec(null, account, subject, type, null, false);
    }
}
