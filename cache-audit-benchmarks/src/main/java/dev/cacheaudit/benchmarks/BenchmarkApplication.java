package dev.cacheaudit.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/** A minimal Boot application: auto-configuration (cache-audit included, unless disabled) and one cached bean. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableCaching
public class BenchmarkApplication {

    @Bean
    ItemService itemService() {
        return new ItemService();
    }
}
