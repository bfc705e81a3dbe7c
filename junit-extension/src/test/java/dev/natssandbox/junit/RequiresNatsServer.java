package dev.natssandbox.junit;

import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.server.ServerNotFoundException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Skips an integration test class when no nats-server binary can be found, unless the environment variable
 * {@code NATS_SANDBOX_REQUIRE_ALL} is {@code true}: then the missing server fails the class (CI sets it, so a
 * misconfigured machine cannot pass by skipping everything).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresNatsServer.Condition.class)
@interface RequiresNatsServer {

    /** Decides once per class, with the same search the sandbox's binary launcher uses. */
    final class Condition implements ExecutionCondition {
        static final String REQUIRE_ALL = "NATS_SANDBOX_REQUIRE_ALL";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            try {
                ServerFinder.Found found = ServerFinder.system().find(null);
                return ConditionEvaluationResult.enabled("nats-server found: " + found.path());
            } catch (ServerNotFoundException e) {
                if (Boolean.parseBoolean(System.getenv(REQUIRE_ALL))) {
                    throw new IllegalStateException(REQUIRE_ALL + " is true but " + e.getMessage(), e);
                }
                return ConditionEvaluationResult.disabled("skipped: " + e.getMessage() + " (set " + REQUIRE_ALL
                        + "=true to fail instead)");
            }
        }
    }
}
