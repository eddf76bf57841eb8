package dev.cacheaudit.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CacheEvict;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRead;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.CacheRegistered.KeyComparison;
import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.DeclaredOperations.Holding;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxBoundary;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import dev.cacheaudit.core.internal.state.AuditState;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two fleet members in one test, wired by an in-memory transport, driven by a shared manual clock. */
class CrossInstanceStaleDetectorTests {

    private static final String ITEM = "com.acme.Item";

    private static final String READ = "com.acme.ItemService#find(Long)";

    private static final String WRITE = "com.acme.ItemService#rename(Long,String)";

    private static final byte[] SECRET = "a fleet key of sufficient length".getBytes(StandardCharsets.UTF_8);

    private static final Duration WINDOW = Duration.ofSeconds(2);

    private long now = 1_000_000_000L;

    /** The wall clock moves with the monotonic one, as on one machine. */
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.parse("2026-12-01T10:00:00Z").plusNanos(now);
        }
    };

    private final List<String> wire = new ArrayList<>();

    private final Member a = new Member("a");

    private final Member b = new Member("b");

    @Test
    void writeOnOneInstanceWhileAnotherServesItsLocalCopyIsCrossInstanceStale() {
        b.local("items").holds("items", ITEM).load("items", 42L).hit("items", 42L);
        a.local("items").holds("items", ITEM).write(ITEM, 42L, WRITE).evict("items", 42L);

        deliver();
        b.advance(Duration.ofSeconds(3));

        assertThat(b.found(FindingKind.CROSS_INSTANCE_STALE)).singleElement().satisfies(o -> {
            assertThat(o.cache()).isEqualTo("items");
            assertThat(o.sites()).containsExactly(WRITE);
            assertThat(o.evidence())
                    .containsEntry("writerInstance", "a")
                    .containsEntry("staleInstance", "b")
                    .containsEntry("writeSite", WRITE)
                    .containsEntry("entity", ITEM)
                    .containsEntry("backend", "map");
            assertThat(o.message()).contains("Item was written on instance a by " + WRITE);
        });
        assertThat(a.found(FindingKind.CROSS_INSTANCE_STALE)).isEmpty();
    }

    @Test
    void localCopyEvictedByABroadcastWithinTheWindowStaysSilent() {
        b.local("items").holds("items", ITEM).load("items", 42L);
        a.local("items").holds("items", ITEM).write(ITEM, 42L, WRITE).evict("items", 42L);

        deliver();
        b.advance(Duration.ofMillis(100)).evict("items", 42L).advance(Duration.ofSeconds(3));

        assertThat(b.observations).isEmpty();
    }

    @Test
    void sharedRedisCacheHoldsOneCopyForEveryInstanceAndStaysSilent() {
        b.shared("items").holds("items", ITEM).load("items", 42L);
        a.shared("items").holds("items", ITEM).write(ITEM, 42L, WRITE).evict("items", 42L);

        deliver();
        b.advance(Duration.ofSeconds(3));

        assertThat(b.observations).isEmpty();
    }

    @Test
    void localCacheWithATtlShorterThanTheWindowStaysSilent() {
        b.apply(new CacheRegistered("items", "caffeine", false, KeyComparison.EQUALS, 500, now));
        b.holds("items", ITEM).load("items", 42L);
        a.local("items").holds("items", ITEM).write(ITEM, 42L, WRITE);

        deliver();
        b.advance(Duration.ofSeconds(3));

        assertThat(b.observations).isEmpty();
    }

    @Test
    void writeOfAnotherEntityIdentifierStaysSilent() {
        b.local("items").holds("items", ITEM).load("items", 42L);
        a.local("items").holds("items", ITEM).write(ITEM, 43L, WRITE);

        deliver();
        b.advance(Duration.ofSeconds(3));

        assertThat(b.observations).isEmpty();
    }

    @Test
    void entryLoadedAfterTheWriteIsFreshAndStaysSilent() {
        b.local("items").holds("items", ITEM);
        a.local("items").holds("items", ITEM).write(ITEM, 42L, WRITE);
        b.advance(Duration.ofMillis(10)).load("items", 42L);

        deliver();
        b.advance(Duration.ofSeconds(3));

        assertThat(b.observations).isEmpty();
    }

    @Test
    void writeRolledBackIsNeverSentAndOneCommittedIsSentOnCommit() {
        a.local("items").holds("items", ITEM);
        a.apply(new SourceWrite(ITEM, 42L, SourceWrite.Kind.SAVE, WRITE, new TxState(7, false), now));
        a.apply(new TxBoundary(7, TxBoundary.Outcome.ROLLED_BACK, now));
        a.fleet.flush();
        assertThat(wire).isEmpty();

        a.apply(new SourceWrite(ITEM, 42L, SourceWrite.Kind.SAVE, WRITE, new TxState(8, false), now));
        a.fleet.flush();
        assertThat(wire).isEmpty();
        a.apply(new TxBoundary(8, TxBoundary.Outcome.COMMITTED, now));
        a.fleet.flush();
        assertThat(wire).singleElement().satisfies(payload -> {
            assertThat(payload).contains(ITEM, WRITE).doesNotContain("\t42\t");
            assertThat(FleetMessage.decode(payload).idFingerprint()).isEqualTo(new FleetFingerprint(SECRET).of("42"));
        });
    }

    @Test
    void writesOfEntitiesNoCacheHoldsAreNotSent() {
        a.local("items").write("com.acme.Other", 42L, WRITE);
        a.fleet.flush();

        assertThat(wire).isEmpty();
    }

    private void deliver() {
        a.fleet.flush();
        b.fleet.flush();
        for (String payload : List.copyOf(wire)) {
            a.fleet.receive(payload);
            b.fleet.receive(payload);
        }
        wire.clear();
    }

    private final class Member {

        final AuditState state = new AuditState(StateLimits.DEFAULTS, KeyDecomposer.NONE);

        final Fleet fleet;

        final List<Observation> observations = new ArrayList<>();

        Member(String instance) {
            this.fleet = new Fleet(
                    instance,
                    new FleetFingerprint(SECRET),
                    wire::add,
                    new FleetSettings(200, Duration.ofSeconds(5), WINDOW, 1000),
                    new KeyRedactor(KeyRedactor.Mode.PLAIN),
                    clock,
                    () -> now);
        }

        Member apply(CacheEvent event) {
            state.apply(event);
            fleet.detector().on(event, state, observations::add);
            return this;
        }

        Member local(String cache) {
            return apply(new CacheRegistered(cache, "map", false, KeyComparison.EQUALS, now));
        }

        Member shared(String cache) {
            return apply(new CacheRegistered(cache, "redis", false, KeyComparison.SERIALIZED, now));
        }

        Member holds(String cache, String entity) {
            return apply(new DeclaredOperations(List.of(), List.of(new Holding(cache, entity, "return-type")), now));
        }

        Member load(String cache, Object key) {
            long start = ++now;
            apply(new CacheRead(cache, key, false, READ, start));
            return apply(new CachePut(cache, key, READ, start, TxState.NONE, ++now));
        }

        Member hit(String cache, Object key) {
            return apply(new CacheRead(cache, key, true, READ, ++now));
        }

        Member write(String entity, Object id, String site) {
            return apply(new SourceWrite(entity, id, SourceWrite.Kind.SAVE, site, TxState.NONE, ++now));
        }

        Member evict(String cache, Object key) {
            return apply(new CacheEvict(cache, key, WRITE, TxState.NONE, ++now));
        }

        Member advance(Duration duration) {
            now += duration.toNanos();
            fleet.detector().onTick(now, state, observations::add);
            return this;
        }

        List<Observation> found(FindingKind kind) {
            return observations.stream().filter(o -> o.kind() == kind).toList();
        }
    }
}
