package dev.cacheaudit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.AuditPolling;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.internal.engine.ManualClock;
import dev.cacheaudit.core.verify.CheckTarget;
import dev.cacheaudit.core.verify.Lookup;
import dev.cacheaudit.core.verify.VerificationBackend;
import dev.cacheaudit.core.verify.VerificationSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus rules in {@code docs/} query exactly the series the meters become in
 * Prometheus: every metric they name is in a real scrape of the auditor's meters (verification on, a stale read
 * found) and of Micrometer's standard cache meters, which Boot binds. Renaming a meter breaks this test.
 */
class DashboardAndRulesTests {

    private static final Path DASHBOARD = Path.of("../docs/grafana/cache-audit.json");

    private static final Path RULES = Path.of("../docs/prometheus/cache-audit-rules.yml");

    private static final Pattern METRIC = Pattern.compile("\\b(cache_[a-z0-9_]+)\\b");

    private static Set<String> scraped;

    record User(String name, int version) {}

    @BeforeAll
    static void scrapeEveryMeter() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<Object, Object> cache = new ConcurrentHashMap<>();
        Map<Object, Object> source = new ConcurrentHashMap<>();
        VerificationBackend backend = new VerificationBackend() {
            @Override
            public Lookup cached(CheckTarget target) {
                Object value = cache.get(Long.valueOf(target.printedKey()));
                return value != null ? Lookup.of(value) : Lookup.ABSENT;
            }

            @Override
            public Lookup source(CheckTarget target) {
                Object value = source.get(Long.valueOf(target.printedKey()));
                return value != null ? Lookup.of(value) : Lookup.ABSENT;
            }

            @Override
            public boolean canVerify(CheckTarget target) {
                return true;
            }
        };
        ManualClock clock = new ManualClock();
        try (CacheAudit audit = CacheAudit.builder()
                .withoutFindingLog()
                .clock(clock)
                .ticker(clock)
                .verification(
                        new VerificationSettings(
                                1.0, 100, Duration.ofMillis(200), List.of(Duration.ofMillis(100)), 100, Map.of()),
                        backend,
                        1.0)
                .build()
                .start()) {
            new CacheAuditMetrics(audit, new MeterSettings(100, false)).bindTo(registry);
            new StandardCacheMeters("users").bindTo(registry);
            // What the cache decorator does on a hit: count it, then hand the read over.
            audit.counters("users").hit();
            cache.put(42L, new User("Ada", 1));
            source.put(42L, new User("Ada Lovelace", 1));
            audit.submit(new CacheRead("users", 42L, true, "S#find", clock.nanoTime()));
            assertThat(AuditPolling.until(
                            audit,
                            Duration.ofSeconds(10),
                            () -> audit.verificationStats().count("users", Outcome.STALE) == 1))
                    .as("the hit checked and found stale")
                    .isTrue();
            // The grace period passes; the recheck confirms the stale read.
            clock.advance(Duration.ofSeconds(1));
            assertThat(AuditPolling.until(audit, Duration.ofSeconds(10), () -> audit.findings().findings().stream()
                            .map(Finding::kind)
                            .anyMatch(FindingKind.STALE_READ::equals)))
                    .as("a stale read found")
                    .isTrue();
            scraped = registry.scrape()
                    .lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0])
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws IOException {
        assertThat(metricsIn(DASHBOARD)).isNotEmpty().allSatisfy(metric -> assertThat(scraped)
                .as("series scraped from the meters")
                .contains(metric));
    }

    @Test
    void everyMetricTheAlertRulesQueryIsExported() throws IOException {
        assertThat(metricsIn(RULES)).isNotEmpty().allSatisfy(metric -> assertThat(scraped)
                .as("series scraped from the meters")
                .contains(metric));
    }

    @Test
    void theDashboardShowsTheMetersMadeForIt() throws IOException {
        Set<String> queried = metricsIn(DASHBOARD);
        for (String meter : List.of(
                MeterNames.FINDINGS_ACTIVE,
                MeterNames.FINDINGS,
                MeterNames.VERIFICATIONS,
                MeterNames.CONSISTENCY,
                MeterNames.STALENESS,
                MeterNames.WRITES,
                MeterNames.OPERATIONS,
                MeterNames.EVICTION_DURATION,
                MeterNames.EVENTS_QUEUED,
                MeterNames.EVENTS_DROPPED,
                MeterNames.INTERNAL_ERRORS,
                MeterNames.STATE_SIZE,
                "cache.gets")) {
            String prefix = meter.replace('.', '_');
            assertThat(queried).as("a panel queries %s", meter).anyMatch(metric -> metric.startsWith(prefix));
        }
        String dashboard = Files.readString(DASHBOARD);
        assertThat(dashboard)
                .contains("\"type\": \"datasource\"")
                .contains("\"uid\": \"${datasource}\"")
                .doesNotContain("\"uid\": \"prometheus\"");
    }

    private static Set<String> metricsIn(Path file) throws IOException {
        Set<String> metrics = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        return metrics;
    }

    /** The meters every Boot cache binder registers (Micrometer's {@link CacheMeterBinder}), here for a map. */
    private static final class StandardCacheMeters extends CacheMeterBinder<Map<Object, Object>> {

        StandardCacheMeters(String name) {
            super(new ConcurrentHashMap<>(), name, Tags.empty());
        }

        @Override
        protected @Nullable Long size() {
            return 0L;
        }

        @Override
        protected long hitCount() {
            return 0;
        }

        @Override
        protected @Nullable Long missCount() {
            return 0L;
        }

        @Override
        protected @Nullable Long evictionCount() {
            return 0L;
        }

        @Override
        protected long putCount() {
            return 0;
        }

        @Override
        protected void bindImplementationSpecificMetrics(MeterRegistry registry) {}
    }
}
