package dev.cacheaudit.autoconfigure.it.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.VerificationOutcome.Outcome;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Verification of cached entities by what the database holds, never by their equals: entities without equals, with
 * id-only equals, with eager and lazy collections, lists and pages of them and DTO records. Hotels in Oslo never
 * change (the fresh twins: silent); hotels and rooms in Rome are changed with plain JDBC behind the cache (the stale
 * twins: STALE_READ naming the differing paths). Each backend runs the same contract.
 */
abstract class EntityVerificationContract {

    static final long OSLO_A = 1, OSLO_B = 2, ROME_C = 3, ROME_D = 4;
    static final long ROOM_A1 = 11, ROOM_A2 = 12, ROOM_C1 = 31, ROOM_C2 = 32;

    private static final String[] CACHES = {
        "hotels", "hotelsWithAmenities", "hotelsByCity", "hotelPages", "rooms", "hotelViews"
    };

    static ConfigurableApplicationContext start(String... properties) throws InterruptedException {
        List<String> all = new ArrayList<>(List.of(
                "spring.main.banner-mode=off",
                "spring.jmx.enabled=false",
                "spring.datasource.url=jdbc:h2:mem:values-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "spring.jpa.open-in-view=false",
                "cache-audit.redaction.keys=plain",
                "cache-audit.verification.enabled=true",
                "cache-audit.verification.sample-rate=1.0",
                "cache-audit.verification.max-per-second=500",
                "cache-audit.verification.grace=300ms",
                "cache-audit.verification.windows=100ms,400ms"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(all.toArray(String[]::new))
                .run();
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        jdbc.update("insert into hotel (id, name, city) values (1, 'Aurora', 'Oslo'), (2, 'Bristol', 'Oslo'),"
                + " (3, 'Cavalieri', 'Rome'), (4, 'Dolce', 'Rome')");
        jdbc.update("insert into room (id, label, hotel_id) values (11, 'a1', 1), (12, 'a2', 1), (31, 'c1', 3),"
                + " (32, 'c2', 3)");
        jdbc.update("insert into hotel_amenities (hotel_id, amenities) values (1, 'spa'), (3, 'pool')");
        Hotels hotels = context.getBean(Hotels.class);
        readAll(hotels);
        Thread.sleep(200);
        readAll(hotels);
        // Changed behind the cache, in Rome only.
        jdbc.update("update hotel set name = 'Cavalieri Waldorf' where id = 3");
        jdbc.update("update room set label = 'c1-suite' where id = 31");
        jdbc.update("insert into hotel_amenities (hotel_id, amenities) values (3, 'gym')");
        for (int i = 0; i < 5; i++) {
            Thread.sleep(150);
            readAll(hotels);
        }
        Thread.sleep(400);
        assertThat(context.getBean(CacheAudit.class).awaitQuiescence(Duration.ofSeconds(5)))
                .as("events analysed")
                .isTrue();
        return context;
    }

    private static void readAll(Hotels hotels) {
        for (long id : new long[] {OSLO_A, ROME_C}) {
            hotels.hotel(id);
            hotels.withAmenities(id);
            hotels.view(id);
        }
        hotels.inCity("Oslo");
        hotels.inCity("Rome");
        hotels.page("Oslo", 0);
        hotels.page("Rome", 0);
        hotels.room(ROOM_A1);
        hotels.room(ROOM_C1);
    }

    abstract CacheAudit audit();

    @Test
    void everyCacheWasVerifiedAndFoundFreshForTheDataThatNeverChanged() {
        for (String cache : CACHES) {
            assertThat(audit().verificationStats().count(cache, Outcome.FRESH))
                    .as("fresh verifications of %s", cache)
                    .isPositive();
            assertThat(audit().verificationStats().count(cache, Outcome.INCONCLUSIVE))
                    .as("inconclusive verifications of %s", cache)
                    .isZero();
        }
    }

    @Test
    void entitiesWithoutEqualsAreNotReportedStaleWhenNothingChanged() {
        assertThat(staleReads()).noneSatisfy((key, finding) -> assertThat(key).contains("Oslo"));
        assertThat(staleReads()).doesNotContainKeys("hotels|1", "hotelsWithAmenities|1", "hotelViews|1", "rooms|11");
    }

    @Test
    void entityWithoutEqualsChangedBehindTheCacheIsStaleNamingTheColumnAndTheEagerCollection() {
        assertThat(staleReads().get("hotels|3")).isNotNull().satisfies(f -> assertThat(
                        f.evidence().get("differingFields").split(","))
                .containsExactlyInAnyOrder("name", "rooms[].label"));
    }

    @Test
    void lazyCollectionNotLoadedIsLeftOutAndSaid() {
        assertThat(staleReads().get("hotels|3").evidence()).containsEntry("notCompared", "amenities");
    }

    @Test
    void lazyCollectionLoadedOnBothSidesIsCompared() {
        assertThat(staleReads().get("hotelsWithAmenities|3")).isNotNull().satisfies(f -> assertThat(
                        f.evidence().get("differingFields").split(","))
                .containsExactlyInAnyOrder("name", "rooms[].label", "amenities[]"));
    }

    @Test
    void entityWithIdOnlyEqualsChangedBehindTheCacheIsStaleAndItsLazyToOneComparedById() {
        assertThat(staleReads().get("rooms|31")).isNotNull().satisfies(f -> assertThat(f.evidence())
                .containsEntry("differingFields", "label"));
    }

    @Test
    void listAndPageOfEntitiesAreStaleOnlyWhereAnElementChanged() {
        assertThat(staleReads().get("hotelsByCity|Rome")).isNotNull().satisfies(f -> assertThat(
                        f.evidence().get("differingFields").split(","))
                .containsExactlyInAnyOrder("[].name", "[].rooms[].label"));
        assertThat(staleReads().keySet())
                .filteredOn(key -> key.startsWith("hotelPages|"))
                .singleElement()
                .satisfies(key -> assertThat(key).contains("Rome"));
        assertThat(staleReads().entrySet())
                .filteredOn(e -> e.getKey().startsWith("hotelPages|"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue().evidence().get("differingFields"))
                        .contains("content[].name"));
    }

    @Test
    void dtoRecordChangedBehindTheCacheIsStaleAndItsFreshTwinSilent() {
        assertThat(staleReads().get("hotelViews|3")).isNotNull().satisfies(f -> assertThat(
                        f.evidence().get("differingFields").split(","))
                .containsExactlyInAnyOrder("name", "roomLabels[]"));
    }

    @Test
    void noFindingOtherThanTheStaleReadsOfRome() {
        assertThat(audit().findings().findings())
                .filteredOn(f -> f.kind() == FindingKind.STALE_READ)
                .hasSize(6);
        assertThat(audit().findings().findings()).allSatisfy(f -> assertThat(f.kind())
                .isIn(FindingKind.STALE_READ, FindingKind.STALE_SET, FindingKind.UNCOVERED_WRITE));
    }

    /** Stale reads by {@code cache|key}. */
    Map<String, Finding> staleReads() {
        Map<String, Finding> byKey = new java.util.TreeMap<>();
        for (Finding finding : audit().findings().findings()) {
            if (finding.kind() == FindingKind.STALE_READ) {
                byKey.put(finding.cache() + "|" + finding.readKey(), finding);
            }
        }
        return byKey;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class App {

        @Bean
        Hotels hotels(HotelRepository hotels, RoomRepository rooms) {
            return new Hotels(hotels, rooms);
        }
    }
}
