package dev.natssandbox.jwt;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A stream or service an account offers to other accounts.
 *
 * @param name                 a label
 * @param subject              the exported subject (may contain wildcards when the account allows them)
 * @param type                 stream or service
 * @param tokenRequired        whether importers need an activation token (private export)
 * @param revocations          activation revocations: importing account public key (or {@code *}) to unix seconds
 * @param responseType         for services: Singleton, Stream or Chunked; {@code null} for the default
 * @param responseThreshold    for services: how long the exporter may take to respond; zero for the default
 * @param latency              for services: latency tracking, or {@code null}
 * @param accountTokenPosition 1-based position of a token in the subject that must equal the importer's public key;
 *                             0 for none
 * @param advertise            whether tools should list this export
 * @param description          a description
 * @param infoUrl              a link to more information
 * @param allowTrace           for services: whether the importer's message traces may continue into this
 *                             account (nats-server 2.11+); the reference refuses it on a stream export
 */
public record Export(
        String name,
        String subject,
        ExportType type,
        boolean tokenRequired,
        Map<String, Long> revocations,
        ResponseType responseType,
        Duration responseThreshold,
        ServiceLatency latency,
        int accountTokenPosition,
        boolean advertise,
        String description,
        String infoUrl,
        boolean allowTrace) {

    /** Normalizes {@code null} and sorts revocations. */
    public Export {
        name = name == null ? "" : name;
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(type, "export type");
        revocations = revocations == null ? Map.of()
                : java.util.Collections.unmodifiableMap(GoJson.sorted(revocations));
        responseThreshold = Objects.requireNonNullElse(responseThreshold, Duration.ZERO);
        description = description == null ? "" : description;
        infoUrl = infoUrl == null ? "" : infoUrl;
    }

    /**
     * An export without {@code allow_trace}, as before that claim existed.
     *
     * @param name                 a label
     * @param subject              the exported subject
     * @param type                 stream or service
     * @param tokenRequired        whether importers need an activation token
     * @param revocations          activation revocations
     * @param responseType         for services: the response type, or {@code null}
     * @param responseThreshold    for services: the response threshold
     * @param latency              for services: latency tracking, or {@code null}
     * @param accountTokenPosition position of the importer's key in the subject, or 0
     * @param advertise            whether tools should list this export
     * @param description          a description
     * @param infoUrl              a link to more information
     */
    public Export(String name, String subject, ExportType type, boolean tokenRequired, Map<String, Long> revocations,
                  ResponseType responseType, Duration responseThreshold, ServiceLatency latency,
                  int accountTokenPosition, boolean advertise, String description, String infoUrl) {
        this(name, subject, type, tokenRequired, revocations, responseType, responseThreshold, latency,
                accountTokenPosition, advertise, description, infoUrl, false);
    }

    /**
     * @param allow whether message traces may continue into this (service) export
     * @return a copy with {@code allow_trace} set
     */
    public Export withAllowTrace(boolean allow) {
        return new Export(name, subject, type, tokenRequired, revocations, responseType, responseThreshold, latency,
                accountTokenPosition, advertise, description, infoUrl, allow);
    }

    /**
     * @param name    a label
     * @param subject the exported subject
     * @param type    stream or service
     * @return a public export with defaults for everything else
     */
    public static Export of(String name, String subject, ExportType type) {
        return new Export(name, subject, type, false, Map.of(), null, Duration.ZERO, null, 0, false, "", "");
    }
}
