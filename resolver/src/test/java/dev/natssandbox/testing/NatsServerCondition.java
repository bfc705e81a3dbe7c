package dev.natssandbox.testing;

import dev.natssandbox.server.ServerFinder;
import dev.natssandbox.server.ServerNotFoundException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link RequiresNatsServer}. */
final class NatsServerCondition implements ExecutionCondition {
    static final String REQUIRE_ALL = "NATS_SANDBOX_REQUIRE_ALL";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try {
            return ConditionEvaluationResult.enabled("nats-server at " + ServerFinder.system().find(null).path());
        } catch (ServerNotFoundException e) {
            if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ALL))) {
                throw new ExtensionConfigurationException(REQUIRE_ALL + "=true but " + e.getMessage(), e);
            }
            return ConditionEvaluationResult.disabled("skipped because nats-server is missing: " + e.getMessage());
        }
    }
}
