package dev.cacheaudit.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.event.CacheClear;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.keys.KeyDecomposer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuditStateTests {

    private final AuditState state = new AuditState(StateLimits.DEFAULTS, KeyDecomposer.NONE);

    private static RedisCommand redis(String command, String key) {
        return new RedisCommand(
                RedisCommand.Type.valueOf(command), key.getBytes(StandardCharsets.UTF_8), 1, -1, null, 1_000, 10);
    }

    @Test
    void readsAreGroupedByTypeAndShapeWithSampleSitesAndCounts() {
        state.apply(new CacheRead("users", 1L, false, "UserService#find", 100));
        state.apply(new CacheRead("users", 2L, true, "UserService#find", 200));
        state.apply(new CacheRead("users", 3L, true, "AdminService#find", 300));
        state.apply(new CacheRead("users", "user:4", false, null, 400));

        CacheProfile profile = state.existingProfile("users");
        assertThat(profile).isNotNull();
        assertThat(profile.readShapes())
                .containsOnlyKeys(new ShapeId("Long", "{n}"), new ShapeId("String", "user:{n}"));
        ShapeStats longs = profile.readShapes().get(new ShapeId("Long", "{n}"));
        assertThat(longs.count()).isEqualTo(3);
        assertThat(longs.sample().printed()).isEqualTo("1");
        assertThat(longs.sites()).containsExactly("UserService#find", "AdminService#find");
        assertThat(longs.firstNanos()).isEqualTo(100);
        assertThat(longs.lastNanos()).isEqualTo(300);
        assertThat(profile.readShapes().get(new ShapeId("String", "user:{n}")).sites())
                .isEmpty();
        assertThat(profile.putShapes()).isEmpty();
        assertThat(profile.evictionShapes()).isEmpty();
    }

    @Test
    void putsAndEvictionsHaveTheirOwnShapesAndUpdateTheKeyHistory() {
        state.apply(new CacheRead("users", 42L, false, "UserService#find", 100));
        state.apply(new CachePut("users", 42L, "UserService#find", 90, TxState.NONE, 150));
        state.apply(new CacheRead("users", 42L, true, "UserService#find", 200));
        state.apply(new CacheEvict("users", "42", "UserService#update", TxState.NONE, 300));

        CacheProfile profile = state.profile("users");
        assertThat(profile.putShapes()).containsOnlyKeys(new ShapeId("Long", "{n}"));
        assertThat(profile.evictionShapes()).containsOnlyKeys(new ShapeId("String", "{n}"));
        assertThat(profile.evictionShapes().get(new ShapeId("String", "{n}")).sites())
                .containsExactly("UserService#update");

        KeyHistory longKey = state.existingHistory("users", state.describe(42L));
        assertThat(longKey).isNotNull();
        assertThat(longKey.reads()).isEqualTo(2);
        assertThat(longKey.puts()).isEqualTo(1);
        assertThat(longKey.evictions()).isZero();
        assertThat(longKey.lastReadNanos()).isEqualTo(200);
        assertThat(longKey.lastPutNanos()).isEqualTo(150);
        assertThat(longKey.lastLoadStartNanos()).isEqualTo(90);
        assertThat(longKey.lastEvictNanos()).isZero();

        // The String "42" is another entry than the Long 42.
        KeyHistory stringKey = state.existingHistory("users", state.describe("42"));
        assertThat(stringKey).isNotNull();
        assertThat(stringKey.evictions()).isEqualTo(1);
        assertThat(stringKey.lastEvictNanos()).isEqualTo(300);
        assertThat(stringKey.reads()).isZero();
        assertThat(state.existingHistory("orders", state.describe(42L))).isNull();
        assertThat(state.trackedKeys()).isEqualTo(2);
    }

    @Test
    void clearsAreCountedPerCache() {
        state.apply(new CacheClear("users", "UserService#reset", TxState.NONE, 500));
        state.apply(new CacheClear("users", null, TxState.NONE, 700));

        assertThat(state.profile("users").clears()).isEqualTo(2);
        assertThat(state.profile("users").lastClearNanos()).isEqualTo(700);
        assertThat(state.profile("orders").clears()).isZero();
    }

    @Test
    void registrationSetsBackendTransactionAwarenessAndKeyComparison() {
        assertThat(state.profile("users").backend()).isEqualTo("unknown");
        assertThat(state.profile("users").keyComparison()).isEqualTo(KeyComparison.EQUALS);

        state.apply(new CacheRegistered("users", "redis", true, KeyComparison.SERIALIZED, 1));

        CacheProfile profile = state.profile("users");
        assertThat(profile.name()).isEqualTo("users");
        assertThat(profile.backend()).isEqualTo("redis");
        assertThat(profile.transactionAware()).isTrue();
        assertThat(profile.keyComparison()).isEqualTo(KeyComparison.SERIALIZED);
    }

    @Test
    void redisCommandsUpdateTheWireShapesAndNoCacheProfile() {
        state.apply(redis("GET", "users::1"));
        state.apply(redis("GET", "users::2"));
        state.apply(redis("SET", "users::1"));
        state.apply(redis("DEL", "users::1"));
        state.apply(redis("UNLINK", "users::2"));

        CacheProfile wire = state.wire();
        ShapeId shape = new ShapeId("bytes", "users::{n}");
        assertThat(wire.name()).isEqualTo("redis");
        assertThat(wire.readShapes()).containsOnlyKeys(shape);
        assertThat(wire.readShapes().get(shape).count()).isEqualTo(2);
        assertThat(wire.putShapes().get(shape).count()).isEqualTo(1);
        assertThat(wire.evictionShapes().get(shape).count()).isEqualTo(2);
        assertThat(state.profiles()).isEmpty();
    }

    @Test
    void everyRecordedRedisCommandCountsByItsKind() {
        state.apply(redis("HGETALL", "carts::1"));
        state.apply(redis("HMGET", "carts::2"));
        state.apply(redis("HMSET", "carts::1"));
        state.apply(redis("HDEL", "carts::2"));
        state.apply(redis("GETDEL", "carts::3"));
        state.apply(redis("EXPIRE", "carts::4"));
        state.apply(redis("PEXPIRE", "carts::5"));

        ShapeId shape = new ShapeId("bytes", "carts::{n}");
        assertThat(state.wire().readShapes().get(shape).count()).isEqualTo(2);
        assertThat(state.wire().putShapes().get(shape).count()).isEqualTo(2);
        assertThat(state.wire().evictionShapes().get(shape).count()).isEqualTo(1);
    }

    @Test
    void everyCommandHasOneKindAndOnlyReadsLeaveTheKeyUnchanged() {
        for (RedisCommand.Type type : RedisCommand.Type.values()) {
            assertThat(type.changesKey()).as(type.name()).isEqualTo(type.kind() != RedisCommand.Kind.READ);
            assertThat(type.deletes()).as(type.name()).isEqualTo(type.kind() == RedisCommand.Kind.DELETE);
        }
        assertThat(RedisCommand.Type.values())
                .filteredOn(RedisCommand.Type::deletes)
                .containsExactlyInAnyOrder(RedisCommand.Type.DEL, RedisCommand.Type.UNLINK, RedisCommand.Type.GETDEL);
    }

    @Test
    void failedRedisCommandsAndCommandsWithoutAKeyAreIgnored() {
        state.apply(new RedisCommand(
                RedisCommand.Type.GET, "users::1".getBytes(StandardCharsets.UTF_8), -1, -1, "ERR timeout", 1_000, 10));
        state.apply(new RedisCommand(RedisCommand.Type.DEL, null, 0, -1, null, 1_000, 10));

        assertThat(state.wire().readShapes()).isEmpty();
        assertThat(state.wire().evictionShapes()).isEmpty();
    }

    @Test
    void theKeyHistoryStaysWithinItsByteBudget() {
        AuditState small = new AuditState(new StateLimits(1024, 16, 16), KeyDecomposer.NONE);

        for (int i = 0; i < 10_000; i++) {
            small.apply(new CacheRead("users", "user:" + i, false, null, i));
            assertThat(small.trackedKeyBytes()).isLessThanOrEqualTo(1024);
        }

        assertThat(small.forgotten()).isPositive();
        assertThat(small.trackedKeys()).isPositive().isLessThan(10);
        // The newest key is remembered, the first long forgotten.
        assertThat(small.existingHistory("users", small.describe("user:9999"))).isNotNull();
        assertThat(small.existingHistory("users", small.describe("user:0"))).isNull();
        assertThat(small.forgotten()).isEqualTo(10_000 - small.trackedKeys());
    }

    @Test
    void shapesPerCacheAreBoundedAndTheForgottenOnesCounted() {
        AuditState small = new AuditState(new StateLimits(1 << 20, 2, 16), KeyDecomposer.NONE);

        // Five forms that differ in their separators: the same separator with five words would be one form, the
        // words a variable.
        for (String key : new String[] {"a:1", "b/1", "c|1", "d#1", "e=1"}) {
            small.apply(new CacheRead("users", key, false, null, 1));
        }

        CacheProfile profile = small.profile("users");
        assertThat(profile.readShapes())
                .containsOnlyKeys(new ShapeId("String", "d#{n}"), new ShapeId("String", "e={n}"));
        assertThat(profile.forgottenShapes()).isEqualTo(3);
        assertThat(small.forgotten()).isEqualTo(3);
    }

    @Test
    void cachesAreBoundedAndTheForgottenOnesCounted() {
        AuditState small = new AuditState(new StateLimits(1 << 20, 16, 3), KeyDecomposer.NONE);

        for (int i = 1; i <= 5; i++) {
            small.apply(new CacheRead("cache" + i, 1L, false, null, i));
        }

        assertThat(small.profiles()).extracting(CacheProfile::name).containsExactly("cache3", "cache4", "cache5");
        assertThat(small.existingProfile("cache1")).isNull();
        assertThat(small.forgotten()).isEqualTo(2);
    }

    @Test
    void limitsRejectBudgetsTooSmallToBeUseful() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new StateLimits(1023, 1, 1))
                .withMessageContaining("maxKeyBytes");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new StateLimits(1024, 0, 1))
                .withMessageContaining("maxShapesPerCache");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new StateLimits(1024, 1, 0))
                .withMessageContaining("maxCaches");
    }
}
