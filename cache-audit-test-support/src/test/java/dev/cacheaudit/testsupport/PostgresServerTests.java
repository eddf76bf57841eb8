package dev.cacheaudit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresServerTests {

    private @Nullable String before;

    @BeforeEach
    void rememberTheProperty() {
        before = System.getProperty(PostgresServer.ADDRESS_PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(PostgresServer.ADDRESS_PROPERTY);
        } else {
            System.setProperty(PostgresServer.ADDRESS_PROPERTY, before);
        }
    }

    @Test
    void withoutThePropertyTheLocalServersTestDatabaseIsUsed() {
        System.clearProperty(PostgresServer.ADDRESS_PROPERTY);

        assertThat(PostgresServer.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(PostgresServer.address()).isEqualTo("127.0.0.1:5432");
    }

    @Test
    void hostAndPortNameTheServerAndItsTestDatabase() {
        System.setProperty(PostgresServer.ADDRESS_PROPERTY, "db.example:6543");

        assertThat(PostgresServer.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/test");
        assertThat(PostgresServer.address()).isEqualTo("db.example:6543");
    }

    @Test
    void jdbcUrlIsUsedAsItIsAndItsAddressFoundWithTheDefaultPort() {
        System.setProperty(PostgresServer.ADDRESS_PROPERTY, "jdbc:postgresql://db.example/orders?sslmode=disable");

        assertThat(PostgresServer.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example/orders?sslmode=disable");
        assertThat(PostgresServer.address()).isEqualTo("db.example:5432");
    }

    @Test
    void parametersAreAddedToTheUrlsOwn() {
        System.setProperty(PostgresServer.ADDRESS_PROPERTY, "jdbc:postgresql://db.example:6543/orders?sslmode=disable");
        assertThat(PostgresServer.jdbcUrl("currentSchema=s"))
                .isEqualTo("jdbc:postgresql://db.example:6543/orders?sslmode=disable&currentSchema=s");

        System.setProperty(PostgresServer.ADDRESS_PROPERTY, "db.example:6543");
        assertThat(PostgresServer.jdbcUrl("currentSchema=s"))
                .isEqualTo("jdbc:postgresql://db.example:6543/test?currentSchema=s");
    }

    @Test
    void colonsOfAnIpv6AddressAreNotTakenForAPort() {
        System.setProperty(PostgresServer.ADDRESS_PROPERTY, "jdbc:postgresql://[::1]/test");
        assertThat(PostgresServer.address()).isEqualTo("[::1]:5432");

        System.setProperty(PostgresServer.ADDRESS_PROPERTY, "jdbc:postgresql://[::1]:6543/test");
        assertThat(PostgresServer.address()).isEqualTo("[::1]:6543");
    }
}
