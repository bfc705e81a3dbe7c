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
 * service with {@link #handler()} for each test method, or none when the test brings its own service. Test and
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
 * <p>Failures ({@code ExtensionConfigurationException} naming the class): no {@code @NatsSandbox}; an account
 * without an {@code authorization} section; a handler class without a public no-argument constructor; a server
 * older than 2.10 (the message names its version).
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
     * @return the decisions of the sandbox's service; {@code CalloutHandler.class} itself (the default) starts no
     *         service, for tests that start their own from the injected environment
     */
    Class<? extends CalloutHandler> handler() default CalloutHandler.class;

    /**
     * @return in operator mode, the user of the callout account whose JWT injected clients present with their
     *         credentials (not an auth user); empty to present none
     */
    String sentinel() default "";
}
