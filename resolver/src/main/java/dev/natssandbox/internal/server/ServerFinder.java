package dev.natssandbox.internal.server;

import dev.natssandbox.server.ServerNotFoundException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Finds the {@code nats-server} binary. The order, first match wins:
 * <ol>
 *   <li>an explicit path given to the finder (e.g. {@code Sandbox.builder().serverPath(…)});</li>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENV};</li>
 *   <li>{@code nats-server} in a directory of {@code PATH}.</li>
 * </ol>
 * A path given explicitly (1–3) must exist and be executable; the finder does not fall through to later
 * sources when an explicit one is wrong, because silently running a different server hides the mistake.
 */
public final class ServerFinder {
    /** System property naming the nats-server binary. */
    public static final String PROPERTY = "natssandbox.server.path";
    /** Environment variable naming the nats-server binary. */
    public static final String ENV = "NATS_SERVER_PATH";
    /** The binary's name on PATH. */
    public static final String BINARY = "nats-server";
    /** How to install nats-server, for messages. */
    public static final String INSTALL_HINT = "install nats-server (Debian/Ubuntu: apt-get install nats-server; "
            + "macOS: brew install nats-server; or download a release from https://github.com/nats-io/nats-server/"
            + "releases) or point " + PROPERTY + " / " + ENV + " at the binary";

    private final Properties properties;
    private final Map<String, String> env;

    private ServerFinder(Properties properties, Map<String, String> env) {
        this.properties = properties;
        this.env = env;
    }

    /** @return a finder reading the JVM's system properties and environment */
    public static ServerFinder system() {
        return new ServerFinder(System.getProperties(), System.getenv());
    }

    /**
     * @param properties system properties to read
     * @param env        environment to read ({@code PATH} included)
     * @return a finder over the given sources (for tests and embedding)
     */
    public static ServerFinder of(Properties properties, Map<String, String> env) {
        return new ServerFinder(Objects.requireNonNull(properties), Objects.requireNonNull(env));
    }

    /** Where a binary was found. */
    public record Found(Path path, String source) {
    }

    /**
     * @param explicit a path to use before every other source, or {@code null}
     * @return the binary and where it was found
     * @throws ServerNotFoundException listing every place tried
     */
    public Found find(Path explicit) {
        List<String> tried = new ArrayList<>();
        if (explicit != null) {
            return require(explicit, "the explicit server path", tried);
        }
        tried.add("explicit server path: not given");
        String prop = properties.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return require(Path.of(prop.strip()), "system property " + PROPERTY, tried);
        }
        tried.add("system property " + PROPERTY + ": not set");
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return require(Path.of(fromEnv.strip()), "environment variable " + ENV, tried);
        }
        tried.add("environment variable " + ENV + ": not set");
        String path = env.getOrDefault("PATH", "");
        List<String> dirs = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            dirs.add(dir);
            Path candidate = Path.of(dir).resolve(BINARY);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new Found(candidate, "PATH (" + dir + ")");
            }
        }
        tried.add("PATH: no executable " + BINARY + " in " + (dirs.isEmpty() ? "(PATH is empty)" : dirs));
        throw new ServerNotFoundException("nats-server not found; tried: " + String.join("; ", tried) + ". To fix: "
                + INSTALL_HINT, tried);
    }

    private static Found require(Path p, String source, List<String> tried) {
        if (!Files.exists(p)) {
            tried.add(source + ": [" + p + "] does not exist");
        } else if (Files.isDirectory(p)) {
            tried.add(source + ": [" + p + "] is a directory; give the path of the nats-server binary itself");
        } else if (!Files.isExecutable(p)) {
            tried.add(source + ": [" + p + "] is not executable (chmod +x it)");
        } else {
            return new Found(p.toAbsolutePath(), source);
        }
        throw new ServerNotFoundException("nats-server not usable: " + tried.get(tried.size() - 1)
                + ". Fix the path or unset it to search further; otherwise " + INSTALL_HINT, tried, true);
    }
}
