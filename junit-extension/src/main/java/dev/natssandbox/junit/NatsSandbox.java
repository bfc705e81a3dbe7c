package dev.natssandbox.junit;

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
 * always there. Besides {@link NatsUser} things, a test can take the {@code Sandbox} by type (to make live
 * changes) and the server URL with {@link NatsServerUrl}.
 *
 * <p>Defaults of the settings come from JUnit configuration parameters: {@value NatsSandboxExtension#LAUNCHER_KEY}
 * ({@code auto|binary|docker}), {@value NatsSandboxExtension#IMAGE_KEY}, {@value NatsSandboxExtension#NETWORK_KEY}
 * ({@code bridge|host}), {@value NatsSandboxExtension#KEEP_FILES_KEY} ({@code never|on_failure|always}),
 * {@value NatsSandboxExtension#SERVER_PATH_KEY} (the nats-server binary).
 *
 * <p>Failures ({@code ExtensionConfigurationException} naming the test class and the bad value): both a spec and
 * accounts given; the spec file missing or invalid (with the spec error); an invalid annotation value (bad subject,
 * duplicate name, unknown import account); an unknown user; an unsupported parameter type; no server available
 * (with every place tried).
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

    /** @return whether the server runs JetStream (accounts then get unlimited JetStream) */
    boolean jetStream() default false;

    /** @return how long the server lives */
    SandboxScope scope() default SandboxScope.CLASS;

    /** @return which launcher runs the server */
    Launcher launcher() default Launcher.DEFAULT;

    /** @return the Docker image for the Docker launcher; empty for the configuration parameter or the default */
    String image() default "";

    /** @return whether the sandbox's files survive the test */
    KeepFiles keepFiles() default KeepFiles.DEFAULT;
}
