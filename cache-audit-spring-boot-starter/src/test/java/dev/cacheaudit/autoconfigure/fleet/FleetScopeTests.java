package dev.cacheaudit.autoconfigure.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetScopeTests {

    @Test
    void instancesOnOneSharedDatabaseShareAScopeWhateverTheirProcess() {
        String url = "jdbc:postgresql://db:5432/orders";

        assertThat(FleetScope.ofUrl(url, 1)).isEqualTo(FleetScope.ofUrl(url, 2)).hasSize(8);
    }

    @Test
    void differentDatabasesAreDifferentFleets() {
        assertThat(FleetScope.ofUrl("jdbc:postgresql://db:5432/orders", 1))
                .isNotEqualTo(FleetScope.ofUrl("jdbc:postgresql://db:5432/orders_staging", 1));
    }

    @Test
    void anInMemoryDatabaseIsOnlySharedWithinItsProcess() {
        String url = "jdbc:h2:mem:testdb";

        assertThat(FleetScope.ofUrl(url, 1)).isEqualTo(FleetScope.ofUrl(url, 1));
        assertThat(FleetScope.ofUrl(url, 1)).isNotEqualTo(FleetScope.ofUrl(url, 2));
    }

    @Test
    void withoutADataSourceTheApplicationNameAloneMakesTheFleet() {
        assertThat(FleetScope.of(null)).isEmpty();
    }
}
