package dev.natssandbox.server;

import dev.natssandbox.InvalidInputException;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Whether and how the sandbox fetches a nats-server release when no binary is found and Docker cannot be used: the
 * release archive for this platform, verified against the release's {@code SHA256SUMS}, cached under the user's
 * cache directory. Off unless enabled here, by the system property {@value #PROPERTY} or by the environment
 * variable {@value #ENV} ({@code true}).
 *
 * @param enabled        whether a release may be fetched
 * @param version        the nats-server version, e.g. {@code 2.15.1} (a leading {@code v} is accepted)
 * @param baseUrl        where releases are: {@code <baseUrl>/v<version>/<asset>} and {@code .../SHA256SUMS}
 * @param cacheDirectory where fetched binaries are kept, one directory per version and platform
 */
public record ServerDownload(boolean enabled, String version, URI baseUrl, Path cacheDirectory) {
    /** The version fetched unless another is pinned: the newest release the CI matrix tests. */
    public static final String DEFAULT_VERSION = "2.15.1";
    /** The official releases. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://github.com/nats-io/nats-server/releases/download");
    /** System property that enables the download ({@code true}/{@code false}). */
    public static final String PROPERTY = "natssandbox.server.download";
    /** Environment variable that enables the download ({@code true}/{@code false}). */
    public static final String ENV = "NATS_SANDBOX_SERVER_DOWNLOAD";
    /** System property pinning the version. */
    public static final String VERSION_PROPERTY = "natssandbox.server.download.version";
    /** Environment variable pinning the version. */
    public static final String VERSION_ENV = "NATS_SANDBOX_SERVER_DOWNLOAD_VERSION";
    /** System property naming the base URL (a mirror of the releases). */
    public static final String BASE_URL_PROPERTY = "natssandbox.server.download.baseUrl";
    /** Environment variable naming the base URL. */
    public static final String BASE_URL_ENV = "NATS_SANDBOX_SERVER_DOWNLOAD_BASE_URL";

    /**
     * Requires every value and a plain version.
     *
     * @param enabled        whether a release may be fetched
     * @param version        the nats-server version
     * @param baseUrl        where releases are
     * @param cacheDirectory where fetched binaries are kept
     */
    public ServerDownload {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        version = version.strip().startsWith("v") ? version.strip().substring(1) : version.strip();
        if (!version.matches("[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?")) {
            throw new InvalidInputException("nats-server download version [" + version + "] is not a release "
                    + "version; expected MAJOR.MINOR.PATCH such as " + DEFAULT_VERSION);
        }
    }

    /** @return the settings the JVM's system properties and environment give */
    public static ServerDownload fromEnvironment() {
        return fromEnvironment(System.getProperties(), System.getenv());
    }

    /**
     * @param properties system properties
     * @param env        environment variables ({@code XDG_CACHE_HOME} included)
     * @return the settings they give; a property wins over the environment variable
     */
    public static ServerDownload fromEnvironment(Properties properties, Map<String, String> env) {
        String on = setting(properties, PROPERTY, env, ENV, "false");
        boolean enabled = switch (on.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0", "" -> false;
            default -> throw new InvalidInputException(PROPERTY + " / " + ENV + " is [" + on + "]; expected true "
                    + "or false");
        };
        String base = setting(properties, BASE_URL_PROPERTY, env, BASE_URL_ENV, DEFAULT_BASE_URL.toString());
        return new ServerDownload(enabled, setting(properties, VERSION_PROPERTY, env, VERSION_ENV, DEFAULT_VERSION),
                URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
                defaultCacheDirectory(properties, env));
    }

    /**
     * @param properties system properties ({@code user.home})
     * @param env        environment variables ({@code XDG_CACHE_HOME})
     * @return {@code $XDG_CACHE_HOME/nats-sandbox}, else {@code ~/.cache/nats-sandbox}
     */
    public static Path defaultCacheDirectory(Properties properties, Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg.strip()).isAbsolute() ? Path.of(xdg.strip())
                : Path.of(properties.getProperty("user.home", System.getProperty("user.home")), ".cache");
        return base.resolve("nats-sandbox");
    }

    /** @return these settings, enabled */
    public ServerDownload enable() {
        return new ServerDownload(true, version, baseUrl, cacheDirectory);
    }

    /**
     * @param v the nats-server version to fetch
     * @return these settings with that version
     */
    public ServerDownload withVersion(String v) {
        return new ServerDownload(enabled, v, baseUrl, cacheDirectory);
    }

    /**
     * @param url where releases are (a mirror laid out like the official releases)
     * @return these settings with that base URL
     */
    public ServerDownload withBaseUrl(URI url) {
        return new ServerDownload(enabled, version, url, cacheDirectory);
    }

    /**
     * @param dir where fetched binaries are kept
     * @return these settings with that cache directory
     */
    public ServerDownload withCacheDirectory(Path dir) {
        return new ServerDownload(enabled, version, baseUrl, dir);
    }

    private static String setting(Properties properties, String property, Map<String, String> env, String var,
                                  String fallback) {
        String p = properties.getProperty(property);
        if (p != null && !p.isBlank()) {
            return p.strip();
        }
        String e = env.get(var);
        return e != null && !e.isBlank() ? e.strip() : fallback;
    }
}
