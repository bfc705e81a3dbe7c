package dev.natssandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the sandbox server's URL (e.g. {@code nats://127.0.0.1:34073}; in a cluster, server {@link #server()}'s)
 * into a {@code String} or {@code java.net.URI} parameter or field. Any other type fails as described at {@link NatsUser}:
 * {@code can only resolve @NatsServerUrl parameter of type java.lang.String or java.net.URI but was: int}.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NatsServerUrl {
    /** @return in a cluster sandbox, the index of the server whose URL is injected, from 0 */
    int server() default 0;
}
