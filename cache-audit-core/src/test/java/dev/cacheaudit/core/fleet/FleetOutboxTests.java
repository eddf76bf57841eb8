package dev.cacheaudit.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.internal.engine.ManualClock;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetOutboxTests {

    private static final byte[] SECRET = "a fleet key of sufficient length".getBytes(StandardCharsets.UTF_8);

    private final ManualClock time = new ManualClock();

    private final List<String> sent = new ArrayList<>();

    private boolean redisDown;

    private final Fleet fleet = new Fleet(
            "a",
            new FleetFingerprint(SECRET),
            payload -> {
                if (redisDown) {
                    throw new IllegalStateException("Connection refused");
                }
                sent.add(payload);
            },
            new FleetSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(2), 1000),
            new KeyRedactor(KeyRedactor.Mode.SHAPE),
            time,
            time);

    @Test
    void messagesBeyondThePerSecondCapAreDroppedAndCounted() {
        for (int i = 0; i < 5; i++) {
            fleet.offer(FleetMessage.write("a", 1, "com.acme.Item", "f" + i, "site"));
        }
        fleet.flush();

        assertThat(sent).hasSize(3);
        assertThat(fleet.stats().droppedByRate()).isEqualTo(2);

        time.advance(Duration.ofSeconds(1));
        fleet.offer(FleetMessage.write("a", 1, "com.acme.Item", "f5", "site"));
        fleet.flush();
        assertThat(sent).hasSize(4);
    }

    @Test
    void redisDownPausesTheFleetCountsWhatIsLostAndResumesWhenItAnswers() {
        redisDown = true;
        fleet.offer(FleetMessage.write("a", 1, "com.acme.Item", "f1", "site"));
        fleet.flush();

        assertThat(fleet.stats().paused()).isTrue();
        assertThat(fleet.stats().transportFailures()).isEqualTo(1);
        fleet.offer(FleetMessage.write("a", 1, "com.acme.Item", "f2", "site"));
        assertThat(fleet.stats().droppedWhilePaused()).isEqualTo(2);

        redisDown = false;
        // A probe (the outbox thread sends a heartbeat) succeeds: the fleet resumes.
        fleet.outboxSendForTest(FleetMessage.heartbeat("a", 1));
        assertThat(fleet.stats().paused()).isFalse();
        fleet.offer(FleetMessage.write("a", 1, "com.acme.Item", "f3", "site"));
        fleet.flush();
        assertThat(sent).hasSize(2);
    }

    @Test
    void ownMessagesAndGarbageAreIgnoredAndHeartbeatsMakeMembers() {
        fleet.receive(FleetMessage.heartbeat("a", 1).encode());
        fleet.receive("not a fleet message");
        fleet.receive(FleetMessage.heartbeat("b", 1).encode());

        assertThat(fleet.members()).containsOnlyKeys("b");
        assertThat(fleet.stats().received()).isEqualTo(1);
    }

    @Test
    void aMemberUnheardForThreeHeartbeatIntervalsIsNoLongerListed() {
        fleet.receive(FleetMessage.heartbeat("b", 1).encode());

        time.advance(Duration.ofSeconds(15));
        assertThat(fleet.members()).containsOnlyKeys("b");

        time.advance(Duration.ofMillis(1));
        assertThat(fleet.members()).isEmpty();
    }

    @Test
    void messageRoundTripsAndCarriesNoSeparatorsFromItsFields() {
        FleetMessage message = FleetMessage.write("host:1", 1234, "com.acme.Item", "abcd", "a#b(\tc)");

        FleetMessage decoded = FleetMessage.decode(message.encode());

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.site()).isEqualTo("a#b( c)");
    }
}
