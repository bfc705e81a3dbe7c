package dev.natssandbox.junit;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.internal.sandbox.SandboxInternals;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxCluster;
import dev.natssandbox.sandbox.ServerTooOldException;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.server.ServerNotFoundException;
import dev.natssandbox.spec.SpecFiles;
import io.nats.client.Connection;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The extension behind {@link NatsSandbox}; also registrable programmatically:
 *
 * <pre>{@code
 * @RegisterExtension
 * static NatsSandboxExtension nats = NatsSandboxExtension.builder()
 *         .spec("classpath:seed-basics.yaml")
 *         .scope(SandboxScope.SHARED)
 *         .build();
 * }</pre>
 *
 * It keeps no mutable state: every sandbox and connection lives in the JUnit {@link ExtensionContext.Store} of the
 * context it belongs to (method, class, or the root for shared servers), which closes it. That makes it safe for
 * parallel execution.
 */
public final class NatsSandboxExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NatsSandboxExtension.class);
    private static final int LOG_LINES = 40;

    private final Declaration programmatic;

    /** Used by {@code @ExtendWith} through {@link NatsSandbox}: the declaration is read from the annotation. */
    public NatsSandboxExtension() {
        this.programmatic = null;
    }

    private NatsSandboxExtension(Declaration programmatic) {
        this.programmatic = programmatic;
    }

    /** @return a builder for programmatic registration with {@link RegisterExtension} */
    public static NatsSandboxExtensionBuilder builder() {
        return new NatsSandboxExtensionBuilder(NatsSandboxExtension::new);
    }

    // ---- lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Declarations.checkSingleDeclaration(testClass);
        Declaration d = declaration(context);
        if (d.scope() == SandboxScope.METHOD) {
            // Fail instead of leaving the field null: a static field outlives the per-method sandbox.
            Optional<Field> field = Injector.fields(testClass, true).stream().findFirst();
            if (field.isPresent()) {
                throw methodScopeMisuse(testClass, "static field [" + field.get().getName() + "]");
            }
            return;
        }
        if (d.isolated()) {
            Optional<Field> field = Injector.fields(testClass, true).stream().findFirst();
            if (field.isPresent()) {
                throw new ExtensionConfigurationException("[" + testClass.getName() + "]: scope ACCOUNT_PER_METHOD "
                        + "gives each test method accounts of its own, so static field [" + field.get().getName() + "] "
                        + "cannot have them; use instance fields or test method parameters");
            }
            sandbox(context, d, "the class");
            return;
        }
        Sandbox sandbox = sandbox(context, "static fields").sandbox();
        Injector.injectFields(null, testClass, sandbox, bag(context), context, UnaryOperator.identity());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ConnectionBag bag = bag(context);
        // The instances of enclosing classes come first; each gets the sandbox its own class declares, which for
        // a @Nested class with a @NatsSandbox of its own is not the test's.
        List<Runnable> injections = new ArrayList<>();
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            Class<?> type = instance.getClass();
            if (programmatic == null && Declarations.find(type).isEmpty()) {
                continue;
            }
            Declaration d = declaration(type);
            Sandbox sandbox = sandbox(context, d, "instance fields").sandbox();
            UnaryOperator<String> names = names(context, d, sandbox);
            prefetchConnections(context, bag, type, sandbox, names);
            injections.add(() -> Injector.injectFields(instance, type, sandbox, bag, context, names));
        }
        // Every connection the test will be given is opening by now; each injection waits only for its own.
        injections.forEach(Runnable::run);
    }

    /**
     * Starts opening the connections a test instance will be given (its {@code Connection} fields and, for the test
     * class, the test method's {@code Connection} parameters) at the same time, so that a test with two connections
     * waits for one connect, not two.
     */
    private static void prefetchConnections(ExtensionContext context, ConnectionBag bag, Class<?> type,
                                            Sandbox sandbox, UnaryOperator<String> names) {
        for (Field f : Injector.fields(type, false)) {
            NatsUser user = f.getAnnotation(NatsUser.class);
            if (user != null && user.server() == 0 && f.getType() == Connection.class) {
                bag.prefetch(sandbox, names.apply(user.value()));
            }
        }
        if (type == context.getRequiredTestClass()) {
            for (Parameter p : context.getRequiredTestMethod().getParameters()) {
                NatsUser user = p.getAnnotation(NatsUser.class);
                if (user != null && user.server() == 0 && p.getType() == Connection.class) {
                    bag.prefetch(sandbox, names.apply(user.value()));
                }
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        reportFailure(context, throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        reportFailure(context, t);
        throw t;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        reportFailure(context, t);
        throw t;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        reportFailure(context, t);
        throw t;
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        reportFailure(context, t);
        throw t;
    }

    /**
     * Keeps the failing sandbox's files (ON_FAILURE) and publishes the tail of its server log. An aborted test (a
     * failed assumption: {@link TestAbortedException}) is not a failure: its sandbox goes as usual.
     */
    private void reportFailure(ExtensionContext context, Throwable t) {
        if (t instanceof TestAbortedException) {
            return;
        }
        existing(context).ifPresent(r -> {
            SandboxInternals.door().markFailed(r.sandbox());
            if (r.sandbox().cluster().isPresent()) {
                context.publishReportEntry("nats-sandbox", "cluster " + r.sandbox().id() + " log tails:\n"
                        + r.sandbox().cluster().get().logTails(LOG_LINES));
                return;
            }
            context.publishReportEntry("nats-sandbox", "server " + r.sandbox().id() + " log tail ("
                    + r.sandbox().logFile() + "):\n" + String.join("\n", r.sandbox().logTail(LOG_LINES)));
        });
    }

    // ---- parameters ----

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.isAnnotated(NatsUser.class) || pc.isAnnotated(NatsServerUrl.class)
                || pc.getParameter().getType() == Sandbox.class || pc.getParameter().getType() == SandboxCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        Declaration d = declaration(ec);
        Sandbox sandbox = sandbox(ec, d, describe(pc)).sandbox();
        Class<?> testClass = ec.getRequiredTestClass();
        Optional<NatsUser> user = pc.findAnnotation(NatsUser.class);
        if (user.isPresent()) {
            if (d.isolated() && ec.getTestMethod().isEmpty()) {
                throw new ExtensionConfigurationException("[" + testClass.getName() + "]: scope ACCOUNT_PER_METHOD "
                        + "gives each test method accounts of its own, so " + describe(pc) + " cannot have a user; inject "
                        + "users into test or @BeforeEach methods");
            }
            String name = names(ec, d, sandbox).apply(user.get().value());
            return Injector.user(type, name, user.get().server(), sandbox, bag(ec), testClass, "parameter");
        }
        Optional<NatsServerUrl> url = pc.findAnnotation(NatsServerUrl.class);
        if (url.isPresent()) {
            return Injector.serverUrl(type, url.get().server(), sandbox, testClass, "parameter");
        }
        if (type == SandboxCluster.class) {
            return sandbox.cluster().orElseThrow(() -> new ExtensionConfigurationException("[" + testClass.getName()
                    + "]: " + describe(pc) + " of type " + SandboxCluster.class.getName() + " needs a cluster "
                    + "sandbox; " + Injector.declareCluster(3)));
        }
        return sandbox;
    }

    private static String describe(ParameterContext pc) {
        Executable e = pc.getDeclaringExecutable();
        return "parameter [" + pc.getParameter().getName() + "] of "
                + (e instanceof Constructor ? "the constructor" : "method [" + e.getName() + "]");
    }

    // ---- sandboxes in the store ----

    /** The connections opened for exactly this context (method or class), closed with it. */
    private static ConnectionBag bag(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("connections:" + context.getUniqueId(),
                k -> new ConnectionBag(), ConnectionBag.class);
    }

    /**
     * @param where the injection point asking, for the message when scope METHOD has no sandbox for it
     */
    SandboxResource sandbox(ExtensionContext context, String where) {
        return sandbox(context, declaration(context), where);
    }

    private SandboxResource sandbox(ExtensionContext context, Declaration d, String where) {
        switch (d.isolated() ? SandboxScope.SHARED : d.scope()) {
            case METHOD: {
                if (context.getTestMethod().isEmpty()) {
                    throw methodScopeMisuse(context.getRequiredTestClass(), where);
                }
                return context.getStore(NAMESPACE).getOrComputeIfAbsent(new MethodKey(context.getUniqueId(), d),
                        k -> new SandboxResource(d, start(d, context), true), SandboxResource.class);
            }
            case SHARED: {
                SandboxResource shared;
                try {
                    shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(sharedKey(d, context),
                            k -> new SandboxResource(d, start(d, context), true), SandboxResource.class);
                } catch (ExtensionConfigurationException e) {
                    // The store keeps the failure of the first class that tried; name this class as well.
                    String own = "[" + context.getRequiredTestClass().getName() + "]";
                    if (String.valueOf(e.getMessage()).startsWith(own)) {
                        throw e;
                    }
                    throw new ExtensionConfigurationException(own + ": the shared sandbox could not start; "
                            + e.getMessage(), e);
                }
                return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(new ClassKey(d),
                        k -> shared.borrowed(), SandboxResource.class);
            }
            default:
                // Lookups see the enclosing classes' stores, so a @Nested class reuses its outer class's sandbox.
                return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(new ClassKey(d),
                        k -> new SandboxResource(d, start(d, context), true), SandboxResource.class);
        }
    }

    private record ClassKey(Declaration declaration) {
    }

    /**
     * Under {@link SandboxScope#ACCOUNT_PER_METHOD} the shared server runs only the operator and the system account, so every
     * class whose operator, system account, server settings, launcher, image and file keeping agree uses one
     * server, whatever accounts they declare; otherwise the whole declaration decides.
     */
    private static Object sharedKey(Declaration d, ExtensionContext context) {
        return d.isolated() ? new IsolatedServerKey(serverSpec(d, context), d.launcher(), d.image(), d.keepFiles())
                : d.sharedKey();
    }

    private record IsolatedServerKey(SandboxSpec server, LauncherKind launcher, String image, KeepFiles keep) {
    }

    /** The spec the sandbox's server starts with; an invalid declaration fails naming the class. */
    private static SandboxSpec serverSpec(Declaration d, ExtensionContext context) {
        try {
            SandboxSpec declared = template(d, context);
            return d.isolated() ? AccountIsolation.serverSpec(declared) : declared;
        } catch (InvalidInputException e) {
            throw new ExtensionConfigurationException("[" + context.getRequiredTestClass().getName() + "]: invalid "
                    + "sandbox " + d.source() + ": " + e.getMessage(), e);
        }
    }

    private record MethodKey(String uniqueId, Declaration declaration) {
    }

    private static ExtensionConfigurationException methodScopeMisuse(Class<?> testClass, String where) {
        return new ExtensionConfigurationException("[" + testClass.getName() + "]: scope METHOD starts a sandbox "
                + "per test method, so it cannot be injected into " + where + ", which lives as long as the class; "
                + "inject into test or @BeforeEach method parameters or instance fields, or use scope CLASS");
    }

    private Optional<SandboxResource> existing(ExtensionContext context) {
        Declaration d;
        try {
            d = declaration(context);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Object key = d.scope() == SandboxScope.METHOD ? new MethodKey(context.getUniqueId(), d) : new ClassKey(d);
        try {
            return Optional.ofNullable(context.getStore(NAMESPACE).get(key, SandboxResource.class));
        } catch (RuntimeException e) {
            // The store rethrows a failed start; reporting must not replace the failure being handled.
            return Optional.empty();
        }
    }

    /** User names as the test declares them, mapped to its own accounts under {@link SandboxScope#ACCOUNT_PER_METHOD}. */
    private static UnaryOperator<String> names(ExtensionContext context, Declaration d, Sandbox sandbox) {
        if (!d.isolated() || context.getTestMethod().isEmpty()) {
            return UnaryOperator.identity();
        }
        AccountIsolation.Accounts accounts = context.getStore(NAMESPACE).getOrComputeIfAbsent(
                "isolated-accounts:" + context.getUniqueId(),
                k -> AccountIsolation.create(sandbox, template(d, context), context, counter(context)),
                AccountIsolation.Accounts.class);
        return accounts::user;
    }

    /** The declared spec, read once per run. */
    private static SandboxSpec template(Declaration d, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(new TemplateKey(d.specKey()),
                k -> d.spec().get(), SandboxSpec.class);
    }

    private record TemplateKey(Object specKey) {
    }

    private static AtomicLong counter(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("isolated-account-counter",
                k -> new AtomicLong(), AtomicLong.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static Sandbox start(Declaration d, ExtensionContext context) {
        String testClass = context.getRequiredTestClass().getName();
        SandboxSpec spec = serverSpec(d, context);
        SandboxSettingsResolver settings = new SandboxSettingsResolver(context, testClass);
        try {
            return settings.builder(spec, d).start();
        } catch (ServerNotFoundException e) {
            // The finder calls a configured path "explicit"; say where it was configured.
            String configured = settings.param(NatsSandbox.SERVER_PATH_PROPERTY_NAME).map(p -> " (configuration parameter "
                    + NatsSandbox.SERVER_PATH_PROPERTY_NAME + " is [" + p + "])").orElse("");
            throw new ExtensionConfigurationException("[" + testClass + "]: no nats-server available for the sandbox"
                    + configured + ": " + e.getMessage(), e);
        } catch (ServerTooOldException e) {
            throw new ExtensionConfigurationException("[" + testClass + "]: " + e.getMessage(), e);
        }
    }

    // ---- declarations ----

    private Declaration declaration(ExtensionContext context) {
        return declaration(context.getRequiredTestClass());
    }

    private Declaration declaration(Class<?> testClass) {
        return programmatic != null ? programmatic : ANNOTATED.get(testClass);
    }

    /**
     * What a class's {@link NatsSandbox} declares, worked out once per class: annotations do not change, and turning
     * them into a model on every injection would cost each test more than its connections. A declaration that
     * fails is not kept, so the error is raised wherever it is asked for.
     */
    private static final ClassValue<Declaration> ANNOTATED = new ClassValue<>() {
        @Override
        protected Declaration computeValue(Class<?> testClass) {
            NatsSandbox a = Declarations.find(testClass).orElseThrow(() -> new ExtensionConfigurationException(
                    "[" + testClass.getName() + "]: no @NatsSandbox on the test class or its enclosing classes; "
                            + "annotate it or register NatsSandboxExtension.builder()...build() with "
                            + "@RegisterExtension"));
            return Declarations.fromAnnotation(a, testClass);
        }
    };

    @Override
    public String toString() {
        return "NatsSandboxExtension[" + (programmatic == null ? "@NatsSandbox" : programmatic.source()) + "]";
    }
}
