package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.EngineSettings;
import dev.cacheaudit.core.event.CacheError;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.internal.engine.InternalErrors.Where;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.ReportReader;
import dev.cacheaudit.core.report.ReportWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * Fuzzes the recording layer and the engine with 100 000 generated keys and values — huge, binary, any Unicode
 * (unpaired surrogates included), numbers, {@code SimpleKey}s with {@code null} parts, nested collections, records,
 * arrays, keys whose methods throw — through the real cache decorator over an in-memory cache, with Redis commands,
 * source writes and cache errors carrying the same keys straight to the engine. The caller always gets what an
 * unaudited cache gives, nothing escapes, the engine never dies, and the report (raw keys in it: {@code plain}
 * redaction, the hardest case for JSON) stays JSON that {@link ReportReader} reads back to the same report.
 */
class RecordingFuzzTests {

    private static final int TRIES = 2_000;

    private static final int KEYS_PER_TRY = 50;

    private static final List<String> CACHES = List.of("users", "orders", "items", "τιμές", "用户");

    private static CacheAudit audit;

    private static final Map<String, Cache> audited = new ConcurrentHashMap<>();

    private static final Map<String, Cache> plain = new ConcurrentHashMap<>();

    private static final AtomicLong keys = new AtomicLong();

    private static final AtomicLong tries = new AtomicLong();

    @BeforeContainer
    static void start() {
        audit = CacheAudit.builder()
                .withoutFindingLog()
                .redaction(KeyRedactor.Mode.PLAIN)
                .engine(EngineSettings.DEFAULTS.withDecomposer(new SimpleKeyDecomposer()))
                .build()
                .start();
    }

    @AfterContainer
    static void stop() {
        try {
            assertThat(keys.get()).isGreaterThanOrEqualTo((long) TRIES * KEYS_PER_TRY);
            assertThat(audit.engine().errors().count(Where.ENGINE_THREAD)).isZero();
            assertThat(audit.engine().processedEvents()).isGreaterThan(keys.get());
        } finally {
            audit.close();
        }
    }

    /** A record used as a key or value, as applications do. */
    record Account(String login, long id, List<String> roles) {}

    /** One operation: on which cache, with which key and value. */
    record Op(int kind, String cache, Object key, @Nullable Object value, byte[] wireKey) {

        // jqwik hashes and prints what it generates; hostile keys must only meet the code under test.
        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "Op[" + kind + ", " + cache + ", key of " + key.getClass().getName() + "]";
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void anyKeyOrValueLeavesTheCallerUnchangedAndTheReportReadable(@ForAll("batches") List<Op> batch)
            throws IOException {
        for (Op op : batch) {
            keys.incrementAndGet();
            Cache auditedCache = audited.computeIfAbsent(
                    op.cache(), name -> new AuditingCache(new ConcurrentMapCache(name), recorder()));
            Cache plainCache = plain.computeIfAbsent(op.cache(), ConcurrentMapCache::new);
            assertThat(apply(auditedCache, op)).isEqualTo(apply(plainCache, op));
            long now = System.nanoTime();
            switch (op.kind() % 4) {
                case 0 ->
                    audit.submit(new RedisCommand(RedisCommand.Type.GET, op.wireKey(), 1, -1, null, 1000, now, "S#m"));
                case 1 ->
                    audit.submit(new RedisCommand(RedisCommand.Type.DEL, op.wireKey(), 0, -1, "NOPERM", 0, now, null));
                case 2 ->
                    audit.submit(
                            new SourceWrite("shop.Account", op.key(), SourceWrite.Kind.SAVE, "S#w", TxState.NONE, now));
                default ->
                    audit.submit(new CacheError(
                            op.cache(), "evict", op.key(), "java.lang.IllegalStateException", true, "S#e", now));
            }
        }
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
        if (tries.incrementAndGet() % 200 == 0) {
            AuditReport report = audit.report();
            StringWriter json = new StringWriter();
            new ReportWriter().write(report, json);
            AuditReport back = new ReportReader().read(new StringReader(json.toString()));
            assertThat(back).isEqualTo(report);
        }
    }

