package dev.natssandbox.junit;

import dev.natssandbox.model.ResolverType;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.server.LauncherKind;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a nats-server with real decentralized auth for a test class and injects authenticated connections.
 *
 * <pre>{@code
 * @NatsSandbox(accounts = @Account(name = "TestAccount", users = {
 *         @User(name = "TestService", allowPub = "_INBOX.>", allowSub = "req.a"),
 *         @User(name = "TestClient", allowPub = "req.a", allowSub = "_INBOX.>")}))
 * class ServiceTest {
 *     @Test
 *     void clientCannotPublishElsewhere(@NatsUser("TestClient") Connection client) {
 *         NatsAssertions.assertCannotPublish(client, "req.b");
 *     }
 * }
 * }</pre>
 *
 * The hierarchy comes from exactly one of: {@link #spec()} (a YAML/JSON spec file, {@code classpath:} or a path),
 * or {@link #accounts()} annotations. The operator and a system account {@code SYS} (with user {@code sys}) are
 * always there. It is found on the test class, through composed annotations that carry it, on superclasses and on
 * the enclosing classes of a {@code @Nested} class. Besides {@link NatsUser} things, a test can take the {@code Sandbox} by type (to make live
 * changes) and the server URL with {@link NatsServerUrl}.
 *
 * <p>Defaults of the settings come from JUnit configuration parameters, whose names are the constants of this
 * annotation: {@value #LAUNCHER_PROPERTY_NAME} ({@code auto|binary|docker}), {@value #DOCKER_IMAGE_PROPERTY_NAME},
 * {@value #DOCKER_NETWORK_PROPERTY_NAME} ({@code bridge|host}), {@value #KEEP_FILES_PROPERTY_NAME}
 * ({@code never|on_failure|always}), {@value #SERVER_PATH_PROPERTY_NAME} (the nats-server binary).
 *
 * <p>When a test fails, the sandbox's files are kept (unless {@link #keepFiles()} says otherwise) and the tail of the
 * server log is published as the report entry {@code nats-sandbox}.
 *
 * <p>Failures: a mistake in the declaration fails the test class with an {@code ExtensionConfigurationException}
 * whose message starts with the test class in brackets, e.g.
 * {@code [com.example.ServiceTest]: @NatsSandbox has both spec [classpath:a.yaml] and accounts [A]; give one of them}.
 * When the mistake shows while JUnit resolves a parameter, JUnit reports a {@code ParameterResolutionException}
 * ({@code Failed to resolve parameter [...] in method [...]: } followed by the extension's message) whose cause is
 * the extension's exception. The mistakes:
 * <ul>
 *   <li>both {@link #spec()} and {@link #accounts()} given;</li>
 *   <li>more than one {@link #resolver()};</li>
 *   <li>{@link #spec()} with {@link #operator()} or {@link #jetStream()}, which only apply to {@link #accounts()};</li>
 *   <li>an {@link #image()} with launcher {@link LauncherKind#BINARY}, which runs no container;</li>
 *   <li>the spec file missing or invalid: {@code invalid sandbox spec [classpath:a.yaml]: } and the spec error with
 *   its line and path, e.g. {@code classpath:a.yaml:7: accounts.A.users.u.pub.allow[0]: invalid subject [a.>.b]:
 *   '>' must be the last token};</li>
 *   <li>an invalid annotation value (bad subject, duplicate name, unknown import account):
 *   {@code invalid @NatsSandbox accounts: } and the path and problem, as for spec files;</li>
 *   <li>both {@code @NatsSandbox} and a {@code @RegisterExtension NatsSandboxExtension} on the class, a superclass
 *   or an enclosing class;</li>
 *   <li>scope {@link SandboxScope#METHOD} with an injection that lives as long as the class (a static field, a
 *   {@code @BeforeAll} or constructor parameter);</li>
 *   <li>no server available: {@code no nats-server available for the sandbox: } and every place tried;</li>
 *   <li>a configuration parameter with an unknown value, e.g. {@code configuration parameter
 *   natssandbox.keepFiles is [sometimes]; expected never, on_failure or always}.</li>
 * </ul>
 * Mistakes in an injection point are listed at {@link NatsUser}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NatsSandboxExtension.class)
public @interface NatsSandbox {
    /**
     * Configuration parameter for the launcher when {@link #launcher()} is {@link LauncherKind#DEFAULT}:
     * {@code auto}, {@code binary} or {@code docker}; unset means {@code auto}.
     */
    String LAUNCHER_PROPERTY_NAME = "natssandbox.launcher";

    /** Configuration parameter for the Docker image when {@link #image()} is empty. */
    String DOCKER_IMAGE_PROPERTY_NAME = "natssandbox.docker.image";

    /** Configuration parameter for the Docker network mode: {@code bridge} (default) or {@code host}. */
    String DOCKER_NETWORK_PROPERTY_NAME = "natssandbox.docker.network";

    /**
     * Configuration parameter for file keeping when {@link #keepFiles()} is {@link KeepFiles#DEFAULT}: {@code never},
     * {@code on_failure} or {@code always}; unset means {@code on_failure}.
     */
    String KEEP_FILES_PROPERTY_NAME = "natssandbox.keepFiles";

    /**
     * Configuration parameter for the nats-server binary, tried before the system property
     * {@code natssandbox.server.path}, the environment variable {@code NATS_SERVER_PATH} and {@code PATH}.
     */
    String SERVER_PATH_PROPERTY_NAME = "natssandbox.server.path";

    /** @return a spec file: {@code classpath:seed-basics.yaml} or a file path; empty to use {@link #accounts()} */
    String spec() default "";

    /** @return the operator's name when the hierarchy comes from {@link #accounts()} (refused with a spec) */
    String operator() default "Test";

    /** @return the accounts and their users, when no {@link #spec()} is given */
    Account[] accounts() default {};

    /**
     * @return whether the server runs JetStream (accounts then get unlimited JetStream), with {@link #accounts()}; in
     *         a cluster, every server; a spec file says it with {@code server.jetstream}
     */
    boolean jetStream() default false;

    /**
     * @return how many routed servers to run (1 to 7), as {@code server.cluster.size} in a spec file; {@code 0} (the
     *         default) keeps the spec's setting, or one server for {@link #accounts()}. Inject the cluster handle as a
     *         {@code dev.natssandbox.sandbox.SandboxCluster} parameter and connections to a chosen server with
     *         {@link NatsUser#server()}
     */
    int clusterSize() default 0;

    /**
     * @return at most one resolver, overriding the spec file's {@code server.resolver}; none (the default) keeps the
     *         spec's, {@link ResolverType#MEMORY} for {@link #accounts()}; {@link ResolverType#FULL} runs the
     *         NATS-based resolver
     */
    ResolverType[] resolver() default {};

    /**
     * @return how long the server lives and what tests share; {@link SandboxScope#ACCOUNT_PER_METHOD} runs one
     *         server for the whole run and gives each test method fresh copies of the declared accounts
     */
    SandboxScope scope() default SandboxScope.CLASS;

    /** @return which launcher runs the server */
    LauncherKind launcher() default LauncherKind.DEFAULT;

    /** @return the Docker image for the Docker launcher; empty for the configuration parameter or the default */
    String image() default "";

    /** @return whether the sandbox's files survive the test */
    KeepFiles keepFiles() default KeepFiles.DEFAULT;
}
