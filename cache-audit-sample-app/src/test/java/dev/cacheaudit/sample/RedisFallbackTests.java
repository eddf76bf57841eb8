package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.sample.demo.Demo;
import dev.cacheaudit.sample.demo.DemoProperties;
import dev.cacheaudit.sample.demo.TrafficLog;
import dev.cacheaudit.sample.order.OrderController;
import dev.cacheaudit.sample.product.ProductController;
import dev.cacheaudit.sample.user.User;
import dev.cacheaudit.sample.user.UserController;
import dev.cacheaudit.sample.user.UserRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Start-up with no Redis to reach: the probe picks the in-memory cache and the app runs on it. */
class RedisFallbackTests {

    private static int closedPort;

    private static String startOutput;

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startWithoutRedis() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        context = SampleApps.start(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), "--spring.data.redis.port=" + closedPort);
        startOutput = bytes.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void probeFindsNothingOnAClosedPort() {
        assertThat(RedisProbe.reachable("127.0.0.1", closedPort, RedisProbe.TIMEOUT))
                .isFalse();
    }

    @Test
    void unreachableRedisIsReportedInOneLineAndSelectsTheSimpleCache() {
        assertThat(startOutput.lines())
                .singleElement()
                .asString()
                .contains("127.0.0.1:" + closedPort)
                .contains("falls back to an in-memory cache");
        assertThat(context.getEnvironment().getProperty("spring.cache.type")).isEqualTo("simple");
        assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
    }

    @Test
    void demoTrafficRunsOnInMemoryCachesWithoutFindings() throws InterruptedException {
        TrafficLog traffic = context.getBean(Demo.class).drive();
        Thread.sleep(context.getBean(DemoProperties.class).getSettle().toMillis());
        CacheAudit audit = context.getBean(CacheAudit.class);
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        AuditReport report = audit.report();
        assertThat(traffic.staleAnswers()).isEmpty();
        assertThat(report.findings()).isEmpty();
        assertThat(report.caches()).isNotEmpty().allSatisfy(cache -> assertThat(cache.backend())
                .isEqualTo("map"));
        assertThat(report.caches())
                .filteredOn(cache -> CacheNames.ALL.contains(cache.name()))
                .hasSameSizeAs(CacheNames.ALL)
                .allSatisfy(cache -> assertThat(cache.hits()).isPositive());
    }

    @Test
    void restEndpointsReturnTheRenamedUserAfterAPut() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(
                        context.getBean(UserController.class),
                        context.getBean(ProductController.class),
                        context.getBean(OrderController.class))
                .build();
        User user = context.getBean(UserRepository.class).findAll().get(0);
        long id = Objects.requireNonNull(user.getId());
        String renamed = user.getName() + " via REST";
        mvc.perform(get("/users/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(user.getEmail()));
        mvc.perform(put("/users/{id}", id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"" + renamed + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(renamed));
        mvc.perform(get("/users/{id}", id)).andExpect(jsonPath("$.name").value(renamed));
        mvc.perform(get("/users").param("email", user.getEmail()))
                .andExpect(jsonPath("$.name").value(renamed));
        mvc.perform(get("/users/{id}", Long.MAX_VALUE)).andExpect(status().isNotFound());
    }
}
