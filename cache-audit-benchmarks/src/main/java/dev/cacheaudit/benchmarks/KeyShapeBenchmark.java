package dev.cacheaudit.benchmarks;

import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.keys.KeyDescriptor;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.keys.KeyShape;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What shaping a key costs, the work the engine does for every recorded key and every Redis command: typical keys,
 * and keys of 16 000 characters and 64 KiB (a regular expression with look-arounds once took 1.1 s on the former).
 * {@code redact} adds what showing the key in a finding costs (HMAC-SHA256 of each variable part).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyShapeBenchmark {

    @Param({
        "number",
        "email",
        "composite",
        "long16k-digits",
        "long64k-digits",
        "long64k-words",
        "long64k-letters",
        "long64k-email"
    })
    public String key;

    private String printed;

    private KeyRedactor redactor;

    @Setup
    public void setUp() {
        printed = switch (key) {
            case "number" -> "user:123456";
            case "email" -> "usersByEmail::ada.lovelace@localhost";
            case "composite" -> "tenant:42:order:7f3c9a1e-1b2c-4d5e-8f90-0a1b2c3d4e5f:sku-AB12CD:alice";
            case "long16k-digits" -> "k:" + "1".repeat(16_000);
            case "long64k-digits" -> "k:" + "1".repeat(64 * 1024);
            case "long64k-words" -> "k:" + "ab-".repeat(64 * 1024 / 3);
            // Worst case of the former regular expression (its hex look-ahead rescanned the run at every position).
            case "long64k-letters" -> "k:" + "a".repeat(64 * 1024);
            // Worst case for an e-mail scan: a long local part that never reaches an '@'.
            case "long64k-email" -> "a.".repeat(32 * 1024) + "@";
            default -> throw new IllegalArgumentException(key);
        };
        redactor = new KeyRedactor(KeyRedactor.Mode.SHAPE, "benchmark-hash-key".getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public KeyShape shape() {
        return KeyShape.of(printed);
    }

    @Benchmark
    public String redact() {
        return redactor.redact(KeyDescriptor.of(printed, KeyDecomposer.NONE));
    }
}
