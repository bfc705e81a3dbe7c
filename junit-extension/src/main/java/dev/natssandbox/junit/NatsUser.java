package dev.natssandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects something of a sandbox user into a test or lifecycle method parameter, or a field:
 *
 * <pre>{@code
 * @Test
 * void clientMayRequest(@NatsUser("TestClient") Connection client, @NatsUser("TestService") Connection service) {
 *     NatsAssertions.assertCanRequest(client, service, "req.a");
 * }
 * }</pre>
 *
 * Supported types:
 * <ul>
 *   <li>{@code io.nats.client.Connection}: authenticated as the user (JWT and seed from memory); closed after the
 *   test method (method parameters, instance fields) or after the class (static fields, {@code @BeforeAll});</li>
 *   <li>{@code io.nats.client.Options} and {@code Options.Builder}: server URL and credentials, for tests that
 *   connect themselves;</li>
 *   <li>{@code java.nio.file.Path}: the user's {@code .creds} file;</li>
 *   <li>{@code dev.natssandbox.creds.Creds}: the user's JWT and seed;</li>
 *   <li>{@code dev.natssandbox.provision.UserIdentity}: keys, JWT and claims.</li>
 * </ul>
 * Names are {@code "User"} or, when two accounts have a user of that name, {@code "Account/User"}. In a cluster,
 * {@code @NatsUser(value = "TestClient", server = 2)} connects to the third server; the default is server 0.
 *
 * <p>Failures: an {@code ExtensionConfigurationException} whose message starts with the test class in brackets.
 * For a field it fails the test (instance fields) or the class (static fields); for a parameter, JUnit reports a
 * {@code ParameterResolutionException} ({@code Failed to resolve parameter [...] in method [...]: } followed by the
 * extension's message) whose cause is the extension's exception, as it does for {@code @TempDir}.
 * <ul>
 *   <li>no such user: {@code No user [alise] in sandbox; users are: [alice, bob, sys]};</li>
 *   <li>a name two accounts share: {@code User name [app] is ambiguous; name it with its account: [A/app, B/app]};
 *   </li>
 *   <li>an unsupported type: {@code can only resolve @NatsUser parameter of type io.nats.client.Connection, ...
 *   but was: java.lang.String} ({@code field [name]} for a field);</li>
 *   <li>a final field: {@code cannot inject into final field [alice]; remove 'final'};</li>
 *   <li>a server the sandbox does not run: {@code server [3] of @NatsUser [alice] is not in the cluster of 3 servers
 *   (0 to 2)}, or, without a cluster, {@code the sandbox runs one server; server [1] needs a cluster ...};</li>
 *   <li>the extension registered without a declaration ({@code @ExtendWith(NatsSandboxExtension.class)} and no
 *   {@link NatsSandbox}): {@code no @NatsSandbox on the test class or its enclosing classes; ...}.</li>
 * </ul>
 * Without the extension at all, JUnit itself fails a {@code @NatsUser} parameter ("No ParameterResolver registered
 * for parameter ..."); a {@code @NatsUser} field is then left alone.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsUser {
    /** @return the user: {@code "User"} or {@code "Account/User"} */
    String value();

    /**
     * @return in a cluster sandbox ({@link NatsSandbox#clusterSize()} or the spec's {@code server.cluster.size}), the
     *         index of the server a {@code Connection}, {@code Options} or {@code Options.Builder} is for, from 0;
     *         a single-server sandbox has only server 0
     */
    int server() default 0;
}
