package dev.natssandbox.junit;

import dev.natssandbox.callout.CalloutHandler;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs auth callout (nats-server 2.10+) for the {@link NatsSandbox @NatsSandbox} of the test class: the sandbox's
 * service with {@link #handler()} for each test method, or with the spec's {@code callout_users} table when no
 * handler is given, or none when the test brings its own service (no handler, no table). Test and
 * {@code @BeforeEach} parameters of type {@link dev.natssandbox.callout.CalloutEnvironment} (everything a service
 * needs) and {@link dev.natssandbox.callout.CalloutClients} (clients with any credentials, refusals with the
 * service's reason), and {@link CalloutClient @CalloutClient} connections, are injected.
 *
 * <pre>{@code
 * @NatsSandbox(spec = "classpath:callout.yaml")
 * @NatsCallout(account = "AUTH", handler = MyHandler.class, sentinel = "sentinel")
 * class MyCalloutTest {
 *     @Test
 *     void aliceMayOrder(@CalloutClient(user = "alice", password = "pw") Connection alice, CalloutClients clients) {
 *         NatsAssertions.assertThat(alice).canPublish("orders.new");
 *         assertThrows(CalloutRefusedException.class, () -> clients.connect("bob", "x"));
 *     }
 * }
 * }</pre>
 *
 * <p>Failures ({@code ExtensionConfigurationException} naming the class, the bad value and the fix): no
 * {@code @NatsSandbox}; an account that is not in the sandbox or has no {@code authorization} section; a sentinel
 * that is no user of the account; a handler class that is abstract, an inner class or has no constructor without
 * arguments (it may be private); a handler for an account whose spec has a {@code callout_users} table (both would
 * decide) or the public xkey of a service that brings its own keys (the sandbox has no seed to open requests); a
 * {@link CalloutClient @CalloutClient} the service refuses (the message has the service's reason), or with both or
 * neither of user and token; a server older than 2.10 (the sandbox refuses the spec at start, naming the claim, the
 * server's version and the minimum).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NatsCalloutExtension.class)
public @interface NatsCallout {
    /** @return the callout account: an account of the sandbox with an {@code authorization} section */
    String account();

    /**
     * @return the decisions of the sandbox's service, a concrete class with a constructor without arguments;
     *         {@code CalloutHandler.class} itself (the default) serves the spec's {@code callout_users} table when it
     *         has one, and else starts no service, for tests that start their own from the injected environment
     */
    Class<? extends CalloutHandler> handler() default CalloutHandler.class;

    /**
     * @return in operator mode, the user of the callout account whose JWT injected clients present with their
     *         credentials (not an auth user); empty to present none
     */
    String sentinel() default "";
}
