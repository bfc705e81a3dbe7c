package dev.natssandbox.model;

import java.time.Duration;
import java.util.List;

/**
 * The operator, as {@code nsc add operator} and {@code nsc edit operator} would shape it.
 *
 * @param name                  the operator's name
 * @param signingKeys           how many operator signing keys to generate; when at least one, accounts are signed
 *                              by the first (as nsc does with {@code -K})
 * @param strictSigningKeyUsage whether accounts must be signed by a signing key (requires {@code signingKeys > 0})
 * @param accountServerUrl      account server URL for tools, or empty
 * @param serviceUrls           NATS URLs for tools
 * @param assertServerVersion   minimum server version, or empty
 * @param tags                  tags
 * @param expires               how long after issuing the operator JWT expires, or {@code null} for never; an
 *                              expired operator makes nats-server refuse to start
 */
public record OperatorSpec(
        String name,
        int signingKeys,
        boolean strictSigningKeyUsage,
        String accountServerUrl,
        List<String> serviceUrls,
        String assertServerVersion,
        List<String> tags,
        Duration expires) {

    /** Checks the name and signing key settings. */
    public OperatorSpec {
        Checks.name("operator.name", "operator", name);
        if (signingKeys < 0 || signingKeys > 16) {
            throw new InvalidSpecException("operator.signing_keys", "signing key count [" + signingKeys
                    + "] must be between 0 and 16");
        }
        if (strictSigningKeyUsage && signingKeys == 0) {
            throw new InvalidSpecException("operator.strict_signing_keys", "strict signing key usage needs at "
                    + "least one signing key; set signing_keys: 1 or more");
        }
        accountServerUrl = accountServerUrl == null ? "" : accountServerUrl;
        serviceUrls = serviceUrls == null ? List.of() : List.copyOf(serviceUrls);
        for (int i = 0; i < serviceUrls.size(); i++) {
            String u = serviceUrls.get(i);
            String problem = serviceUrlProblem(u);
            if (problem != null) {
                throw new InvalidSpecException("operator.service_urls[" + i + "]", "service URL [" + u + "] "
                        + problem + "; write it like nats://host:4222");
            }
        }
        assertServerVersion = assertServerVersion == null ? "" : assertServerVersion;
        if (!assertServerVersion.isEmpty() && !assertServerVersion.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new InvalidSpecException("operator.assert_server_version", "version [" + assertServerVersion
                    + "] must look like 2.9.0");
        }
        tags = tags == null ? List.of() : List.copyOf(Checks.tags("operator.tags", tags));
        Checks.positive("operator.expires", expires);
    }

    /**
     * An operator that never expires, as before the expiry could be set.
     *
     * @param name                  the operator's name
     * @param signingKeys           how many operator signing keys to generate
     * @param strictSigningKeyUsage whether accounts must be signed by a signing key
     * @param accountServerUrl      account server URL for tools, or empty
     * @param serviceUrls           NATS URLs for tools
     * @param assertServerVersion   minimum server version, or empty
     * @param tags                  tags
     */
    public OperatorSpec(String name, int signingKeys, boolean strictSigningKeyUsage, String accountServerUrl,
                        List<String> serviceUrls, String assertServerVersion, List<String> tags) {
        this(name, signingKeys, strictSigningKeyUsage, accountServerUrl, serviceUrls, assertServerVersion, tags, null);
    }

    /**
     * @param validFor how long after issuing the operator JWT expires, or {@code null} for never
     * @return a copy with that expiry
     */
    public OperatorSpec withExpires(Duration validFor) {
        return new OperatorSpec(name, signingKeys, strictSigningKeyUsage, accountServerUrl, serviceUrls,
                assertServerVersion, tags, validFor);
    }

    /**
     * @param name the operator's name
     * @return an operator with no signing keys
     */
    public static OperatorSpec named(String name) {
        return new OperatorSpec(name, 0, false, "", List.of(), "", List.of());
    }

    /** As the reference validates operator service URLs: nats, tls, ws or wss, with a host, no path or user. */
    static String serviceUrlProblem(String url) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("nats", "tls", "ws", "wss").contains(scheme)) {
            return "must use nats://, tls://, ws:// or wss://";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "has no host";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry a user or password";
        }
        // Not even "/": the reference refuses any path, a trailing slash included.
        if (uri.getPath() != null && !uri.getPath().isEmpty()) {
            return "must not have a path (not even a trailing /)";
        }
        return null;
    }
}
