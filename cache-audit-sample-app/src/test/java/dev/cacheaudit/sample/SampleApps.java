package dev.cacheaudit.sample;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the sample app the way {@code main} does, without a web server. */
final class SampleApps {

    static final String REDIS_HOST = "127.0.0.1";

    static final int REDIS_PORT = 6379;

    private SampleApps() {}

    /** Skips the calling tests when the local Redis does not accept connections. */
    static void assumeRedis() {
        Assumptions.assumeTrue(
                RedisProbe.reachable(REDIS_HOST, REDIS_PORT, RedisProbe.TIMEOUT),
                "Redis at " + REDIS_HOST + ":" + REDIS_PORT + " is not reachable; these tests need a real Redis");
    }

    static ConfigurableApplicationContext start(PrintStream out, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--spring.main.web-application-type=none");
        all.add("--spring.main.banner-mode=off");
        String[] arguments = all.toArray(String[]::new);
        return SampleApplication.application(out, arguments).run(arguments);
    }

    static ConfigurableApplicationContext start(String... args) {
        return start(new PrintStream(OutputStream.nullOutputStream()), args);
    }
}
