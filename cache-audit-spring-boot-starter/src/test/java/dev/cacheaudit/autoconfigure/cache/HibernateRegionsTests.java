package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Cacheable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.List;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.junit.jupiter.api.Test;

/** Which cache names are Hibernate's second-level cache regions, and which are the application's own. */
class HibernateRegionsTests {

    private static final String CACHED = CachedEntity.class.getName();

    @Test
    void hibernatesDefaultRegionsAreRegionsWithOrWithoutAPrefix() {
        assertThat(HibernateRegions.isRegion("default-update-timestamps-region"))
                .isTrue();
        assertThat(HibernateRegions.isRegion("default-query-results-region")).isTrue();
        assertThat(HibernateRegions.isRegion("shop.default-update-timestamps-region"))
                .isTrue();
    }

    @Test
    void aCachedEntitysRegionIsARegionWithOrWithoutAPrefix() {
        assertThat(HibernateRegions.isRegion(CACHED)).isTrue();
        assertThat(HibernateRegions.isRegion("shop." + CACHED)).isTrue();
        assertThat(HibernateRegions.isRegion(HibernateCachedEntity.class.getName()))
                .isTrue();
    }

    @Test
    void aCachedCollectionsRegionIsARegion() {
        assertThat(HibernateRegions.isRegion(CACHED + ".tags")).isTrue();
        assertThat(HibernateRegions.isRegion("shop." + CACHED + ".tags")).isTrue();
    }

    @Test
    void theApplicationsOwnCachesAreNotRegions() {
        assertThat(HibernateRegions.isRegion("users")).isFalse();
        assertThat(HibernateRegions.isRegion("users.byEmail")).isFalse();
        // Named after an entity Hibernate does not cache, or after an attribute it does not cache.
        assertThat(HibernateRegions.isRegion(UncachedEntity.class.getName())).isFalse();
        assertThat(HibernateRegions.isRegion(CACHED + ".labels")).isFalse();
        assertThat(HibernateRegions.isRegion(CACHED + ".byName")).isFalse();
        // A class that is no entity.
        assertThat(HibernateRegions.isRegion(String.class.getName())).isFalse();
    }

    @Entity
    @Cacheable
    static class CachedEntity {

        @Id
        Long id;

        @ElementCollection
        @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
        List<String> tags;

        @ElementCollection
        List<String> labels;
    }

    @Entity
    @Cache(usage = CacheConcurrencyStrategy.READ_ONLY)
    static class HibernateCachedEntity {

        @Id
        Long id;
    }

    @Entity
    static class UncachedEntity {

        @Id
        Long id;
    }
}
