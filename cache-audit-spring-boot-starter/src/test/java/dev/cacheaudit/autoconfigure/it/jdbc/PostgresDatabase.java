package dev.cacheaudit.autoconfigure.it.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own in the local PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}), so that
 * tests running at the same time do not meet; the test is skipped when the server is not reachable.
 */
final class PostgresDatabase {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String schema = "lineage_" + System.nanoTime();

    /** Creates the schema and gives the URL, user and password that use it. */
    String[] create() {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException ex) {
            Assumptions.abort("PostgreSQL is not reachable on 127.0.0.1:5432 (" + ex.getMessage() + ")");
        }
        return new String[] {SERVER + "?currentSchema=" + schema, "postgres", ""};
    }

    void drop() {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException ex) {
            // Nothing to drop when the server went away.
        }
    }
}
