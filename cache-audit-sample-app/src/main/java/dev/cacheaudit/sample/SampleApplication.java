package dev.cacheaudit.sample;

import dev.cacheaudit.sample.demo.Demo;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The sample service. Without arguments it serves the REST API on port 8080; with {@code --demo} it drives traffic,
 * prints what cache-audit saw and exits. When Redis cannot be reached it falls back to an in-memory cache.
 */
@SpringBootApplication
@EnableCaching
@ConfigurationPropertiesScan
public class SampleApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = application(System.out, args).run(args);
        if (Demo.requested(args)) {
            System.exit(Demo.runAndClose(context, System.out));
        }
    }

    /**
     * The application with its default properties: the demo's when {@code --demo} is given, and
     * {@code spring.cache.type=simple} when the cache would be Redis but Redis is unreachable, which is then said in
     * one line on {@code out}, and the auditor's fleet channel under {@code spring.cache.redis.key-prefix} when one is
     * given. Only the command line, system properties and environment variables are consulted for the Redis host and
     * port and the key prefix.
     */
    public static SpringApplication application(PrintStream out, String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (Demo.requested(args)) {
            defaults.putAll(Demo.DEFAULT_PROPERTIES);
            // A name of its own, so that the other instances a demo may start reach the same in-memory database.
            defaults.put("spring.datasource.generate-unique-name", "false");
            defaults.put("spring.datasource.name", "cache-audit-sample-" + UUID.randomUUID());
            if (environment.getProperty("sample.bugs", "").contains("foreign-writer")) {
                // FOREIGN_WRITE on Redis is seen through keyspace notifications, which this turns on where allowed.
                defaults.put("cache-audit.fleet.keyspace-events", "auto");
            }
        }
        String keyPrefix = environment.getProperty("spring.cache.redis.key-prefix", "");
        if (!keyPrefix.isEmpty()) {
            // The auditor's fleet channel and key join the sample's other names in Redis (RedisNamespace).
            defaults.put("cache-audit.fleet.channel-prefix", keyPrefix + "cache-audit:fleet");
        }
        if ("redis".equalsIgnoreCase(environment.getProperty("spring.cache.type", "redis"))) {
            String host = environment.getProperty("spring.data.redis.host", "127.0.0.1");
            int port = environment.getProperty("spring.data.redis.port", Integer.class, 6379);
            if (!RedisProbe.reachable(host, port, RedisProbe.TIMEOUT)) {
                defaults.put("spring.cache.type", "simple");
                out.println("Redis at " + host + ":" + port
                        + " is unreachable: the demo falls back to an in-memory cache (spring.cache.type=simple)");
            }
        }
        SpringApplication application = new SpringApplication(SampleApplication.class);
        application.setDefaultProperties(defaults);
        return application;
    }
}
