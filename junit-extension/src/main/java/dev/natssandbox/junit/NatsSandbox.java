package dev.natssandbox.junit;

import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.sandbox.KeepFiles;
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
 * <p>Defaults of the settings come from JUnit configuration parameters: {@value NatsSandboxExtension#LAUNCHER_KEY}
 * ({@code auto|binary|docker}), {@value NatsSandboxExtension#IMAGE_KEY}, {@value NatsSandboxExtension#NETWORK_KEY}
 * ({@code bridge|host}), {@value NatsSandboxExtension#KEEP_FILES_KEY} ({@code never|on_failure|always}),
 * {@value NatsSandboxExtension#SERVER_PATH_KEY} (the nats-server binary).
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
    /** @return a spec file: {@code classpath:seed-basics.yaml} or a file path; empty to use {@link #accounts()} */
    String spec() default "";

    /** @return the operator's name when the hierarchy comes from {@link #accounts()} */
    String operator() default "Test";

    /** @return the accounts and their users, when no {@link #spec()} is given */
    Account[] accounts() default {};

    /** @return whether the server runs JetStream (accounts then get unlimited JetStream); in a cluster, every server */
    boolean jetStream() default false;

    /**
     * @return how many routed servers to run (1 to 7), as {@code server.cluster.size} in a spec file; {@code 0} (the
     *         default) keeps the spec's setting, or one server for {@link #accounts()}. Inject the cluster handle as a
     *         {@code dev.natssandbox.sandbox.SandboxCluster} parameter and connections to a chosen server with
     *         {@link NatsUser#server()}
     */
    int clusterSize() default 0;

    /** @return the resolver, overriding the spec file's; {@link Resolver#FULL} runs the NATS-based resolver */
    Resolver resolver() default Resolver.DEFAULT;

    /** @return how long the server lives */
    SandboxScope scope() default SandboxScope.CLASS;

    /**
     * @return how tests are kept apart; {@link Isolation#ACCOUNT} runs one server for the whole run and gives each
     *         test method fresh copies of the declared accounts (then {@link #scope()} must stay CLASS or SHARED)
     */
    Isolation isolation() default Isolation.NONE;

    /** @return which launcher runs the server */
    LauncherKind launcher() default LauncherKind.DEFAULT;

    /** @return the Docker image for the Docker launcher; empty for the configuration parameter or the default */
    String image() default "";

    /** @return whether the sandbox's files survive the test */
    KeepFiles keepFiles() default KeepFiles.DEFAULT;
}
