package dev.cacheaudit.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendTests {

    @Test
    void everyKnownNameStandsForItsBackendAndBack() {
        for (Backend backend : Backend.values()) {
            if (backend != Backend.OTHER) {
                assertThat(Backend.of(backend.id())).isSameAs(backend);
            }
        }
        assertThat(Backend.REDIS.id()).isEqualTo("redis");
        assertThat(Backend.MAP.id()).isEqualTo("map");
    }

    @Test
    void aStoreNotKnownByNameIsOtherAndNeitherLocalNorSerialising() {
        Backend hazelcast = Backend.of("HazelcastCache");

        assertThat(hazelcast).isSameAs(Backend.OTHER);
        assertThat(hazelcast.local()).isFalse();
        assertThat(hazelcast.serializesKeys()).isFalse();
        assertThat(Backend.of("Redis")).as("names are matched exactly").isSameAs(Backend.OTHER);
    }

    @Test
    void onlyInProcessStoresAreLocalAndOnlyRedisComparesSerialisedKeys() {
        assertThat(Backend.values())
                .filteredOn(Backend::local)
                .containsExactlyInAnyOrder(Backend.CAFFEINE, Backend.JCACHE, Backend.MAP);
        assertThat(Backend.values()).filteredOn(Backend::serializesKeys).containsExactly(Backend.REDIS);
        assertThat(new CacheRegistered("users", "redis", false, CacheRegistered.KeyComparison.SERIALIZED, 1).kind())
                .isSameAs(Backend.REDIS);
    }
}
