package dev.cacheaudit.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.fleet.FleetMembership;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.test.sharedapp.Product;
import dev.cacheaudit.test.sharedapp.ProductRepository;
import dev.cacheaudit.test.sharedapp.Products;
import dev.cacheaudit.testsupport.RedisServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances sharing one Redis cache and one database: a change of the database that no instance made is a
 * {@code FOREIGN_WRITE} that the stale read names as its cause; the same change made by one instance through its
 * repository is that instance's write, on the instance that found the entry stale too.
 */
class ForeignDatabaseWriteFleetTests {

    private static final String[] PROPERTIES = {
        "cache-audit.coverage.window=300ms",
        "cache-audit.verification.enabled=true",
        "cache-audit.verification.sample-rate=1",
        "cache-audit.verification.grace=300ms",
        "cache-audit.verification.windows=100ms,400ms"
    };

    /** The tests' Redis: the instances share a Redis cache and find each other through Redis. */
    private RedisServer.HostAndPort redis;

    @BeforeEach
    void redisIsThere() {
        redis = RedisServer.require();
    }

    /** The test's properties, and the tests' Redis for every instance. */
    private String[] onRedis() {
        String[] all = new String[PROPERTIES.length + 2];
        all[0] = "spring.data.redis.host=" + redis.host();
        all[1] = "spring.data.redis.port=" + redis.port();
        System.arraycopy(PROPERTIES, 0, all, 2, PROPERTIES.length);
        return all;
    }

    @Test
    void rowChangedBySqlOutsideEveryInstanceIsAForeignWriteTheStaleReadNamesAsItsCause() throws Exception {
        try (CacheAuditFleet fleet =
                CacheAuditFleet.start(2, dev.cacheaudit.test.sharedapp.SharedApp.class, onRedis())) {
            Long id = fleet.bean(0, ProductRepository.class)
                    .save(new Product("old"))
                    .getId();
            // The insert lies outside the coverage window before the loads: a write that close would count as a cause.
            Thread.sleep(400);
            fleet.bean(1, Products.class).find(id);
            fleet.bean(0, Products.class).find(id);
            outsideTheApplication(fleet, "update product set name = 'changed by a batch job' where id = ?", id);

            Finding stale =
                    awaitStaleRead(fleet, 1, () -> fleet.bean(1, Products.class).find(id));

            Finding foreign = findings(fleet, 1).stream()
                    .filter(f -> f.kind() == FindingKind.FOREIGN_WRITE)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no FOREIGN_WRITE on instance 1: " + findings(fleet, 1)));
            assertThat(foreign.cache()).isEqualTo("products");
            assertThat(foreign.message())
                    .contains("Product cached in 'products' changed outside this application")
                    .doesNotContain("batch job'")
                    .doesNotContain(String.valueOf(id) + " ");
            assertThat(foreign.evidence())
                    .containsEntry("source", "database")
                    .containsEntry("entity", Product.class.getName())
                    .containsEntry("seenBy", "every instance of the fleet");
            assertThat(stale.cause().causedBy()).isEqualTo("FOREIGN_WRITE");
            assertThat(stale.cause().causedByFinding()).isEqualTo(foreign.id());
            assertThat(stale.cause().lastWrite()).isNull();
        }
    }

    @Test
    void sameChangeMadeByTheOtherInstanceIsThatInstancesWriteNotAForeignWrite() throws Exception {
        try (CacheAuditFleet fleet =
                CacheAuditFleet.start(2, dev.cacheaudit.test.sharedapp.SharedApp.class, onRedis())) {
            Long id = fleet.bean(0, ProductRepository.class)
                    .save(new Product("old"))
                    .getId();
            fleet.bean(1, Products.class).find(id);
            fleet.bean(0, Products.class).renameWithoutEviction(id, "changed by instance 0");

            Finding stale =
                    awaitStaleRead(fleet, 1, () -> fleet.bean(1, Products.class).find(id));

            String writer =
                    fleet.instance(0).getBean(FleetMembership.class).fleet().instance();
            Cause.Write write = stale.cause().lastWrite();
            assertThat(write)
                    .as("the write instance 0 made, as instance 1 heard it")
                    .isNotNull();
            assertThat(write.instance()).isEqualTo(writer);
            assertThat(write.site()).isEqualTo(Products.class.getName() + "#renameWithoutEviction(Long,String)");
            assertThat(write.transaction()).isEqualTo("committed");
            assertThat(stale.sites()).contains(write.site());
            assertThat(stale.cause().causedBy()).isNotIn(Cause.NO_WRITE_SEEN, "FOREIGN_WRITE");
            for (int i = 0; i < 2; i++) {
                assertThat(findings(fleet, i)).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
            }
        }
    }

    @Test
    void sameChangeMadeByTheOtherInstanceThroughJdbcIsThatInstancesStatementNotAForeignWrite() throws Exception {
        try (CacheAuditFleet fleet =
                CacheAuditFleet.start(2, dev.cacheaudit.test.sharedapp.SharedApp.class, onRedis())) {
            Long id = fleet.bean(0, ProductRepository.class)
                    .save(new Product("old"))
                    .getId();
            Thread.sleep(400);
            fleet.bean(1, Products.class).find(id);
            fleet.bean(0, JdbcTemplate.class).update("update product set name = ? where id = ?", "by JDBC", id);

            Finding stale =
                    awaitStaleRead(fleet, 1, () -> fleet.bean(1, Products.class).find(id));

            String writer =
                    fleet.instance(0).getBean(FleetMembership.class).fleet().instance();
            Cause.Write write = stale.cause().lastWrite();
            assertThat(write)
                    .as("the statement instance 0 ran, as instance 1 heard it")
                    .isNotNull();
            assertThat(write.instance()).isEqualTo(writer);
            assertThat(write.what()).isEqualTo("table product");
            assertThat(stale.cause().causedBy()).isNotIn(Cause.NO_WRITE_SEEN, "FOREIGN_WRITE");
            for (int i = 0; i < 2; i++) {
                assertThat(findings(fleet, i)).noneMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE);
            }
        }
    }

    /** Runs a statement on the shared database through a connection of its own, which no instance records. */
    private static void outsideTheApplication(CacheAuditFleet fleet, String sql, Long id) throws SQLException {
        String url;
        try (Connection connection = fleet.instance(0).getBean(DataSource.class).getConnection()) {
            url = connection.getMetaData().getURL();
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    /** Reads through the instance until its auditor reports a stale read with a cause, for at most 10 seconds. */
    private static Finding awaitStaleRead(CacheAuditFleet fleet, int instance, Runnable read)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            read.run();
            audit(fleet, instance).awaitQuiescence(Duration.ofSeconds(1));
            for (Finding finding : findings(fleet, instance)) {
                if (finding.kind() == FindingKind.STALE_READ
                        && finding.cache().equals("products")
                        && finding.cause() != null) {
                    return finding;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "no STALE_READ with a cause on instance " + instance + ": " + findings(fleet, instance));
    }

    private static List<Finding> findings(CacheAuditFleet fleet, int instance) {
        return audit(fleet, instance).findings().findings();
    }

    private static CacheAudit audit(CacheAuditFleet fleet, int instance) {
        return Objects.requireNonNull(fleet.instance(instance).getBean(CacheAudit.class));
    }
}
