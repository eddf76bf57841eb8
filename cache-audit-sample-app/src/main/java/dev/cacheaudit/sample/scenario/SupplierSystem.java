package dev.cacheaudit.sample.scenario;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * A supplier's system, outside this application, as the sample plays it (scenario {@code foreign-writer}): it changes
 * item prices in the shop's database over a JDBC connection of its own and talks to the shop's Redis over a client of
 * its own, so that nothing it does passes through the application — as another service, a batch job or a script
 * would. What it does after changing prices is its {@link Supplier}'s choice.
 */
final class SupplierSystem implements DisposableBean {

    private final String url;

    private final String user;

    private final String password;

    private final RedisURI redisUri;

    private @Nullable RedisClient client;

    private @Nullable StatefulRedisConnection<String, String> connection;

    SupplierSystem(DataSource shopDatabase, String password, String redisHost, int redisPort) {
        // Only where the database is: its connections are the supplier's own.
        try (Connection connection = shopDatabase.getConnection()) {
            this.url = connection.getMetaData().getURL();
            this.user = connection.getMetaData().getUserName();
        } catch (SQLException ex) {
            throw new IllegalStateException("Cannot read where the shop's database is", ex);
        }
        this.password = password;
        this.redisUri = RedisURI.create(redisHost, redisPort);
    }

    /** Sets the prices of items, by id, in one transaction of the supplier's own. */
    void updatePrices(Map<Long, BigDecimal> prices) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement update = connection.prepareStatement("update items set price = ? where id = ?")) {
            connection.setAutoCommit(false);
            for (Map.Entry<Long, BigDecimal> price : prices.entrySet()) {
                update.setBigDecimal(1, price.getValue());
                update.setLong(2, price.getKey());
                update.addBatch();
            }
            update.executeBatch();
            connection.commit();
        } catch (SQLException ex) {
            throw new IllegalStateException("The supplier could not update the prices", ex);
        }
    }

    /** The supplier's own Redis client, connected on first use. */
    synchronized RedisCommands<String, String> redis() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            RedisClient created = RedisClient.create(redisUri);
            client = created;
            current = created.connect();
            connection = current;
        }
        return current.sync();
    }

    @Override
    public synchronized void destroy() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            Objects.requireNonNull(client).shutdown();
        }
    }
}
