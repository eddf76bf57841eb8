package dev.cacheaudit.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that some of its tests are meant to fail: it runs only when a test starts it through
 * {@code EngineTestKit} with {@value #ENABLED} set, never when an IDE or the build runs the package.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Scenario.OnlyThroughEngineTestKit.class)
@interface Scenario {

    String ENABLED = "cache-audit.test.scenarios";

    /** Enables the class only when the launcher was given {@value Scenario#ENABLED}{@code =true}. */
    final class OnlyThroughEngineTestKit implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED)
                    .filter("true"::equals)
                    .map(v -> ConditionEvaluationResult.enabled("started by a test through EngineTestKit"))
                    .orElse(ConditionEvaluationResult.disabled(
                            "a scenario whose tests are meant to fail; run through EngineTestKit only"));
        }
    }
}
