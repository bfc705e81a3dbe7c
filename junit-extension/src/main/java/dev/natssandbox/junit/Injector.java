package dev.natssandbox.junit;

import dev.natssandbox.creds.Creds;
import dev.natssandbox.provision.UnknownIdentityException;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxCluster;
import io.nats.client.Connection;
import io.nats.client.Options;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Produces the value for an injection point ({@link NatsUser}, {@link NatsServerUrl}) and sets annotated fields. */
final class Injector {
    static final List<Class<?>> USER_TYPES = List.of(Connection.class, Options.class, Options.Builder.class,
            Path.class, Creds.class, UserIdentity.class);

    private Injector() {
    }

    static Object user(Class<?> type, String user, int server, Sandbox sandbox, ConnectionBag bag,
                       Class<?> testClass, String kind) {
        if (!USER_TYPES.contains(type)) {
            throw new ExtensionConfigurationException("[" + testClass.getName() + "]: can only resolve @NatsUser "
                    + kind + " of type " + typeList() + " but was: " + type.getName());
        }
        try {
            if (server != 0) {
                SandboxCluster cluster = cluster(sandbox, server, "@NatsUser [" + user + "]", testClass);
                if (type == Connection.class) {
                    return bag.add(cluster.connect(user, server));
                }
                if (type == Options.class) {
                    return cluster.options(user, server).build();
                }
                if (type == Options.Builder.class) {
                    return cluster.options(user, server);
                }
            }
            if (type == Connection.class) {
                return bag.connect(sandbox, user);
            }
            if (type == Options.class) {
                return sandbox.options(user).build();
            }
            if (type == Options.Builder.class) {
                return sandbox.options(user);
            }
            if (type == Path.class) {
                return sandbox.credsFile(user);
            }
            if (type == Creds.class) {
                return sandbox.creds(user);
            }
            return sandbox.hierarchy().user(user);
        } catch (UnknownIdentityException e) {
            throw new ExtensionConfigurationException("[" + testClass.getName() + "]: " + e.getMessage(), e);
        }
    }

    static Object serverUrl(Class<?> type, int server, Sandbox sandbox, Class<?> testClass, String kind) {
        String url = server == 0 ? null : cluster(sandbox, server, "@NatsServerUrl", testClass).serverUrl(server);
        if (type == String.class) {
            return url != null ? url : sandbox.serverUrl();
        }
        if (type == URI.class) {
            return URI.create(url != null ? url : sandbox.serverUrl());
        }
        throw new ExtensionConfigurationException("[" + testClass.getName() + "]: can only resolve @NatsServerUrl "
                + kind + " of type java.lang.String or java.net.URI but was: " + type.getName());
    }

    /**
     * @return the sandbox's cluster when it runs server {@code server}
     * @throws ExtensionConfigurationException when it runs one server, or fewer than {@code server + 1}
     */
    /**
     * @param size the size to suggest
     * @return how to declare a cluster, the hint of every refusal that needs one
     */
    static String declareCluster(int size) {
        return "declare @NatsSandbox(clusterSize = " + size + ") or server: {cluster: {size: " + size + "}} in the spec";
    }

    static SandboxCluster cluster(Sandbox sandbox, int server, String what, Class<?> testClass) {
        Optional<SandboxCluster> cluster = sandbox.cluster();
        if (cluster.isEmpty()) {
            throw new ExtensionConfigurationException("[" + testClass.getName() + "]: the sandbox runs one server; "
                    + "server [" + server + "] of " + what + " needs a cluster: "
                    + declareCluster(Math.max(server + 1, 3)) + ", or leave server out");
        }
        int size = cluster.get().size();
        if (server < 0 || server >= size) {
            throw new ExtensionConfigurationException("[" + testClass.getName() + "]: server [" + server + "] of "
                    + what + " is not in the cluster of " + size + " servers (0 to " + (size - 1) + ")");
        }
        return cluster.get();
    }

    /** @return the fields of the class and its superclasses annotated for injection, static or instance ones */
    static List<Field> fields(Class<?> type, boolean statics) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) == statics
                        && (f.isAnnotationPresent(NatsUser.class) || f.isAnnotationPresent(NatsServerUrl.class))) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    /** Sets the class's (instance != null: instance, else static) annotated fields and those of its superclasses. */
    static void injectFields(Object instance, Class<?> type, Sandbox sandbox, ConnectionBag bag,
                             ExtensionContext context, java.util.function.UnaryOperator<String> names) {
        for (Field f : fields(type, instance == null)) {
            NatsUser user = f.getAnnotation(NatsUser.class);
            if (Modifier.isFinal(f.getModifiers())) {
                throw new ExtensionConfigurationException("[" + context.getRequiredTestClass().getName()
                        + "]: cannot inject into final field [" + f.getName() + "]; remove 'final'");
            }
            Object value = user != null
                    ? user(f.getType(), names.apply(user.value()), user.server(), sandbox, bag,
                    context.getRequiredTestClass(), "field [" + f.getName() + "]")
                    : serverUrl(f.getType(), f.getAnnotation(NatsServerUrl.class).server(), sandbox,
                    context.getRequiredTestClass(), "field [" + f.getName() + "]");
            try {
                f.setAccessible(true);
                f.set(instance, value);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new ExtensionConfigurationException("[" + context.getRequiredTestClass().getName()
                        + "]: cannot inject field [" + f.getName() + "]: " + e, e);
            }
        }
    }

    private static String typeList() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < USER_TYPES.size(); i++) {
            if (i > 0) {
                sb.append(i == USER_TYPES.size() - 1 ? " or " : ", ");
            }
            sb.append(USER_TYPES.get(i).getCanonicalName());
        }
        return sb.toString();
    }
}
