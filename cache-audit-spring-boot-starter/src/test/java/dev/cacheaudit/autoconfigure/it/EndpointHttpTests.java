package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@code /actuator/cacheaudit} over HTTP, as people on call use it: the report and its filters, one cache's summary,
 * the DELETE of acknowledged findings, and the probe of one key: stale when the database changed behind the cache,
 * fresh after the fix (an eviction on the write path), with the key's timeline; keys redacted, values never shown.
 */
class EndpointHttpTests {

    private static final String CACHE = "probe-prices";

    private static ConfigurableApplicationContext context;

    private static Prices prices;

    private static String base;

    @BeforeAll
    static void start() {
        context = web(
                "cache-audit.endpoint.probe.enabled=true",
                "cache-audit.verification.enabled=true",
                "cache-audit.verification.sample-rate=1.0",
                "cache-audit.verification.grace=200ms",
                "cache-audit.verification.windows=100ms");
        prices = context.getBean(Prices.class);
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/actuator/cacheaudit";
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    static ConfigurableApplicationContext web(String... properties) {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.SERVLET)
                .logStartupInfo(false)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.cache.type=simple",
                        "spring.cache.cache-names=" + CACHE,
                        "spring.autoconfigure.exclude="
                                + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
                                + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
                                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                        "management.endpoints.web.exposure.include=cacheaudit")
                .properties(properties)
                .run();
    }

    @Test
    void probeAnswersStaleForAKeyChangedBehindTheCacheAndFreshAfterTheFix() throws Exception {
        prices.changeBehindTheCache(7L, 4711);
        prices.find(7L);

        String fresh = probe(7);
        assertThat(fresh).contains("\"state\":\"fresh\"", "\"cached\":true", "\"keyType\":\"Long\"");

        // What a JdbcTemplate update with no eviction does: the database changes, the cache does not.
        prices.changeBehindTheCache(7L, 4822);
        String stale = probe(7);
        assertThat(stale)
                .contains("\"state\":\"stale\"", "\"differingFields\":[\"amount\"]", "\"source\":\"read\"")
                .contains("\"event\":\"load\"", "\"event\":\"put\"");
        assertThat(stale).as("no value, no raw key").doesNotContain("4711", "4822", "\"key\":\"7\"");

        // The fix: the write path evicts.
        prices.change(7L, 4933);
        prices.find(7L);
        String fixed = probe(7);
        assertThat(fixed).contains("\"state\":\"fresh\"", "\"event\":\"evict\"").doesNotContain("4933");

        assertThat(get(base + "/" + CACHE + "/probe?key=8")).contains("\"state\":\"absent\"", "\"cached\":false");
        assertThat(status(HttpRequest.newBuilder(URI.create(base + "/no-such-cache/probe?key=7"))
                        .GET()
                        .build()))
                .isEqualTo(404);
    }

    @Test
    void findingsAreFilteredByKindAndClearedOnceAcknowledged() throws Exception {
        CacheAudit audit = context.getBean(CacheAudit.class);
        prices.changeBehindTheCache(9L, 100);
        prices.find(9L);
        prices.changeBehindTheCache(9L, 200);
        prices.find(9L);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (audit.findings().findings().stream().map(Finding::kind).noneMatch(FindingKind.STALE_READ::equals)) {
            assertThat(System.nanoTime()).as("a stale read found").isLessThan(deadline);
            Thread.onSpinWait();
        }

        assertThat(get(base + "?kind=STALE_READ"))
                .contains("\"schema\":\"cache-audit-report/1\"", "\"kind\":\"STALE_READ\"")
                .containsPattern("\"cause\":\\{\"causedBy\":\"(no write seen|FOREIGN_WRITE)\"")
                .contains("\"timeline\":[\"t+0 load");
        assertThat(get(base + "/" + CACHE)).containsPattern("\"causedBy\":\"(no write seen|FOREIGN_WRITE)\"");
        assertThat(get(base + "?kind=KEY_MISMATCH")).contains("\"findings\":[]");
        assertThat(get(base + "/" + CACHE)).contains("\"name\":\"" + CACHE + "\"", "\"kind\":\"STALE_READ\"");

        HttpResponse<String> deleted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "?kind=STALE_READ&cache=" + CACHE))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).containsPattern("\"cleared\":[1-9]");
        assertThat(get(base + "?kind=STALE_READ")).contains("\"findings\":[]");
    }

    @Test
    void cacheSummaryAnswersTheReportRowCountersAtTopLevelWithItsFindings() throws Exception {
        prices.find(11L);

        assertThat(get(base + "/" + CACHE))
                .contains("\"name\":\"" + CACHE + "\"", "\"backend\":\"", "\"verifications\":", "\"findings\":[")
                .containsPattern(
                        "\"gets\":\\d+,\"hits\":\\d+,\"misses\":\\d+,\"puts\":\\d+,\"evictions\":\\d+,\"clears\":\\d+")
                .as("the report's lineage stays in the report; the summary is counters and findings")
                .doesNotContain("\"tables\"", "\"cache\":{");
    }

    @Test
    void probeIsOffUnlessEnabled() throws Exception {
        try (ConfigurableApplicationContext off = web()) {
            String url = "http://127.0.0.1:" + off.getEnvironment().getProperty("local.server.port")
                    + "/actuator/cacheaudit/" + CACHE + "/probe?key=7";
            assertThat(get(url))
                    .contains("cache-audit.endpoint.probe.enabled=true")
                    .doesNotContain("\"state\"");
        }
    }

    /** The probe of a key once what the application did so far is analysed: the timeline shows analysed events. */
    private static String probe(long key) throws IOException, InterruptedException {
        assertThat(context.getBean(CacheAudit.class).awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        return get(base + "/" + CACHE + "/probe?key=" + key);
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    private static int status(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    record Price(long id, int amount) {}

    static class Prices {

        final Map<Long, Price> database = new ConcurrentHashMap<>();

        @Cacheable(cacheNames = CACHE, key = "#id")
        public Price find(long id) {
            return database.get(id);
        }

        /** What a JdbcTemplate update with no eviction does. */
        public void changeBehindTheCache(long id, int amount) {
            database.put(id, new Price(id, amount));
        }

        @CacheEvict(cacheNames = CACHE, key = "#id")
        public void change(long id, int amount) {
            database.put(id, new Price(id, amount));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Prices prices() {
            return new Prices();
        }
    }
}
