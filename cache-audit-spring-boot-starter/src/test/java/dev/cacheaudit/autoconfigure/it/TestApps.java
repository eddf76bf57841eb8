package dev.cacheaudit.autoconfigure.it;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Starts small applications the way Boot starts a real one, on either Boot line. */
public final class TestApps {

    private TestApps() {}

    public static ConfigurableApplicationContext run(Class<?> source, String... properties) {
        return new SpringApplicationBuilder(source)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "spring.jmx.enabled=false")
                .properties(properties)
                .run();
    }

    /** Deletes the Redis keys a test wrote under its own prefix, then closes its application. */
    static void closeDeletingRedisKeys(@Nullable ConfigurableApplicationContext context, String prefix) {
        if (context != null) {
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            redis.delete(redis.keys(prefix + "*"));
            context.close();
        }
    }
}
