package dev.natssandbox.server;

import dev.natssandbox.NatsSandboxException;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses a launcher for a {@link LauncherKind}. {@code AUTO} takes the local binary when one is found, else
 * Docker when Testcontainers is on the classpath and a Docker engine answers, else fails with one message that
 * lists every place and way tried. A configured binary path that is wrong fails at once, also under {@code AUTO}. The Docker launcher is loaded reflectively so that Testcontainers stays an
 * optional dependency.
 */
public final class Launchers {
    static final String DOCKER_LAUNCHER = "dev.natssandbox.server.docker.DockerLauncher";
    static final String TESTCONTAINERS = "org.testcontainers.DockerClientFactory";

    private Launchers() {
    }

    /**
     * @param kind       which launcher
     * @param serverPath explicit binary for the binary launcher, or {@code null}
     * @param docker     settings for the Docker launcher
     * @return the launcher
     * @throws ServerNotFoundException when no launcher can be used
     */
    public static ServerLauncher resolve(LauncherKind kind, Path serverPath, DockerSettings docker) {
        return resolve(kind, new BinaryLauncher(serverPath, ServerFinder.system()), docker);
    }

    static ServerLauncher resolve(LauncherKind kind, BinaryLauncher binary, DockerSettings docker) {
        return resolve(kind, binary, docker, Launchers::dockerProblem);
    }

    /**
     * @param dockerCheck why Docker cannot be used, or empty when it can (a seam: tests decide what Docker is)
     */
    static ServerLauncher resolve(LauncherKind kind, BinaryLauncher binary, DockerSettings docker,
                                  Supplier<Optional<String>> dockerCheck) {
        switch (kind) {
            case BINARY:
                binary.locate();
                return binary;
            case DOCKER: {
                Optional<String> problem = dockerCheck.get();
                if (problem.isPresent()) {
                    throw new ServerNotFoundException("the Docker launcher cannot be used: " + problem.get(),
                            List.of("Docker: " + problem.get()));
                }
                return docker(docker);
            }
            default: {
                List<String> tried = new ArrayList<>();
                try {
                    binary.locate();
                    return binary;
                } catch (ServerNotFoundException e) {
                    if (e.configuredPathUnusable()) {
                        // A wrong configured path is a mistake to fix, not a reason to run a container instead.
                        throw e;
                    }
                    tried.addAll(e.tried());
                }
                Optional<String> problem = dockerCheck.get();
                if (problem.isEmpty()) {
                    return docker(docker);
                }
                tried.add("Docker: " + problem.get());
                throw new ServerNotFoundException("no nats-server available; tried: " + String.join("; ", tried)
                        + ". To fix: " + ServerFinder.INSTALL_HINT + ", or install Docker and add "
                        + "org.testcontainers:testcontainers to the classpath", tried);
            }
        }
    }

    /**
     * @return why Docker cannot be used, or empty when it can
     */
    public static Optional<String> dockerProblem() {
        try {
            Class.forName(TESTCONTAINERS, false, Launchers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("Testcontainers is not on the classpath (add org.testcontainers:testcontainers)");
        }
        try {
            Class<?> c = Class.forName(DOCKER_LAUNCHER);
            Object reason = c.getMethod("unavailableReason").invoke(null);
            @SuppressWarnings("unchecked")
            Optional<String> r = (Optional<String>) reason;
            return r;
        } catch (ClassNotFoundException e) {
            return Optional.of("the Docker launcher is not part of this build");
        } catch (InvocationTargetException e) {
            return Optional.of("Docker is not available: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.of("Docker is not available: " + e);
        }
    }

    private static ServerLauncher docker(DockerSettings settings) {
        try {
            return (ServerLauncher) Class.forName(DOCKER_LAUNCHER).getConstructor(DockerSettings.class)
                    .newInstance(settings);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new NatsSandboxException("cannot create the Docker launcher: " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new NatsSandboxException("cannot create the Docker launcher: " + e, e);
        }
    }
}
