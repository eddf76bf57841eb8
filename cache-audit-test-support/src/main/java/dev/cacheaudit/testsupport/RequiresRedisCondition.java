package dev.cacheaudit.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables a {@link RequiresRedis} class when {@link RedisServer#find()} has no Redis for it, with the reason
 * {@link RedisServer#require()} gives. Finding one may start the Testcontainers container, as the class would anyway.
 */
final class RequiresRedisCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RedisServer.HostAndPort found = RedisServer.find();
        if (found != null) {
            return ConditionEvaluationResult.enabled("Redis accepts connections at " + found);
        }
        return ConditionEvaluationResult.disabled(RedisServer.unreachableReason());
    }
}
