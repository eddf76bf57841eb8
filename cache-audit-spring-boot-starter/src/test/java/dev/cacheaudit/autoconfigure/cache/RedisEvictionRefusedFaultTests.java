package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.testsupport.OwnRedisServer;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.internal.engine.InternalErrors.Where;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Fault: Redis refuses evictions (an ACL user without {@code DEL} and {@code UNLINK}). The callers of the audited
 * cache get exactly what the callers of an unaudited one get, the refusals are counted and reported as
 * {@code EVICTION_FAILED}, and once the permission is back evictions succeed again and nothing more is counted.
 */
class RedisEvictionRefusedFaultTests extends AbstractRedisFaultTests {

    private static final String USER = "cache-audit-no-del";

    private static final String PASSWORD = "no-del-secret";

    @Override
    RedisFaultRig rigOn(OwnRedisServer server) throws Exception {
        assertThat(server.command(
                        Duration.ofSeconds(2),
                        "ACL",
                        "SETUSER",
                        USER,
                        "on",
                        ">" + PASSWORD,
                        "~*",
                        "&*",
                        "+@all",
                        "-del",
                        "-unlink"))
                .isEqualTo("OK");
        return new RedisFaultRig(server, USER, PASSWORD);
    }

    @Test
    void refusedEvictionsReachTheCallerAsTheyWouldUnauditedAndAreReported() throws Exception {
        RedisFaultRig.Outcomes refused = rig.traffic(0, 5);

        assertThat(refused.audited()).isEqualTo(refused.plain());
        // Every eviction (one per key) was refused; the reads and puts around it went through.
        assertThat(refused.audited().stream().filter(o -> o.startsWith("threw")))
                .hasSize(5);
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).errors()).isEqualTo(5);
        assertThat(awaitEvictionFailures()).isNotEmpty().allSatisfy(f -> assertThat(f.cache())
                .isEqualTo(RedisFaultRig.CACHE));

        assertThat(redis.command(Duration.ofSeconds(2), "ACL", "SETUSER", USER, "+del", "+unlink"))
                .isEqualTo("OK");
        RedisFaultRig.Outcomes allowed = rig.traffic(10, 15);

        assertThat(allowed.audited()).isEqualTo(allowed.plain()).noneMatch(o -> o.startsWith("threw"));
        assertThat(rig.audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).errors()).isEqualTo(5);
        assertThat(rig.audit.counters(RedisFaultRig.CACHE).evictions()).isEqualTo(5);
        assertThat(rig.audit.engine().errors().count(Where.ENGINE_THREAD)).isZero();
    }

    /** Failures no error handler claims are reported once a second has passed; wait for them. */
    private List<Finding> awaitEvictionFailures() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Finding> failures = rig.audit.findings().findings().stream()
                    .filter(f -> f.kind() == FindingKind.EVICTION_FAILED)
                    .toList();
            if (!failures.isEmpty() || System.nanoTime() - deadline > 0) {
                return failures;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
