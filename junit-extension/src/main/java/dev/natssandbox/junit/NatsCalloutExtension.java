package dev.natssandbox.junit;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.callout.CalloutClients;
import dev.natssandbox.callout.CalloutEnvironment;
import dev.natssandbox.callout.CalloutHandler;
import dev.natssandbox.callout.CalloutRefusedException;
import dev.natssandbox.callout.CalloutService;
import dev.natssandbox.callout.CalloutTable;
import dev.natssandbox.callout.CalloutUnsupportedException;
import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Behind {@link NatsCallout}: per test method, the callout service (the declared handler, or the spec's
 * {@code callout_users} table) and the injected clients, kept in the method's store so that JUnit closes them after
 * the test. Stateless itself.
 */
final class NatsCalloutExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NatsCalloutExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        // Every @CalloutClient parameter is claimed, so that a wrong type gets a precise message.
        return type == CalloutEnvironment.class || type == CalloutClients.class || pc.isAnnotated(CalloutClient.class);
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        CalloutClient c = pc.findAnnotation(CalloutClient.class).orElse(null);
        if (c != null) {
            checkClient(pc, c, ec);
        }
        Running running = running(ec);
        if (type == CalloutEnvironment.class) {
            return running.environment;
        }
        if (type == CalloutClients.class) {
            return running.clients;
        }
        try {
            return c.token().isEmpty() ? running.clients.connect(c.user(), c.password())
                    : running.clients.connectWithToken(c.token());
        } catch (CalloutRefusedException e) {
            throw new ExtensionConfigurationException("[" + ec.getRequiredTestClass().getName() + "]: "
                    + e.getMessage() + "; give credentials the service admits, or to assert a refusal inject "
                    + "CalloutClients and expect CalloutRefusedException", e);
        }
    }

    private static void checkClient(ParameterContext pc, CalloutClient c, ExtensionContext ec) {
        String where = "[" + ec.getRequiredTestClass().getName() + "]: @CalloutClient parameter ["
                + pc.getParameter().getName() + "]";
        if (pc.getParameter().getType() != Connection.class) {
            throw new ParameterResolutionException(where + " must be of type " + Connection.class.getName()
                    + " but was: " + pc.getParameter().getType().getName());
        }
        if (c.user().isEmpty() == c.token().isEmpty() || !c.token().isEmpty() && !c.password().isEmpty()) {
            throw new ExtensionConfigurationException(where + " has user [" + c.user() + "], password "
                    + (c.password().isEmpty() ? "[]" : "[…]") + " and token " + (c.token().isEmpty() ? "[]" : "[…]")
                    + "; give user (with password) or token, not both and not neither");
        }
    }

    private static Running running(ExtensionContext ec) {
        Class<?> testClass = ec.getRequiredTestClass();
        NatsCallout declared = AnnotationSupport.findAnnotation(testClass, NatsCallout.class).orElseThrow(
                () -> new ExtensionConfigurationException("[" + testClass.getName() + "]: no @NatsCallout"));
        boolean sandboxDeclared = false;
        for (Class<?> c = testClass; c != null && !sandboxDeclared; c = c.getEnclosingClass()) {
            sandboxDeclared = AnnotationSupport.findAnnotation(c, NatsSandbox.class).isPresent();
        }
        if (!sandboxDeclared) {
            throw new ExtensionConfigurationException("[" + testClass.getName() + "]: @NatsCallout needs "
                    + "@NatsSandbox on the class, whose spec has the callout account [" + declared.account() + "]");
        }
        if (ec.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException("[" + testClass.getName() + "]: @NatsCallout injects into "
                    + "test and @BeforeEach method parameters only");
        }
        return ec.getStore(NAMESPACE).getOrComputeIfAbsent("callout", k -> start(ec, declared), Running.class);
    }

    private static Running start(ExtensionContext ec, NatsCallout declared) {
        String testClass = ec.getRequiredTestClass().getName();
        String annotation = "@NatsCallout(account = \"" + declared.account() + "\")";
        Sandbox sandbox = new NatsSandboxExtension().sandbox(ec, "@NatsCallout").sandbox();
        CalloutEnvironment env;
        try {
            env = CalloutEnvironment.of(sandbox, declared.account());
        } catch (InvalidInputException e) {
            throw new ExtensionConfigurationException("[" + testClass + "]: " + annotation + ": " + e.getMessage()
                    + "; name a callout account, or give the account an authorization section in the spec", e);
        }
        CalloutHandler handler = handler(testClass, declared, sandbox);
        CalloutService service = null;
        if (handler != null) {
            try {
                service = CalloutService.start(env, handler);
            } catch (CalloutUnsupportedException e) {
                throw new ExtensionConfigurationException("[" + testClass + "]: " + e.getMessage(), e);
            }
        }
        try {
            CalloutClients clients = declared.sentinel().isEmpty() ? CalloutClients.of(env)
                    : CalloutClients.of(sandbox, env, declared.account() + "/" + declared.sentinel());
            return new Running(env, service, clients);
        } catch (RuntimeException e) {
            if (service != null) {
                service.close();
            }
            if (e instanceof InvalidInputException) {
                throw new ExtensionConfigurationException("[" + testClass + "]: " + annotation + ", sentinel = \""
                        + declared.sentinel() + "\": " + e.getMessage() + "; the sentinel is a user of account ["
                        + declared.account() + "] that is not an auth user", e);
            }
            throw e;
        }
    }

    /** @return the declared handler, the spec's table, or null when the test brings its own service */
    private static CalloutHandler handler(String testClass, NatsCallout declared, Sandbox sandbox) {
        AuthorizationSpec spec = sandbox.hierarchy().account(declared.account()).spec().authorization();
        Class<? extends CalloutHandler> type = declared.handler();
        if (type == CalloutHandler.class) {
            return spec.users().isEmpty() ? null : CalloutTable.of(spec);
        }
        String named = "[" + testClass + "]: @NatsCallout handler [" + type.getName() + "]";
        if (!spec.users().isEmpty()) {
            throw new ExtensionConfigurationException(named + " and the callout_users table of account ["
                    + declared.account() + "] in the spec both decide; remove the handler to serve the table, or "
                    + "the table to serve the handler");
        }
        if (!spec.xkey().isEmpty() && !spec.xkey().equals(AuthorizationSpec.GENERATE_XKEY)) {
            throw new ExtensionConfigurationException(named + " cannot serve account [" + declared.account()
                    + "]: its authorization.xkey [" + spec.xkey() + "] is the public xkey of a service that brings "
                    + "its own keys, so the sandbox has no seed to open the requests; remove the handler and start "
                    + "that service from the injected CalloutEnvironment, or set xkey: generate");
        }
        return instantiate(named, type);
    }

    private static CalloutHandler instantiate(String named, Class<? extends CalloutHandler> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new ExtensionConfigurationException(named + " is abstract; give a concrete class with a "
                    + "constructor without arguments");
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            throw new ExtensionConfigurationException(named + " is an inner class, whose constructor needs an "
                    + "instance of the enclosing class; make it static");
        }
        Constructor<? extends CalloutHandler> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new ExtensionConfigurationException(named + " has no constructor without arguments; add one",
                    e);
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException(named + ": its constructor threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException(named + " cannot be created (" + e + "); give it a "
                    + "constructor without arguments that this test can reach", e);
        }
    }

    /** What one test method uses; closed by JUnit with the method's store (AutoCloseable for JUnit 6). */
    private static final class Running implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        final CalloutEnvironment environment;
        final CalloutService service;
        final CalloutClients clients;

        Running(CalloutEnvironment environment, CalloutService service, CalloutClients clients) {
            this.environment = environment;
            this.service = service;
            this.clients = clients;
        }

        @Override
        public void close() {
            clients.close();
            if (service != null) {
                service.close();
            }
        }
    }
}
