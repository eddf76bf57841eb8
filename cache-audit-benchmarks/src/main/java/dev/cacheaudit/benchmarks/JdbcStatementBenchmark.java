package dev.cacheaudit.benchmarks;

import dev.cacheaudit.autoconfigure.jdbc.JSqlParserStatements;
import dev.cacheaudit.autoconfigure.jdbc.StatementRecorder;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What the JDBC recording of lineage adds to a statement: the same prepared query and update on an in-memory H2
 * database, run plain ({@code PLAIN}), through datasource-proxy with no listener ({@code PROXY_ONLY}, the library's own
 * cost) and with cache-audit's {@link StatementRecorder} handing statements to a running engine that parses them
 * ({@code RECORDED}). The query runs outside any cache load, as most queries do, so it is not handed over; the update
 * always is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JdbcStatementBenchmark {

    /** How statements reach the database. */
    public enum Recording {
        PLAIN,
        PROXY_ONLY,
        RECORDED
    }

    private static final int ROWS = 64;

    @Param({"PLAIN", "PROXY_ONLY", "RECORDED"})
    public Recording recording;

    DataSource dataSource;

    CacheAudit audit;

    @Setup(Level.Trial)
    public void start() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:jdbc-bench-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(64))");
            for (int i = 0; i < ROWS; i++) {
                statement.execute("INSERT INTO item (id, name) VALUES (" + i + ", 'item-" + i + "')");
            }
        }
        dataSource = switch (recording) {
            case PLAIN -> h2;
            case PROXY_ONLY -> ProxyDataSourceBuilder.create(h2).build();
            case RECORDED -> {
                audit = CacheAudit.builder()
                        .withoutFindingLog()
                        .sqlParser(new JSqlParserStatements(2048))
                        .build()
                        .start();
                yield ProxyDataSourceBuilder.create(h2)
                        .listener(new StatementRecorder(audit, TransactionProbe.NONE))
                        .build();
            }
        };
    }

    /** Checks that the recorded updates reached the engine; recorded queries outside a load are, by design, not handed over. */
    @TearDown(Level.Trial)
    public void stop(BenchmarkParams params) {
        if (audit != null) {
            boolean updates = params.getBenchmark().endsWith(".update");
            long handed = audit.engine().processedEvents() + audit.engine().droppedEvents();
            audit.close();
            if (updates && handed == 0) {
                throw new IllegalStateException("The recorded variant handed no update to the engine");
            }
        }
    }

    /** One connection and its prepared statements per thread, as a pooled connection would hold them. */
    @State(Scope.Thread)
    public static class Session {

        Connection connection;

        PreparedStatement query;

        PreparedStatement update;

        long next;

        @Setup(Level.Trial)
        public void open(JdbcStatementBenchmark benchmark) throws SQLException {
            connection = benchmark.dataSource.getConnection();
            query = connection.prepareStatement("SELECT name FROM item WHERE id = ?");
            update = connection.prepareStatement("UPDATE item SET name = ? WHERE id = ?");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }

        long id() {
            return next++ & (ROWS - 1);
        }
    }

    @Benchmark
    @Threads(1)
    public String query(Session session) throws SQLException {
        session.query.setLong(1, session.id());
        try (ResultSet rows = session.query.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Benchmark
    @Threads(1)
    public int update(Session session) throws SQLException {
        session.update.setString(1, "renamed");
        session.update.setLong(2, session.id());
        return session.update.executeUpdate();
    }
}
