package dev.natssandbox.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only where a nats-server binary can be found (see
 * {@link dev.natssandbox.internal.server.ServerFinder}); elsewhere it is skipped, or fails when the environment variable
 * {@code NATS_SANDBOX_REQUIRE_ALL} is {@code true} (as in CI).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ExternalTools.NatsServerCondition.class)
public @interface RequiresNatsServer {
}
