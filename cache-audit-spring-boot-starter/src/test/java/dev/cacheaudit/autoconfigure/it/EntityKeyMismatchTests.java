package dev.cacheaudit.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Key mismatches found through the entity each cached value holds and through normal forms, end to end: values stored
 * by Spring's cache interceptor, identified by {@code @Id}, by a configured id field and by the {@code id} convention;
 * each bug next to its fix on a cache of its own.
 */
class EntityKeyMismatchTests {

    private static ConfigurableApplicationContext context;

    private static CacheAudit audit;

    @BeforeAll
    static void start() throws InterruptedException {
        context = TestApps.run(
                App.class,
                "cache-audit.redaction.keys=plain",
                "cache-audit.caches.[members-bug].id-field=memberNo",
                "cache-audit.caches.[members-fixed].id-field=memberNo");
        audit = context.getBean(CacheAudit.class);
        Customers customers = context.getBean(Customers.class);
        Logins logins = context.getBean(Logins.class);
        Members members = context.getBean(Members.class);
        for (int i = 1; i <= 3; i++) {
            Customer customer = customers.byPhoneBug("555-010" + i);
            customers.updateBug(customer);
            customers.byPhoneFixed("555-010" + i);
            customers.updateFixed(customer);
            customers.byPhoneWriteThrough("555-020" + i);
            customers.putById(new Customer(200L + i, "555-020" + i));

            Account account = logins.byEmailBug("USER" + i + "@host");
            logins.updateBug(account);
            logins.byEmailFixed("USER" + i + "@host");
            logins.updateFixed(account);

            Member member = members.byLoginBug("login" + i);
            members.updateBug(member);
            members.byLoginFixed("login" + i);
            members.updateFixed(member);
        }
        // Sightings are judged on the engine's tick, a moment after the write.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && findings("-bug").size() < 4) {
            audit.awaitQuiescence(Duration.ofMillis(200));
            Thread.sleep(50);
        }
        Thread.sleep(1500);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void evictionByIdOfACacheReadByPhoneNamesBothAttributes() {
        assertThat(findings("customers-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
            assertThat(f.confirmed()).isTrue();
            assertThat(f.message()).startsWith("reads key 'customers-bug' by phone, evictions by number");
            assertThat(f.sites()).contains(Customers.class.getName() + "#updateBug(Customer)");
        });
    }

    @Test
    void writeThroughPutByIdOfACacheReadByPhoneIsAKeyMismatch() {
        assertThat(findings("customers-put-bug")).singleElement().satisfies(f -> assertThat(f.message())
                .startsWith("reads key 'customers-put-bug' by phone, puts by number"));
    }

    @Test
    void evictionOfTheStoredFormOfAnAddressReadAsTypedIsALetterCaseMismatch() {
        assertThat(findings("logins-bug")).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.KEY_MISMATCH);
            assertThat(f.evidence()).containsEntry("differences", "letter case");
            assertThat(f.sites()).contains(Logins.class.getName() + "#updateBug(Account)");
        });
    }

    @Test
    void configuredIdFieldNamesTheWriteAttribute() {
        assertThat(findings("members-bug")).singleElement().satisfies(f -> assertThat(f.message())
                .startsWith("reads key 'members-bug' by login, evictions by memberNo"));
    }

    @Test
    void fixedTwinsStaySilent() {
        assertThat(findings("-fixed")).isEmpty();
        for (String cache : List.of("customers-fixed", "logins-fixed", "members-fixed")) {
            assertThat(audit.counters(cache).evictions())
                    .as("evictions of " + cache)
                    .isPositive();
        }
    }

    private static List<Finding> findings(String suffix) {
        return audit.findings().findings().stream()
                .filter(f -> f.cache().endsWith(suffix))
                .toList();
    }

    /**
     * A customer, identified by JPA's {@code @Id} on a field not named {@code id} (the annotation is read by name; no
     * persistence unit is needed).
     */
    static final class Customer {

        @jakarta.persistence.Id
        private final Long number;

        private final String phone;

        Customer(Long number, String phone) {
            this.number = number;
            this.phone = phone;
        }

        public Long getNumber() {
            return number;
        }

        public String getPhone() {
            return phone;
        }
    }

    /** An account identified by the {@code id} convention, its address stored in lower case. */
    record Account(long id, String email) {}

    /** A member identified by a configured id field. */
    record Member(String memberNo, String login) {}

    static class Customers {

        @Cacheable(cacheNames = "customers-bug", key = "#phone")
        public Customer byPhoneBug(String phone) {
            return new Customer(Long.parseLong(phone.substring(4)), phone);
        }

        @CacheEvict(cacheNames = "customers-bug", key = "#c.number")
        public void updateBug(Customer c) {}

        @Cacheable(cacheNames = "customers-fixed", key = "#phone")
        public Customer byPhoneFixed(String phone) {
            return new Customer(Long.parseLong(phone.substring(4)), phone);
        }

        @CacheEvict(cacheNames = "customers-fixed", key = "#c.phone")
        public void updateFixed(Customer c) {}

        @Cacheable(cacheNames = "customers-put-bug", key = "#phone")
        public Customer byPhoneWriteThrough(String phone) {
            return new Customer(Long.parseLong(phone.substring(4)), phone);
        }

        @CachePut(cacheNames = "customers-put-bug", key = "#c.number")
        public Customer putById(Customer c) {
            return c;
        }
    }

    static class Logins {

        @Cacheable(cacheNames = "logins-bug", key = "#email")
        public Account byEmailBug(String email) {
            return new Account(email.hashCode(), email.toLowerCase(Locale.ROOT));
        }

        @CacheEvict(cacheNames = "logins-bug", key = "#a.email")
        public void updateBug(Account a) {}

        @Cacheable(cacheNames = "logins-fixed", key = "#email.toLowerCase()")
        public Account byEmailFixed(String email) {
            return new Account(email.hashCode(), email.toLowerCase(Locale.ROOT));
        }

        @CacheEvict(cacheNames = "logins-fixed", key = "#a.email.toLowerCase()")
        public void updateFixed(Account a) {}
    }

    static class Members {

        @Cacheable(cacheNames = "members-bug", key = "#login")
        public Member byLoginBug(String login) {
            return new Member("M-" + login.length() + login.charAt(login.length() - 1), login);
        }

        @CacheEvict(cacheNames = "members-bug", key = "#m.memberNo")
        public void updateBug(Member m) {}

        @Cacheable(cacheNames = "members-fixed", key = "#login")
        public Member byLoginFixed(String login) {
            return new Member("M-" + login.length() + login.charAt(login.length() - 1), login);
        }

        @CacheEvict(cacheNames = "members-fixed", key = "#m.login")
        public void updateFixed(Member m) {}
    }

    @InMemoryCachingApp
    static class App {

        @Bean
        Customers customers() {
            return new Customers();
        }

        @Bean
        Logins logins() {
            return new Logins();
        }

        @Bean
        Members members() {
            return new Members();
        }
    }
}
