package dev.cacheaudit.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CacheRead;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KeyTimelineTests {

    private static final Instant WALL = Instant.parse("2026-12-01T10:00:00Z");

    private static final long NOW = 4_000_000_000_000_000_000L;

    @Test
    void anEventIsShownAtTheAuditsWallTimeLessItsAgeOnTheAuditsTicker() {
        try (CacheAudit audit = CacheAudit.builder()
                .withoutFindingLog()
                .clock(Clock.fixed(WALL, ZoneOffset.UTC))
                .ticker(() -> NOW)
                .build()) {
            KeyTimeline timeline = new KeyTimeline(10, audit);

            timeline.onEvent(new CacheRead(
                    "users", 42L, false, "S#find", NOW - Duration.ofSeconds(3).toNanos()));

            assertThat(timeline.of("users", "42", 10)).singleElement().satisfies(entry -> assertThat(entry.at())
                    .isEqualTo(WALL.minusSeconds(3)));
        }
    }
}
