package dev.cacheaudit.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.AuditPolling;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.CachePut;
import dev.cacheaudit.core.event.CacheRegistered;
import dev.cacheaudit.core.event.RedisCommand;
import dev.cacheaudit.core.event.TxState;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fleet's findings show keys the way the auditor that takes the fleet shows every other finding's. */
class FleetRedactionTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    private CacheAudit audit;

    @AfterEach
    void stop() {
        if (audit != null) {
            audit.close();
        }
    }

    @Test
    void aForeignWriteIsRedactedWithTheAuditorsWordsAndHashKeyNotTheFleetsOwn() {
        Fleet fleet = new Fleet(
                "b",
                new FleetFingerprint("a fleet key of sufficient length".getBytes(StandardCharsets.UTF_8)),
                payload -> {},
                new FleetSettings(200, Duration.ofSeconds(5), Duration.ofSeconds(2), 1000),
                // What the fleet was made with; the auditor's redactor is the one that counts.
                new KeyRedactor(KeyRedactor.Mode.PLAIN),
                clock,
                now::get);
        byte[] hashKey = "the auditor's own hash key".getBytes(StandardCharsets.UTF_8);
        audit = CacheAudit.builder()
                .clock(clock)
                .ticker(now::get)
                .withoutFindingLog()
                .redaction(KeyRedactor.Mode.SHAPE)
                .redactionHashKey(hashKey)
                .fleet(fleet, true)
                .build()
                .start();
        audit.submit(new CacheRegistered(
                "offers", "redis", false, CacheRegistered.KeyComparison.SERIALIZED, now.incrementAndGet()));
        audit.submit(new CachePut("offers", 11L, null, now.get(), TxState.NONE, now.incrementAndGet()));
        audit.submit(new RedisCommand(
                RedisCommand.Type.SET,
                "offers::11".getBytes(StandardCharsets.UTF_8),
                1,
                -1,
                null,
                1000,
                now.incrementAndGet()));
        assertThat(audit.awaitQuiescence(Duration.ofSeconds(5))).isTrue();

        String foreignKey = "offers::alice:11";
        fleet.keyspace("set", foreignKey.getBytes(StandardCharsets.UTF_8));
        now.addAndGet(Duration.ofSeconds(3).toNanos());

        assertThat(AuditPolling.until(audit, Duration.ofSeconds(10), () -> audit.findings().findings().stream()
                        .anyMatch(f -> f.kind() == FindingKind.FOREIGN_WRITE)))
                .as("the notice was judged once settled")
                .isTrue();
        Finding foreign = audit.findings().findings().stream()
                .filter(f -> f.kind() == FindingKind.FOREIGN_WRITE)
                .findFirst()
                .orElseThrow();
        assertThat(foreign.cache()).isEqualTo("offers");
        assertThat(foreign.evidence()).containsEntry("applicationForm", "offers::{n}");
        assertThat(foreign.writeKey())
                .as("the key as the auditor redacts it, with its hash key")
                .isEqualTo(audit.redactor().redact(KeyDescriptor.ofRedis(foreignKey.getBytes(StandardCharsets.UTF_8))))
                .doesNotContain("alice");
        assertThat(String.join(
                        " ",
                        foreign.message(),
                        foreign.signature(),
                        foreign.evidence().toString()))
                .doesNotContain("alice");
    }
}
