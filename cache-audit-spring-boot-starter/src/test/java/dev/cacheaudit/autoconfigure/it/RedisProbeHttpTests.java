package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.testsupport.RedisServer;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The probe of a key of a Redis cache: "GET the key in Redis before and after" in one call. It reads the entry's
 * remaining TTL with PTTL on the exact Redis key, and says absent once an eviction removed it.
 */
class RedisProbeHttpTests {

    private static final String CACHE = "probe-redis";

    @Test
    void probeReadsTheRemainingTtlOfTheRedisEntryAndSeesItsEviction() throws Exception {
        RedisServer.HostAndPort redis = RedisServer.require();
        String prefix = "probe-" + UUID.randomUUID() + ":";
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.SERVLET)
                .logStartupInfo(false)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.cache.type=redis",
                        "spring.cache.cache-names=" + CACHE,
                        "spring.cache.redis.key-prefix=" + prefix,
                        "spring.cache.redis.time-to-live=10m",
                        "spring.data.redis.host=" + redis.host(),
                        "spring.data.redis.port=" + redis.port(),
                        "spring.autoconfigure.exclude="
                                + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
                                + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                        "management.endpoints.web.exposure.include=cacheaudit",
                        "cache-audit.endpoint.probe.enabled=true")
                .run()) {
            StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
            String redisKey = prefix + CACHE + "::5";
            try {
                Stock stock = context.getBean(Stock.class);
                String url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
                        + "/actuator/cacheaudit/" + CACHE + "/probe?key=5";
                stock.find(5L);
                awaitKey(template, redisKey, true);

                String cached = get(url);
                assertThat(cached)
                        .contains("\"cached\":true", "\"state\":\"cached\"", "verification is off")
                        .contains("\"backend\":\"redis\"");
                Matcher ttl = Pattern.compile("\"ttlMillis\":(\\d+)").matcher(cached);
                assertThat(ttl.find()).as("ttlMillis in %s", cached).isTrue();
                assertThat(Long.parseLong(ttl.group(1))).isBetween(1L, 600_000L);

                stock.change(5L);
                awaitKey(template, redisKey, false);
                assertThat(get(url)).contains("\"cached\":false", "\"state\":\"absent\"", "\"ttlMillis\":null");
            } finally {
                template.delete(redisKey);
            }
        }
    }

    private static void awaitKey(StringRedisTemplate template, String key, boolean present) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Boolean.TRUE.equals(template.hasKey(key)) != present) {
            assertThat(System.nanoTime()).as("Redis key present=%s", present).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    record Level(long id, int quantity) implements Serializable {}

    static class Stock {

        @Cacheable(cacheNames = CACHE, key = "#id")
        public Level find(long id) {
            return new Level(id, 3);
        }

        @CacheEvict(cacheNames = CACHE, key = "#id")
        public void change(long id) {}
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Stock stock() {
            return new Stock();
        }
    }
}
