package dev.cacheaudit.autoconfigure.it.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.transaction.TransactionAwareCacheManagerProxy;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.annotation.Transactional;

/**
 * A cache manager wrapped the way many applications make evictions wait for the commit:
 * {@code new TransactionAwareCacheManagerProxy(new ConcurrentMapCacheManager())}. The proxy hands out a new
 * {@code TransactionAwareCacheDecorator} on every lookup; the audit must still see one cache, on its real store, whose
 * evictions inside a transaction are deferred to the commit (no EVICT_BEFORE_COMMIT).
 */
class TransactionAwareManagerProxyTests {

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.jmx.enabled=false",
                        "spring.datasource.url=jdbc:h2:mem:txproxy-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "spring.jpa.open-in-view=false",
                        "cache-audit.coverage.window=200ms",
                        "cache-audit.caches.accounts.entity=" + Account.class.getName())
                .run();
        audit = context.getBean(CacheAudit.class);
        AccountRepository accounts = context.getBean(AccountRepository.class);
        Accounts service = context.getBean(Accounts.class);
        for (int i = 0; i < 3; i++) {
            Long id = accounts.save(new Account("account-" + i)).getId();
            service.find(id);
            service.find(id);
            service.renameAndEvict(id);
            service.find(id);
        }
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void everyLookupThroughTheProxyGivesTheSameAuditedCache() {
        CacheManager manager = context.getBean(CacheManager.class);
        assertThat(manager.getCache("accounts")).isSameAs(manager.getCache("accounts"));
    }

    @Test
    void theStoreBehindTheTransactionAwareDecoratorIsNamedAsTheBackend() {
        assertThat(audit.caches().backendOf("accounts")).isEqualTo("map");
    }

    @Test
    void evictionsInsideTheTransactionAreDeferredByTheProxyAndStaySilent() {
        List<Finding> findings = audit.findings().findings().stream()
                .filter(f -> f.cache().equals("accounts"))
                .toList();
        assertThat(findings).isEmpty();
        assertThat(audit.counters("accounts").evictions()).isEqualTo(3);
        assertThat(audit.counters("accounts").misses()).isEqualTo(6);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        CacheManager cacheManager() {
            return new TransactionAwareCacheManagerProxy(new ConcurrentMapCacheManager());
        }

        @Bean
        Accounts accounts(AccountRepository repository) {
            return new Accounts(repository);
        }
    }

    static class Accounts {

        private final AccountRepository repository;

        Accounts(AccountRepository repository) {
            this.repository = repository;
        }

        @Cacheable(cacheNames = "accounts", key = "#id")
        public Account find(Long id) {
            return repository.findById(id).orElseThrow();
        }

        @Transactional
        @CacheEvict(cacheNames = "accounts", key = "#id")
        public void renameAndEvict(Long id) {
            repository.findById(id).orElseThrow().rename("renamed");
        }
    }
}
