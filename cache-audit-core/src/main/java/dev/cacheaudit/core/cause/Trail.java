package dev.cacheaudit.core.cause;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The story of one entry since its value was loaded. */
final class Trail {

    private static final int MAX_STEPS = 8;

    final long loadNanos;

    final List<StaleCauses.Step> steps = new ArrayList<>(4);

    boolean held;

    /** Whether the value was loaded shortly after an eviction of the entry. */
    boolean refill;

    /** When the entry was last evicted, or {@code 0}. */
    long evictNanos;

    Trail(long loadNanos, @Nullable String site) {
        this.loadNanos = loadNanos;
        this.held = loadNanos != 0;
        if (loadNanos != 0) {
            steps.add(new StaleCauses.Step(loadNanos, "load" + StaleCauses.by(site)));
        }
    }

    void step(long nanos, String text) {
        if (steps.size() >= MAX_STEPS) {
            steps.remove(1);
        }
        steps.add(new StaleCauses.Step(nanos, text));
    }

    boolean has(long nanos) {
        return steps.stream().anyMatch(step -> step.nanos() == nanos);
    }
}
