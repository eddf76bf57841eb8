package dev.cacheaudit.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Disables a {@link RequiresPostgres} class when its server does not accept connections, naming the way out. */
final class RequiresPostgresCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (PostgresServer.reachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL accepts connections at " + PostgresServer.address());
        }
        return ConditionEvaluationResult.disabled("PostgreSQL is not reachable at " + PostgresServer.address() + " ("
                + PostgresServer.jdbcUrl() + "): skipping this PostgreSQL integration test; point it at another server"
                + " with -D" + PostgresServer.ADDRESS_PROPERTY + "=host:port or =jdbc:postgresql://host:port/database");
    }
}
