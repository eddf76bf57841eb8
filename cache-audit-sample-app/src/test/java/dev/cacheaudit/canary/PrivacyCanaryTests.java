package dev.cacheaudit.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cacheaudit.canary.CanaryApp.CanaryService;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.test.CacheAuditTest;
import dev.cacheaudit.testsupport.RedisServer;
import dev.cacheaudit.testsupport.RequiresRedis;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The privacy canary: traffic whose keys and values carry a random marker — in identifiers, logins, e-mail
 * addresses, composite keys, hand-written Redis keys and cached values — raises a key mismatch, an uncovered write
 * and a stale read (verification on), and then every output channel is searched for the marker: the report (JSON and
 * HTML, from shutdown and from the JUnit gate), the captured logs, the JUnit gate's failure message, the Actuator
 * endpoint and every meter's name and tags. With the default redaction none holds it; with {@code plain} the same
 * run shows it, which proves the search can fail.
 */
@ExtendWith(OutputCaptureExtension.class)
@RequiresRedis
class PrivacyCanaryTests {

    private static final String ENABLED = "cache-audit.sample.canary";

    /**
     * Letters only, so that it hides inside words (logins), and long enough never to occur by chance; new for each
     * run, so that no run finds what an earlier one left in Redis.
     */
    static String MARKER = marker();

    /** What the gated run saw on each channel, by channel name. */
    static final Map<String, String> channels = new LinkedHashMap<>();

    static Path reportDir;

    @TempDir
    Path reports;

    @Test
    void noOutputChannelShowsTheMarkerByDefault(CapturedOutput output) throws IOException {
        Map<String, String> seen = run(ShapeRedaction.class, output);

        assertThat(seen.get("live-report.json"))
                .as("the findings the canary needs were raised")
                .contains("KEY_MISMATCH", "UNCOVERED_WRITE", "STALE_READ");
        seen.forEach((channel, text) -> assertThat(text.toLowerCase(java.util.Locale.ROOT))
                .as("channel %s", channel)
                .isNotBlank()
                .doesNotContain(MARKER));
    }

    @Test
    void plainRedactionShowsTheMarkerSoTheSearchCanFail(CapturedOutput output) throws IOException {
        Map<String, String> seen = run(PlainRedaction.class, output);

        for (String channel : List.of("report.json", "live-report.json", "report.html", "gate", "endpoint")) {
            assertThat(seen.get(channel)).as("channel %s", channel).contains(MARKER);
        }
        assertThat(seen.get("logs")).contains("cache-audit.redaction.keys=plain");
    }

