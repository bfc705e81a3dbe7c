package dev.natssandbox.server;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How the Docker launcher runs nats-server. Defaults come from system properties, then environment variables:
 * <ul>
 *   <li>image: {@value #IMAGE_PROPERTY} / {@value #IMAGE_ENV}, default {@value #DEFAULT_IMAGE};</li>
 *   <li>network mode: {@value #NETWORK_PROPERTY} / {@value #NETWORK_ENV}, default {@code bridge} (the port is
 *   published on a host port Docker picks); {@code host} runs the container in the host's network namespace and
 *   the server binds loopback on a port it picks itself.</li>
 * </ul>
 *
 * @param image       the image; its entrypoint must be nats-server (official scratch images) or pass a leading
 *                    {@code -flag} argument list to it (official alpine images)
 * @param networkMode {@code bridge} (default) or {@code host}
 */
public record DockerSettings(String image, String networkMode) {
    /** The official image used when none is configured. */
    public static final String DEFAULT_IMAGE = "nats:2.15";
    /** System property for the image. */
    public static final String IMAGE_PROPERTY = "natssandbox.docker.image";
    /** Environment variable for the image. */
    public static final String IMAGE_ENV = "NATS_SANDBOX_DOCKER_IMAGE";
    /** System property for the network mode. */
    public static final String NETWORK_PROPERTY = "natssandbox.docker.network";
    /** Environment variable for the network mode. */
    public static final String NETWORK_ENV = "NATS_SANDBOX_DOCKER_NETWORK";

    /**
     * Normalizes blanks to the defaults.
     *
     * @param image       the image; its entrypoint must be nats-server (official scratch images) or pass a leading
     *                    {@code -flag} argument list to it (official alpine images)
     * @param networkMode {@code bridge} (default) or {@code host}
     */
    public DockerSettings {
        image = image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip();
        networkMode = networkMode == null || networkMode.isBlank() ? "bridge" : networkMode.strip();
    }

    /** @return whether the container shares the host's network */
    public boolean hostNetwork() {
        return networkMode.equals("host");
    }

    /** @return settings from system properties and the environment */
    public static DockerSettings fromEnvironment() {
        return fromEnvironment(System.getProperties(), System.getenv());
    }

    /**
     * @param properties system properties
     * @param env        environment
     * @return settings from the given sources
     */
    public static DockerSettings fromEnvironment(Properties properties, Map<String, String> env) {
        Objects.requireNonNull(properties);
        Objects.requireNonNull(env);
        String image = properties.getProperty(IMAGE_PROPERTY, env.get(IMAGE_ENV));
        String network = properties.getProperty(NETWORK_PROPERTY, env.get(NETWORK_ENV));
        return new DockerSettings(image, network);
    }

    /**
     * @param image an image
     * @return a copy with that image
     */
    public DockerSettings withImage(String image) {
        return new DockerSettings(image, networkMode);
    }

    /**
     * @param mode a network mode
     * @return a copy with that network mode
     */
    public DockerSettings withNetworkMode(String mode) {
        return new DockerSettings(image, mode);
    }
}
