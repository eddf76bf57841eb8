package dev.cacheaudit.sample;

import dev.cacheaudit.testsupport.RedisServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the sample app the way {@code main} does, without a web server. */
final class SampleApps {

    private static final String PORT = "--spring.data.redis.port=";

    private static final String KEY_PREFIX = "--spring.cache.redis.key-prefix=";

    private SampleApps() {}

    /** The Redis of the sample's tests (the local one, or a container), or skips the calling tests without one. */
    static RedisServer.HostAndPort assumeRedis() {
        return RedisServer.require();
    }

    /**
     * Starts the app on the tests' Redis under a key prefix of its own ({@link RedisServer#uniqueKeyPrefix()}, unless the
     * arguments name one), or without Redis when there is none (test classes that need it are
     * {@link dev.cacheaudit.testsupport.RequiresRedis @RequiresRedis}, or skip first with {@link #assumeRedis()}).
     * Arguments that name a Redis port (a server of the test's own, or none) are left as they are.
     */
    static ConfigurableApplicationContext start(PrintStream out, String... args) {
        RedisServer.HostAndPort redis = named(args, PORT) ? null : RedisServer.find();
        List<String> all = new ArrayList<>(Arrays.asList(redis == null ? args : onRedis(redis, args)));
        all.add("--spring.main.web-application-type=none");
        all.add("--spring.main.banner-mode=off");
        String[] arguments = all.toArray(String[]::new);
        return SampleApplication.application(out, arguments).run(arguments);
    }

    static ConfigurableApplicationContext start(String... args) {
        return start(new PrintStream(OutputStream.nullOutputStream()), args);
    }

    /**
     * The arguments, followed by those that point the app at {@code redis} under a key prefix of its own (which the
     * sample puts its fleet channel under too) and with a fleet key of its own: given, since one stored in Redis would
     * stay there after the run.
     */
    static String[] onRedis(RedisServer.HostAndPort redis, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--spring.data.redis.host=" + redis.host());
        all.add(PORT + redis.port());
        if (!named(args, KEY_PREFIX)) {
            all.add(KEY_PREFIX + RedisServer.uniqueKeyPrefix());
        }
        all.add("--cache-audit.fleet.secret=" + UUID.randomUUID());
        return all.toArray(String[]::new);
    }

    private static boolean named(String[] args, String option) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith(option));
    }
}
