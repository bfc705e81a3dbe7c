package dev.natssandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a {@code io.nats.client.Connection} admitted through auth callout ({@link NatsCallout @NatsCallout}) with
 * these credentials: {@link #user()} and {@link #password()}, or {@link #token()}. A refused client fails the test
 * with the server's reason; to assert a refusal, inject {@link dev.natssandbox.callout.CalloutClients} instead.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CalloutClient {
    /** @return the user name the client sends */
    String user() default "";

    /** @return the password it sends */
    String password() default "";

    /** @return the auth token it sends (instead of user and password) */
    String token() default "";
}
