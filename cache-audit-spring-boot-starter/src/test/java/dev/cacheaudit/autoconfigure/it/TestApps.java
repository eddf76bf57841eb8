package dev.cacheaudit.autoconfigure.it;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
}
