package dev.cacheaudit.sample.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cacheaudit.sample.SampleApplication;
import dev.cacheaudit.sample.demo.Demo;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserRepository;
import dev.cacheaudit.sample.user.UserService;
import dev.cacheaudit.test.CacheAuditTest;
import dev.cacheaudit.testsupport.RedisServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JUnit gate on the sample app: the same integration test, annotated {@code @CacheAuditTest}, fails on each
 * key bug (issue 3's scenarios) with the finding in its message, and passes once the fixes are in place.
 */
class CacheAuditGateTests {

    private static final String ENABLED = "cache-audit.sample.gate";

    @TempDir
    Path reports;

    @Test
    void integrationTestFailsOnTheKeyPrefixBugNamingTheFinding() {
        TestExecutionResult result = run(WithTheBug.class);

        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(result.getThrowable())
                .get()
                .asString()
                .contains("KEY_MISMATCH", "cache 'users'", "PrefixedKeyUserNameChanges#changeName(long,String)");
        assertThat(reports.resolve("report.json")).exists();
        assertThat(reports.resolve("report.html")).exists();
    }

    @Test
    void theSameIntegrationTestPassesOnceTheKeyIsFixed() {
        assertThat(run(WithTheFix.class).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void demoTrafficFailsOnEachKeyBug() {
        assertFails(KeyDefaultBug.class, "KEY_MISMATCH", "cache 'usersByEmail'");
        assertFails(KeyTypeBug.class, "KEY_TYPE_MISMATCH", "cache 'productCards'");
        assertFails(CacheNameBug.class, "CACHE_NAME_MISMATCH", "cache 'product'");
    }

    @Test
    void demoTrafficFailsOnTheHandWrittenRedisKeyBug() {
        RedisServer.require();
        assertFails(TemplateKeyBug.class, "KEY_MISMATCH", "cache 'sample:order'");
    }

    @Test
    void demoTrafficPassesWithEveryFixInPlace() {
        assertThat(run(AllFixed.class).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    private void assertFails(Class<?> testClass, String kind, String cache) {
        TestExecutionResult result = run(testClass);
        assertThat(result.getStatus()).as(testClass.getSimpleName()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(result.getThrowable()).get().asString().contains(kind, cache);
    }

    private TestExecutionResult run(Class<?> testClass) {
        List<Event> finished = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .configurationParameter(ENABLED, "true")
                .configurationParameter("cache-audit.junit.report-dir", reports.toString())
                .execute()
                .testEvents()
                .finished()
                .list();
        assertThat(finished).hasSize(1);
        return finished.get(0).getRequiredPayload(TestExecutionResult.class);
    }

    /** A rename through the back office, then a read: what a team's integration test does. */
    abstract static class RenameThenRead {

        @Autowired
        UserService users;

        @Autowired
        UserNameChanges changes;

        @Autowired
        UserRepository repository;

        @Test
        void renamedUserIsReadBack() {
            long id = repository.findAll().stream().map(User::getId).findFirst().orElseThrow();
            users.find(id);
            changes.changeName(id, "Renamed in a test");
            users.find(id);
        }
    }

    @Gate
    @CacheAuditTest
    @SpringBootTest(
            classes = SampleApplication.class,
            properties = {"sample.bugs=key-prefix", "spring.cache.type=simple", "spring.main.web-application-type=none"
            })
    static class WithTheBug extends RenameThenRead {}

    @Gate
    @CacheAuditTest
    @SpringBootTest(
            classes = SampleApplication.class,
            properties = {"sample.bugs=", "spring.cache.type=simple", "spring.main.web-application-type=none"})
    static class WithTheFix extends RenameThenRead {}

    /** The demo's traffic, every scenario included, as one integration test. */
    abstract static class DemoTraffic {

        @Autowired
        Demo demo;

        @Test
        void demoTraffic() {
            demo.drive();
        }
    }

    @Gate
    @CacheAuditTest
    @SpringBootTest(
            classes = SampleApplication.class,
            properties = {"sample.bugs=key-default", "spring.cache.type=simple", "spring.main.web-application-type=none"
            })
    static class KeyDefaultBug extends DemoTraffic {}

    @Gate
    @CacheAuditTest
    @SpringBootTest(
            classes = SampleApplication.class,
            properties = {"sample.bugs=key-type", "spring.cache.type=simple", "spring.main.web-application-type=none"})
    static class KeyTypeBug extends DemoTraffic {}

    @Gate
    @CacheAuditTest
    @SpringBootTest(
            classes = SampleApplication.class,
            properties = {"sample.bugs=cache-name", "spring.cache.type=simple", "spring.main.web-application-type=none"
            })
    static class CacheNameBug extends DemoTraffic {}

    @Gate
    @CacheAuditTest
    @SpringBootTest(
            classes = SampleApplication.class,
            properties = {"sample.bugs=template-key", "spring.main.web-application-type=none"})
    static class TemplateKeyBug extends DemoTraffic {

        /**
         * The tests' Redis, which the test above made sure of, with the keys and the fleet channel under a prefix of
         * this run's own and a fleet key given rather than left in Redis.
         */
        @DynamicPropertySource
        static void redis(DynamicPropertyRegistry properties) {
            RedisServer.HostAndPort redis = RedisServer.require();
            properties.add("spring.data.redis.host", redis::host);
            properties.add("spring.data.redis.port", redis::port);
            // Taken once: a supplier is asked again on every look-up of the property.
            String keyPrefix = RedisServer.uniqueKeyPrefix();
            String fleetKey = UUID.randomUUID().toString();
            properties.add("spring.cache.redis.key-prefix", () -> keyPrefix);
            properties.add("cache-audit.fleet.channel-prefix", () -> keyPrefix + "cache-audit:fleet");
            properties.add("cache-audit.fleet.secret", () -> fleetKey);
        }
    }

    @Gate
    @CacheAuditTest
    @SpringBootTest(
            classes = SampleApplication.class,
            properties = {"sample.bugs=", "spring.cache.type=simple", "spring.main.web-application-type=none"})
    static class AllFixed extends DemoTraffic {}

    /** Runs the test classes above only when a test starts them through EngineTestKit. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Gate.OnlyThroughEngineTestKit.class)
    @interface Gate {

        final class OnlyThroughEngineTestKit implements ExecutionCondition {

            @Override
            public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
                return context.getConfigurationParameter(ENABLED)
                        .filter("true"::equals)
                        .map(v -> ConditionEvaluationResult.enabled("started through EngineTestKit"))
                        .orElseGet(() -> ConditionEvaluationResult.disabled(
                                "meant to fail on a bug; run by CacheAuditGateTests through EngineTestKit"));
            }
        }
    }
}
