package dev.natssandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An import of another {@link Account}'s export: {@code @Import(account = "Orders", subject = "orders.>")}. */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Import {
    /** @return the exporting account */
    String account();

    /** @return the subject as exported */
    String subject();

    /** @return where it appears in the importing account; empty for the same subject */
    String localSubject() default "";

    /** @return for a stream import: let message traces continue from the exporter into this account (2.11+) */
    boolean allowTrace() default false;
}
