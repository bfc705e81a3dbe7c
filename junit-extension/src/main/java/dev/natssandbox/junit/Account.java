package dev.natssandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An account of a {@link NatsSandbox}, with its users, exports and imports:
 *
 * <pre>{@code
 * @Account(name = "Orders", exportServices = "orders.>", users = @User(name = "OrderService"))
 * @Account(name = "Shop", importServices = @Import(account = "Orders", subject = "orders.>"), users = @User(name = "Shop"))
 * }</pre>
 * Limits default to unlimited ({@code -1}).
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Account {
    /** @return the account's name */
    String name();

    /** @return the account's users */
    User[] users() default {};

    /** @return subjects exported as public services */
    String[] exportServices() default {};

    /** @return subjects exported as public streams */
    String[] exportStreams() default {};

    /** @return services imported from other accounts */
    Import[] importServices() default {};

    /** @return streams imported from other accounts */
    Import[] importStreams() default {};

    /** @return maximum client connections, -1 unlimited */
    long maxConnections() default -1;

    /** @return maximum message payload in bytes, -1 unlimited */
    long maxPayload() default -1;

    /** @return maximum subscriptions, -1 unlimited */
    long maxSubscriptions() default -1;

    /** @return maximum data in bytes, -1 unlimited */
    long maxData() default -1;

    /**
     * @return subject the server publishes message traces of this account to (nats-server 2.11+; an older server
     *         is refused at start); empty for no tracing
     */
    String traceDestination() default "";

    /** @return percentage of sampled messages traced, 1 to 100; used with {@link #traceDestination()} */
    int traceSampling() default 100;
}
