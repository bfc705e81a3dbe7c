package dev.natssandbox.junit;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.callout.CalloutClients;
import dev.natssandbox.callout.CalloutEnvironment;
import dev.natssandbox.callout.CalloutHandler;
import dev.natssandbox.callout.CalloutRefusedException;
import dev.natssandbox.callout.CalloutService;
import dev.natssandbox.callout.CalloutUnsupportedException;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Behind {@link NatsCallout}: per test method, the sandbox's callout service (when a handler is declared) and the
 * injected clients, kept in the method's store so that JUnit closes them after the test. Stateless itself.
 */
final class NatsCalloutExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NatsCalloutExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        return type == CalloutEnvironment.class || type == CalloutClients.class
                || pc.isAnnotated(CalloutClient.class) && type == Connection.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Running running = running(ec);
        Class<?> type = pc.getParameter().getType();
        if (type == CalloutEnvironment.class) {
            return running.environment;
        }
        if (type == CalloutClients.class) {
            return running.clients;
        }
        CalloutClient c = pc.findAnnotation(CalloutClient.class).orElseThrow();
        try {
            return c.token().isEmpty() ? running.clients.connect(c.user(), c.password())
                    : running.clients.connectWithToken(c.token());
        } catch (CalloutRefusedException e) {
            throw new ExtensionConfigurationException("[" + ec.getRequiredTestClass().getName() + "]: "
                    + e.getMessage() + "; to assert a refusal, inject CalloutClients and expect "
                    + "CalloutRefusedException", e);
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
        Sandbox sandbox = new NatsSandboxExtension().sandbox(ec, "@NatsCallout").sandbox();
        CalloutEnvironment env;
        try {
            env = CalloutEnvironment.of(sandbox, declared.account());
        } catch (InvalidInputException e) {
            throw new ExtensionConfigurationException("[" + testClass + "]: @NatsCallout(account = \""
                    + declared.account() + "\"): " + e.getMessage(), e);
        }
        CalloutService service = null;
        if (declared.handler() != CalloutHandler.class) {
            CalloutHandler handler;
            try {
                handler = declared.handler().getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new ExtensionConfigurationException("[" + testClass + "]: @NatsCallout handler ["
                        + declared.handler().getName() + "] needs a public no-argument constructor", e);
            }
            try {
                service = CalloutService.start(env, handler);
            } catch (CalloutUnsupportedException e) {
                throw new ExtensionConfigurationException("[" + testClass + "]: " + e.getMessage(), e);
            }
        }
        CalloutClients clients = declared.sentinel().isEmpty() ? CalloutClients.of(env)
                : CalloutClients.of(sandbox, env, declared.account() + "/" + declared.sentinel());
        return new Running(env, service, clients);
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