    private static CacheRecorder recorder() {
        return new CacheRecorder(audit, TransactionProbe.NONE, 1.0);
    }

    /** What the caller gets from an operation: the identity of the value, or the type of what was thrown. */
    private static String apply(Cache cache, Op op) {
        Function<Cache, Object> step =
                switch (op.kind()) {
                    case 0 -> c -> c.get(op.key());
                    case 1 -> c -> c.get(op.key(), () -> op.value());
                    case 2 ->
                        c -> {
                            c.put(op.key(), op.value());
                            return null;
                        };
                    case 3 -> c -> c.putIfAbsent(op.key(), op.value());
                    case 4 ->
                        c -> {
                            c.evict(op.key());
                            return null;
                        };
                    case 5 -> c -> c.evictIfPresent(op.key());
                    case 6 ->
                        c -> {
                            CompletableFuture<?> future = c.retrieve(op.key());
                            return future != null ? future.join() : null;
                        };
                    case 7 ->
                        c -> c.retrieve(op.key(), () -> CompletableFuture.completedFuture(op.value()))
                                .join();
                    default -> c -> c.get(op.key(), Object.class);
                };
        try {
            Object value = step.apply(cache);
            if (value instanceof Cache.ValueWrapper wrapper) {
                value = wrapper.get();
            }
            return value == null ? "null" : "value@" + System.identityHashCode(value);
        } catch (Throwable ex) {
            return "threw " + ex.getClass().getName();
        }
    }

    /**
     * Batches of operations. The values are made from jqwik's seeded {@link Random} by plain code rather than by
     * composing arbitraries: composed arbitraries cost jqwik far more to generate than the code under test takes to
     * run, and shrinking is off anyway (a failing seed is reported and reproduces the batch).
     */
    @Provide
    Arbitrary<List<Op>> batches() {
        return Arbitraries.randomValue(random -> {
            List<Op> batch = new ArrayList<>(KEYS_PER_TRY);
            for (int i = 0; i < KEYS_PER_TRY; i++) {
                batch.add(new Op(
                        kind(random),
                        CACHES.get(random.nextInt(CACHES.size())),
                        anyKey(random),
                        anyValue(random),
                        bytes(random, 32)));
            }
            return batch;
        });
    }

    /** Operations by weight: reads and writes often, a retrieve with a loader (a thread per call in-memory) rarely. */
    private static int kind(Random random) {
        int roll = random.nextInt(100);
        return roll < 20
                ? 0
                : roll < 35
                        ? 1
                        : roll < 55
                                ? 2
                                : roll < 62 ? 3 : roll < 72 ? 4 : roll < 80 ? 5 : roll < 90 ? 6 : roll < 92 ? 7 : 8;
    }

    private static Object anyKey(Random random) {
        int roll = random.nextInt(100);
        if (roll < 28) {
            return text(random, 80);
        }
        if (roll < 29) {
            return huge(random);
        }
        if (roll < 44) {
            return random.nextLong();
        }
        if (roll < 48) {
            return random.nextInt();
        }
        if (roll < 51) {
            return BigDecimal.valueOf(random.nextLong(), random.nextInt(20) - 10);
        }
        if (roll < 54) {
            return new UUID(random.nextLong(), random.nextLong());
        }
        if (roll < 59) {
            return bytes(random, 512);
        }
        if (roll < 69) {
            return new SimpleKey(leaves(random, 5).toArray());
        }
        if (roll < 75) {
            return nested(random);
        }
        if (roll < 81) {
            return account(random);
        }
        if (roll < 85) {
            return array(random);
        }
        if (roll < 88) {
            return hostileKey(random.nextInt(6));
        }
        return "users::" + random.nextInt(1000);
    }

    private static @Nullable Object anyValue(Random random) {
        int roll = random.nextInt(100);
        if (roll < 10) {
            return null;
        }
        if (roll < 40) {
            return text(random, 200);
        }
        if (roll < 55) {
            return random.nextLong();
        }
        if (roll < 70) {
            return nested(random);
        }
        if (roll < 85) {
            return account(random);
        }
        if (roll < 95) {
            return array(random);
        }
        return hostileKey(random.nextInt(6));
    }

