package dev.cacheaudit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.sample.demo.Demo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a team watching the sample app sees: Boot's own cache meters next to the auditor's, over Actuator's metrics and
 * Prometheus endpoints; and the same app with the auditor switched off, for comparison.
 */
class ObservabilityTests {

    @Test
    void actuatorListsBootsCacheMetersBesideTheAuditorsWithTheStarterOn() throws Exception {
        String[] args =
                SampleApps.onRedis(SampleApps.assumeRedis(), "--server.port=0", "--spring.main.banner-mode=off");
        try (ConfigurableApplicationContext context = SampleApplication.application(
                        new PrintStream(OutputStream.nullOutputStream()), args)
                .run(args)) {
            assertThat(context.getBeansOfType(CacheAudit.class)).hasSize(1);
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            get(base + "/users/1");
            get(base + "/users/1");

            String metrics = get(base + "/actuator/metrics");
            assertThat(metrics)
                    .contains("\"cache.gets\"", "\"cache.puts\"", "\"cache.removals\"", "\"cache.audit.operations\"");

            String prometheus = get(base + "/actuator/prometheus");
            assertThat(prometheus)
                    .containsPattern("cache_gets_total\\{[^}]*cache=\"users\"[^}]*result=\"hit\"")
                    .containsPattern("cache_audit_operations_total\\{[^}]*cache=\"users\"")
                    .containsPattern("cache_audit_findings_total\\{[^}]*cache=\"users\"[^}]*kind=\"KEY_MISMATCH\"");
        }
    }

    @Test
    void theDemoRunsWithTheAuditorSwitchedOff() {
        SampleApps.assumeRedis();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ConfigurableApplicationContext context =
                SampleApps.start(out, "--demo", "--cache-audit.enabled=false", "--sample.bugs=key-prefix");
        assertThat(context.getBeansOfType(CacheAudit.class)).isEmpty();

        int exitCode = Demo.runAndClose(context, out);

        assertThat(exitCode).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("cache-audit is disabled (cache-audit.enabled=false)")
                .doesNotContain("KEY_MISMATCH");
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }
}
