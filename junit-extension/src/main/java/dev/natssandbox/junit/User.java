package dev.natssandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user of an {@link Account}, declared the way {@code nsc add user} flags read:
 * {@code @User(name = "TestService", allowPub = "_INBOX.>", allowSub = "req.a")}. Without permissions the user may
 * publish and subscribe to everything in its account; limits default to unlimited ({@code -1}).
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface User {
    /** @return the user's name */
    String name();

    /** @return subjects the user may publish to ({@code --allow-pub}) */
    String[] allowPub() default {};

    /** @return subjects the user may not publish to ({@code --deny-pub}) */
    String[] denyPub() default {};

    /** @return subjects (optionally {@code "subject queue"}) the user may subscribe to ({@code --allow-sub}) */
    String[] allowSub() default {};

    /** @return subjects the user may not subscribe to ({@code --deny-sub}) */
    String[] denySub() default {};

    /** @return replies allowed per received request ({@code --allow-pub-response}); 0 for no response permission */
    int responses() default 0;

    /** @return how long a reply subject stays allowed, e.g. {@code "5s"} ({@code --response-ttl}); empty for no limit */
    String responseTtl() default "";

    /** @return maximum subscriptions, -1 unlimited */
    long maxSubscriptions() default -1;

    /** @return maximum message payload in bytes, -1 unlimited */
    long maxPayload() default -1;

    /** @return maximum data in bytes, -1 unlimited */
    long maxData() default -1;

    /** @return CIDR blocks the user may connect from, e.g. {@code "127.0.0.1/32"}; empty for anywhere */
    String[] sourceNetworks() default {};

    /** @return whether the user's JWT is a bearer token */
    boolean bearer() default false;
}