    /** Any UTF-16 text: ASCII, any code unit (lone surrogates and controls included), supplementary characters. */
    private static String text(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int roll = random.nextInt(10);
            if (roll < 4) {
                text.append((char) (32 + random.nextInt(95)));
            } else if (roll < 7) {
                text.append((char) random.nextInt(Character.MAX_VALUE + 1));
            } else if (roll < 9) {
                text.appendCodePoint(0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0x10000));
            } else {
                text.append((char) random.nextInt(32));
            }
        }
        return text.toString();
    }

    /**
     * A key of 1 to 64 KiB characters, a generated run repeated. A quarter of the runs are ASCII letters and digits
     * only (a long alphanumeric token, the hardest case for key shaping, which must stay linear and capped); the others
     * mix letters, digits, {@code :} and any other code unit.
     */
    private static String huge(Random random) {
        String alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        boolean onlyAlphanumeric = random.nextInt(4) == 0;
        StringBuilder run = new StringBuilder();
        for (int i = 1 + random.nextInt(64); i > 0; i--) {
            char c =
                    switch (onlyAlphanumeric ? 0 : random.nextInt(4)) {
                        case 0, 1 -> alphanumeric.charAt(random.nextInt(alphanumeric.length()));
                        case 2 -> ':';
                        default -> (char) random.nextInt(Character.MAX_VALUE + 1);
                    };
            run.append(c);
        }
        int length = 1024 + random.nextInt(64 * 1024 - 1024);
        return run.toString().repeat(length / run.length() + 1).substring(0, length);
    }

    private static byte[] bytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static @Nullable Object leaf(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> text(random, 20);
            case 1 -> random.nextLong();
            case 2 -> random.nextDouble() * random.nextInt();
            case 3 -> null;
            case 4 -> BigDecimal.valueOf(random.nextInt(), 3);
            default -> random.nextBoolean() ? Double.NaN : -0.0;
        };
    }

    private static List<@Nullable Object> leaves(Random random, int max) {
        List<@Nullable Object> leaves = new ArrayList<>();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            leaves.add(leaf(random));
        }
        return leaves;
    }

    /** Lists of maps of lists, with null parts. */
    private static Object nested(Random random) {
        List<Object> outer = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int j = random.nextInt(4); j > 0; j--) {
                map.put(text(random, 10), leaves(random, 4));
            }
            outer.add(map);
        }
        return outer;
    }

    private static Object account(Random random) {
        return new Account(
                text(random, 30),
                random.nextLong(),
                List.of(text(random, 8), text(random, 8)).subList(0, random.nextInt(3)));
    }

    private static Object array(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> leaves(random, 5).toArray();
            case 1 -> random.ints(random.nextInt(9)).toArray();
            default -> new String[][] {{text(random, 8), null}, {}, {text(random, 8)}};
        };
    }

    private static Object hostileKey(int kind) {
        return switch (kind) {
            case 0 ->
                new AuditingCacheHostSafetyTests.HostileKey(
                        "t", () -> new IllegalStateException("toString"), true, false);
            case 1 ->
                new AuditingCacheHostSafetyTests.HostileKey(
                        "e", AuditingCacheHostSafetyTests.HostError::new, false, true);
            case 2 -> new AuditingCacheHostSafetyTests.HostileKey("b", () -> new AssertionError("all"), true, true);
            case 3 -> new AuditingCacheHostSafetyTests.CyclicKey("c");
            case 4 -> {
                List<Object> selfContaining = new ArrayList<>();
                selfContaining.add(selfContaining);
                yield selfContaining;
            }
            default ->
                new Object() {
                    @Override
                    public int hashCode() {
                        throw new AuditingCacheHostSafetyTests.HostError();
                    }

                    @Override
                    public String toString() {
                        throw new UnsupportedOperationException("lazy proxy");
                    }
                };
        };
    }
}
