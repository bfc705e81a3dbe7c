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
 * Names are {@code "User"} or, when two accounts have a user of that name, {@code "Account/User"}.
 *
 * <p>Failures ({@code ExtensionConfigurationException} naming the test class): no such user (the message lists
 * the users), an unsupported parameter type, or no {@link NatsSandbox} on the class.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsUser {
    /** @return the user: {@code "User"} or {@code "Account/User"} */
    String value();
}
