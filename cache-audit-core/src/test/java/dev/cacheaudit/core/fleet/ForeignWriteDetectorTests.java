package dev.cacheaudit.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.RedisCommand;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForeignWriteDetectorTests {

    private long now = 1_000_000_000L;

    private final AuditState state = new AuditState(StateLimits.DEFAULTS, KeyDecomposer.NONE);

    private final List<Observation> observations = new ArrayList<>();

    private Fleet fleet = fleet(new KeyRedactor(KeyRedactor.Mode.PLAIN));

    private Fleet fleet(KeyRedactor redactor) {
        return new Fleet(
                "b",
                new FleetFingerprint("a fleet key of sufficient length".getBytes(StandardCharsets.UTF_8)),
                payload -> {},
                new FleetSettings(200, Duration.ofSeconds(5), Duration.ofSeconds(2), 1000),
                redactor,
                Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC),
                () -> now);
    }

    @BeforeEach
    void applicationCachesUsersInRedis() {
        command("GET", "users::42");
        command("SET", "users::42");
    }

    @Test
    void deletesOfANearKeyFormByAnotherClientAreAForeignWrite() {
        notice("del", "user:42");
        notice("del", "user:43");

        assertThat(observations).hasSize(2).allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(FindingKind.FOREIGN_WRITE);
            assertThat(o.cache()).isEqualTo("users");
            assertThat(o.signature()).isEqualTo("del|user:{n}|users::{n}");
            assertThat(o.evidence())
                    .containsEntry("command", "del")
                    .containsEntry("foreignForm", "user:{n}")
                    .containsEntry("applicationForm", "users::{n}");
        });
    }

    @Test
    void writesUnderAnotherFormInTheApplicationsNamespaceAreAForeignWrite() {
        notice("set", "users::v2:42");

        assertThat(observations).singleElement().satisfies(o -> assertThat(o.evidence())
                .containsEntry("foreignForm", "users::{id}:{n}"));
    }

    @Test
    void writesUnderTheApplicationsOwnFormStaySilentSinceAnotherInstanceMayHaveSentThem() {
        notice("del", "users::43");
        notice("set", "users::44");

        assertThat(observations).isEmpty();
    }

    @Test
    void thisInstancesOwnWritesStaySilentEvenUnderAnotherForm() {
        command("DEL", "user:42");
        notice("del", "user:42");

        assertThat(observations).isEmpty();
    }

    @Test
    void anotherFormUnderARedisCachesPrefixIsAForeignWriteOnThatCacheWhateverTheWireRecorded() {
        redisCacheHolding("offers", 11L);

        notice("set", "offers::supplier:11");

        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.cache()).isEqualTo("offers");
            assertThat(o.evidence())
                    .containsEntry("foreignForm", "offers::supplier:{n}")
                    .containsEntry("applicationForm", "offers::{n}");
        });
    }

    @Test
    void theRedisCachesOwnFormUnderItsPrefixStaysSilentSinceAnotherInstanceMayHaveSentIt() {
        redisCacheHolding("offers", 11L);

        notice("set", "offers::12");
        notice("del", "offers::11");

        assertThat(observations).isEmpty();
        // The same cache's other form is reported, so the silence above is the form's.
        notice("del", "offers::supplier:12");
        assertThat(observations).hasSize(1);
    }

    @Test
    void underASpringKeyPrefixTheFindingIsStillOnTheCache() {
        redisCacheHolding("offers", 11L);

        notice("set", "myapp:offers::supplier:11");

        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.cache()).isEqualTo("offers");
            assertThat(o.evidence())
                    .containsEntry("foreignForm", "myapp:offers::supplier:{n}")
                    .containsEntry("applicationForm", "myapp:offers::{n}");
        });
    }

    @Test
    void underASpringKeyPrefixTheCachesOwnFormStaysSilentAndAnotherNameIsNotTheCache() {
        redisCacheHolding("offers", 11L);

        notice("set", "myapp:offers::12");
        notice("set", "specialoffers::supplier:12");

        assertThat(observations).isEmpty();
    }

    @Test
    void aKeyIsInTheCacheWhoseNamespaceStartsFirstNotInOneWhoseNameEndsItsName() {
        redisCacheHolding("items", 11L);
        redisCacheHolding("ordered-items", 11L);

        notice("set", "ordered-items::supplier:11");

        assertThat(observations).singleElement().satisfies(o -> assertThat(o.cache())
                .isEqualTo("ordered-items"));
        assertThat(ForeignWriteDetector.namespaceEnd("ordered-items::5", "items"))
                .isEqualTo(15);
        assertThat(ForeignWriteDetector.namespaceEnd("myitems::5", "items")).isEqualTo(-1);
    }

    @Test
    void anotherClientsWordsAreShownOnlyOnceTheyProvedToBeStructure() {
        fleet = fleet(new KeyRedactor(KeyRedactor.Mode.SHAPE));
        applicationCachesUsersInRedis();

        notice("del", "users::alice:42");
        arrives("set", "users::supplier:11");
        arrives("set", "users::supplier:12");
        settles();

        assertThat(observations).hasSize(3);
        Observation alice = observations.get(0);
        assertThat(String.join(
                        " ",
                        alice.message(),
                        alice.signature(),
                        alice.writeKey(),
                        alice.evidence().toString()))
                .doesNotContain("alice")
                .contains("{w");
        // Two keys under one prefix, arrived together: the prefix is structure by the time the first is judged.
        assertThat(observations.get(1).evidence()).containsEntry("foreignForm", "users::supplier:{n}");
    }

    @Test
    void unrelatedKeysOfOtherApplicationsStaySilent() {
        notice("set", "session:abc");
        notice("del", "orders-service:lock");

        assertThat(observations).isEmpty();
    }

    @Test
    void aNoticeThatOvertakesThisInstancesOwnRecordOfTheWriteStaysSilent() {
        // Redis notifies before it replies: the notice is in before the command is recorded.
        arrives("set", "user:42");
        assertThat(observations).as("judged before it settled").isEmpty();
        command("SET", "user:42");
        settles();

        assertThat(observations).isEmpty();
    }

    @Test
    void aNoticeNoRecordFollowsIsJudgedOnceItHasSettled() {
        arrives("set", "user:42");
        assertThat(observations).as("judged before it settled").isEmpty();
        settles();

        assertThat(observations).singleElement().satisfies(o -> assertThat(o.kind())
                .isEqualTo(FindingKind.FOREIGN_WRITE));
    }

    /** A Spring cache on Redis that holds one entry, with nothing of it recorded on the wire. */
    private void redisCacheHolding(String cache, Object key) {
        apply(new CacheRegistered(cache, "redis", false, CacheRegistered.KeyComparison.SERIALIZED, ++now));
        apply(new CachePut(cache, key, null, now, TxState.NONE, ++now));
    }

    private void command(String command, String key) {
        apply(new RedisCommand(
                RedisCommand.Type.valueOf(command), key.getBytes(StandardCharsets.UTF_8), 1, -1, null, 1000, ++now));
    }

    /** A notice, judged once it has settled. */
    private void notice(String command, String key) {
        arrives(command, key);
        settles();
    }

    private void arrives(String command, String key) {
        now++;
        fleet.keyspace(command, key.getBytes(StandardCharsets.UTF_8));
        fleet.foreignWriteDetector().onTick(now, state, observations::add);
    }

    private void settles() {
        now += ForeignWriteDetector.SETTLE_NANOS;
        fleet.foreignWriteDetector().onTick(now, state, observations::add);
    }

    private void apply(CacheEvent event) {
        state.apply(event);
        fleet.foreignWriteDetector().on(event, state, observations::add);
    }
}
