package dev.natssandbox.internal.server.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.server.ServerNotFoundException;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.server.ServerStartException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The Docker engine as the launcher uses it: availability, images, container state, stop and removal. */
final class Containers {
    /** Label on every container this package starts; the orphan reaper removes only containers that carry it. */
    static final String LABEL = "dev.natssandbox";
    /** Label holding the sandbox instance id. */
    static final String ID_LABEL = "dev.natssandbox.id";
    /** Label holding the pid of the JVM that started the container. */
    static final String OWNER_LABEL = "dev.natssandbox.owner-pid";
    /** Seconds between SIGTERM and SIGKILL when a container is stopped. */
    static final int STOP_SECONDS = 5;

    private static final System.Logger LOG = System.getLogger(Containers.class.getName());
    private static final AtomicBoolean REAPER_REGISTERED = new AtomicBoolean();

    private Containers() {
    }

    /** Lets {@link ServerRegistry#reapOrphans()} remove containers of JVMs that died; once per JVM. */
    static void registerReaper() {
        if (REAPER_REGISTERED.compareAndSet(false, true)) {
            ServerRegistry.addContainerReaper(Containers::reap);
        }
    }

    /**
     * @return why no Docker engine can be used, or empty when one answers
     */
    static Optional<String> unavailableReason() {
        try {
            DockerClientFactory.instance().client();
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(explainUnavailable(e));
        }
    }

    private static String explainUnavailable(Throwable e) {
        String dockerHost = System.getenv("DOCKER_HOST");
        String where = dockerHost != null && !dockerHost.isBlank() ? "DOCKER_HOST [" + dockerHost + "]"
                : Files.exists(Path.of("/var/run/docker.sock")) ? "socket [/var/run/docker.sock]"
                : "DOCKER_HOST unset and no socket [/var/run/docker.sock]";
        String message = firstLine(String.valueOf(e.getMessage()));
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("network bridge not found")) {
            return "the Docker engine has no bridge network (" + where + "; Testcontainers said: " + message
                    + "). To fix: set TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 and run containers with host networking ("
                    + DockerSettings.NETWORK_ENV + "=host), or give the engine its default bridge";
        }
        if (lower.contains("ryuk") || lower.contains("testcontainers/")) {
            return "the Testcontainers reaper (Ryuk) could not start (" + where + "; Testcontainers said: "
                    + message + "). To fix: make its image pullable, or set TESTCONTAINERS_RYUK_DISABLED=true "
                    + "(nats-sandbox removes its own containers)";
        }
        return "no Docker engine answered (" + where + "; Testcontainers said: " + message + "). To fix: start "
                + "a Docker engine (Debian: apt-get install docker.io, then run dockerd) or point DOCKER_HOST at one";
    }

    /**
     * @return the Testcontainers Docker client
     * @throws ServerNotFoundException when no engine answers
     */
    static DockerClient client() {
        Optional<String> problem = unavailableReason();
        if (problem.isPresent()) {
            throw new ServerNotFoundException("the Docker launcher cannot be used: " + problem.get(),
                    List.of("Docker: " + problem.get()));
        }
        return DockerClientFactory.instance().client();
    }

    /**
     * Makes sure the image is present: used as is when local, else pulled once (bounded by {@code timeout}).
     * Testcontainers' own pull retries for minutes on registry errors; a missing image should fail at once.
     *
     * @throws ServerStartException naming the image and how to fix it
     */
    static void ensureImage(DockerClient client, DockerSettings settings, Duration timeout) {
        String image = settings.image();
        DockerImageName name;
        try {
            name = DockerImageName.parse(image);
        } catch (RuntimeException e) {
            throw imageProblem(settings, "is not a valid image name (" + e.getMessage() + ")", e);
        }
        try {
            client.inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException e) {
            // not local: pull below
        } catch (RuntimeException e) {
            throw imageProblem(settings, "cannot be inspected (" + e.getMessage() + ")", e);
        }
        try {
            boolean done = client.pullImageCmd(name.getUnversionedPart()).withTag(name.getVersionPart())
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                throw imageProblem(settings, "is not local and pulling it did not finish within "
                        + timeout.toMillis() + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while pulling image [" + image + "]", e);
        } catch (ServerStartException e) {
            throw e;
        } catch (RuntimeException e) {
            throw imageProblem(settings, "is not local and cannot be pulled (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static ServerStartException imageProblem(DockerSettings settings, String what, Throwable cause) {
        return new ServerStartException("Docker image [" + settings.image() + "] " + what + ". The image must "
                + "exist locally or be pullable and run nats-server. To fix: set the image with system property "
                + DockerSettings.IMAGE_PROPERTY + " or environment variable " + DockerSettings.IMAGE_ENV
                + " (default " + DockerSettings.DEFAULT_IMAGE + "), or make it available (docker pull "
                + settings.image() + ", or build it; .ci/docker-setup.sh builds one from a local nats-server "
                + "binary)", List.of(), cause);
    }

    /**
     * @return the container's state, or empty when it no longer exists
     */
    static Optional<InspectContainerResponse.ContainerState> state(String containerId) {
        try {
            return Optional.ofNullable(DockerClientFactory.instance().client().inspectContainerCmd(containerId)
                    .exec().getState());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops a container (SIGTERM, up to {@link #STOP_SECONDS}, then SIGKILL: Docker's own stop) and removes it with
     * its anonymous volumes. A container that is already stopped or gone is fine.
     */
    static void stopAndRemove(String containerId) {
        DockerClient client = DockerClientFactory.instance().client();
        try {
            client.stopContainerCmd(containerId).withTimeout(STOP_SECONDS).exec();
        } catch (NotFoundException | NotModifiedException e) {
            // gone, or not running: removal below is what is left to do
        }
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already removed
        }
    }

    /** Removes an orphaned container, but only one this package started (it carries {@link #LABEL}). */
    static void reap(String containerId) {
        Map<String, String> labels;
        try {
            labels = DockerClientFactory.instance().client().inspectContainerCmd(containerId).exec().getConfig()
                    .getLabels();
        } catch (NotFoundException e) {
            return;
        }
        if (labels == null || !"true".equals(labels.get(LABEL))) {
            LOG.log(System.Logger.Level.WARNING, "not removing container " + containerId + ": it has no label "
                    + LABEL + "=true, so nats-sandbox did not start it");
            return;
        }
        stopAndRemove(containerId);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    static String shortId(String containerId) {
        return containerId == null ? "<none>" : containerId.substring(0, Math.min(12, containerId.length()));
    }
}
