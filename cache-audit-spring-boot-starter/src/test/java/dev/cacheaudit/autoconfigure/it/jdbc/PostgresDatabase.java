package dev.cacheaudit.autoconfigure.it.jdbc;

import dev.cacheaudit.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A schema of its own in the tests' PostgreSQL ({@link PostgresServer}, user {@code postgres}), so that tests running
 * at the same time do not meet. The test classes that use it are {@code @RequiresPostgres}, skipped when the server
 * is not reachable; a server that answers but refuses the schema fails the test, as a misconfiguration should.
 */
final class PostgresDatabase {

    private final String schema = "lineage_" + System.nanoTime();

    /** Creates the schema and gives the URL, user and password that use it. */
    String[] create() {
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException ex) {
            throw new IllegalStateException("Cannot create a schema on " + PostgresServer.jdbcUrl(), ex);
        }
        return new String[] {PostgresServer.jdbcUrl("currentSchema=" + schema), "postgres", ""};
    }

    void drop() {
        try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException ex) {
            // Nothing to drop when the server went away.
        }
    }
}