    private Map<String, String> run(Class<?> testClass, CapturedOutput output) throws IOException {
        channels.clear();
        reportDir = reports;
        MARKER = marker();
        List<Event> finished = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .configurationParameter(ENABLED, "true")
                .configurationParameter("cache-audit.junit.report-dir", reports.toString())
                .execute()
                .testEvents()
                .finished()
                .list();
        assertThat(finished).hasSize(1);
        TestExecutionResult result = finished.get(0).getRequiredPayload(TestExecutionResult.class);
        assertThat(result.getStatus())
                .as("the gate fails the test on the findings: %s", result.getThrowable())
                .isEqualTo(TestExecutionResult.Status.FAILED);
        Throwable failure = result.getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class);
        Map<String, String> seen = new LinkedHashMap<>(channels);
        seen.put("gate", String.valueOf(failure.getMessage()));
        seen.put("report.json", Files.readString(reports.resolve("report.json")));
        seen.put("report.html", Files.readString(reports.resolve("report.html")));
        seen.put("shutdown-report.json", Files.readString(reports.resolve("shutdown-report.json")));
        seen.put("live-report.json", Files.readString(reports.resolve("live-report.json")));
        seen.put("logs", output.getAll());
        return seen;
    }

    private static String marker() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder("qz");
        for (int i = 0; i < 14; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    /** Traffic with the marker everywhere, raising the three findings, then a look at the live channels. */
    abstract static class CanaryTraffic {

        private static final Set<FindingKind> EXPECTED =
                EnumSet.of(FindingKind.KEY_MISMATCH, FindingKind.UNCOVERED_WRITE, FindingKind.STALE_READ);

        @Autowired
        CanaryService service;

        @Autowired
        CanaryAccountRepository repository;

        @Autowired
        JdbcTemplate jdbc;

        @Autowired
        StringRedisTemplate redis;

        @Autowired
        CacheAudit audit;

        @Autowired
        MeterRegistry meters;

        @Autowired
        Environment environment;

        @DynamicPropertySource
        static void reportPathAndRedis(DynamicPropertyRegistry registry) {
            registry.add(
                    "cache-audit.report.path",
                    () -> reportDir.resolve("shutdown-report.json").toString());
            // The tests' Redis, which @RequiresRedis on the outer class made sure of, with the cache's keys and the
            // fleet channel under a prefix of this run's own, and a fleet key given rather than left in Redis.
            RedisServer.HostAndPort redis = RedisServer.require();
            String keyPrefix = RedisServer.uniqueKeyPrefix();
            String fleetKey = UUID.randomUUID().toString();
            registry.add("spring.data.redis.host", redis::host);
            registry.add("spring.data.redis.port", redis::port);
            registry.add("spring.cache.redis.key-prefix", () -> keyPrefix);
            registry.add("cache-audit.fleet.channel-prefix", () -> keyPrefix + "cache-audit:fleet");
            registry.add("cache-audit.fleet.secret", () -> fleetKey);
        }

        @Test
        void trafficWithTheMarker() throws Exception {
            String bypassed = MARKER + "42";
            String uncovered = MARKER + "7";
            repository.save(new CanaryAccount(bypassed, "Name " + MARKER, "ann." + MARKER + "@localhost"));
            repository.save(new CanaryAccount(uncovered, "Name " + MARKER, MARKER + "@localhost"));
            for (String person : List.of("alice", "bob", "carol", "dave", "erin")) {
                service.byLogin(MARKER + person);
                service.byLogin(MARKER + person);
                service.byEmail(person + "." + MARKER + "@localhost");
                service.pair(MARKER + person, 7);
            }
            service.loginChanged(MARKER + "alice");
            service.emailChanged("alice." + MARKER + "@localhost");
            String redisKey = "canary:" + MARKER + ":order";
            redis.opsForValue().set(redisKey, "value of " + MARKER, Duration.ofMinutes(1));
            redis.opsForValue().get(redisKey);
            redis.delete("canary:" + MARKER + "x:order");
            redis.delete(redisKey);

            service.account(bypassed);
            service.account(uncovered);
            jdbc.update("update canary_account set name = ? where id = ?", "Changed " + MARKER, bypassed);
            CanaryAccount account = repository.findById(uncovered).orElseThrow();
            account.setName("Saved " + MARKER);
            repository.save(account);

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!raised().containsAll(EXPECTED) && System.nanoTime() < deadline) {
                service.account(bypassed);
                Thread.sleep(100);
            }
            assertThat(raised()).containsAll(EXPECTED);
            // The report the application writes at shutdown, written now: the gate clears the findings it reports.
            audit.writeReport(reportDir.resolve("live-report.json"));

            String port = environment.getProperty("local.server.port");
            HttpResponse<String> endpoint = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/cacheaudit"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(endpoint.statusCode()).isEqualTo(200);
            channels.put("endpoint", endpoint.body());
            channels.put(
                    "meters",
                    meters.getMeters().stream()
                            .filter(meter -> meter.getId().getName().startsWith("cache.audit"))
                            .map(meter -> meter.getId().toString())
                            .collect(Collectors.joining("\n")));
        }

        private Set<FindingKind> raised() {
            assertThat(audit.awaitQuiescence(Duration.ofSeconds(2)))
                    .as("events analysed")
                    .isTrue();
            return audit.findings().findings().stream().map(Finding::kind).collect(Collectors.toSet());
        }
    }

    @Canary
    @CacheAuditTest
    @DirtiesContext
    @SpringBootTest(
            classes = CanaryApp.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "spring.cache.type=redis",
                "spring.cache.redis.time-to-live=60s",
                "spring.jmx.enabled=false",
                "management.endpoints.web.exposure.include=cacheaudit",
                "cache-audit.caches.canaryAccounts.entity=dev.cacheaudit.canary.CanaryAccount",
                "cache-audit.coverage.window=300ms",
                "cache-audit.recording.hit-sample-rate=1.0",
                "cache-audit.verification.enabled=true",
                "cache-audit.verification.sample-rate=1.0",
                "cache-audit.verification.max-per-second=1000",
                "cache-audit.verification.grace=300ms",
                "cache-audit.verification.windows=100ms,400ms"
            })
    static class ShapeRedaction extends CanaryTraffic {}

    @Canary
    @CacheAuditTest
    @DirtiesContext
    @SpringBootTest(
            classes = CanaryApp.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "cache-audit.redaction.keys=plain",
                "spring.cache.type=redis",
                "spring.cache.redis.time-to-live=60s",
                "spring.jmx.enabled=false",
                "management.endpoints.web.exposure.include=cacheaudit",
                "cache-audit.caches.canaryAccounts.entity=dev.cacheaudit.canary.CanaryAccount",
                "cache-audit.coverage.window=300ms",
                "cache-audit.recording.hit-sample-rate=1.0",
                "cache-audit.verification.enabled=true",
                "cache-audit.verification.sample-rate=1.0",
                "cache-audit.verification.max-per-second=1000",
                "cache-audit.verification.grace=300ms",
                "cache-audit.verification.windows=100ms,400ms"
            })
    static class PlainRedaction extends CanaryTraffic {}

    /** Runs the classes above only when {@link PrivacyCanaryTests} starts them through EngineTestKit. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Canary.OnlyThroughEngineTestKit.class)
    @interface Canary {

        final class OnlyThroughEngineTestKit implements ExecutionCondition {

            @Override
            public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
                return context.getConfigurationParameter(ENABLED)
                        .filter("true"::equals)
                        .map(v -> ConditionEvaluationResult.enabled("started through EngineTestKit"))
                        .orElseGet(() ->
                                ConditionEvaluationResult.disabled("run by PrivacyCanaryTests through EngineTestKit"));
            }
        }
    }
}
