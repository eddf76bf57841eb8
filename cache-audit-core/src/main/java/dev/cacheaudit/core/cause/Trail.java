package dev.cacheaudit.core.cause;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The story of one entry since its value was loaded. */
final class Trail {

    private static final int MAX_STEPS = 8;

    final long loadNanos;

    final List<Timeline.Step> steps = new ArrayList<>(4);

    boolean held;

    /** The eviction the value was loaded shortly after, or {@code 0}: a refill, which may have read the old rows. */
    long refilledAfterNanos;

    /** When the entry was last evicted, or {@code 0}. */
    long evictNanos;

    Trail(long loadNanos, @Nullable String site) {
        this.loadNanos = loadNanos;
        this.held = loadNanos != 0;
        if (loadNanos != 0) {
            steps.add(new Timeline.Step(loadNanos, "load" + Sites.by(site)));
        }
    }

    void step(long nanos, String text) {
        if (steps.size() >= MAX_STEPS) {
            steps.remove(1);
        }
        steps.add(new Timeline.Step(nanos, text));
    }

    /** Begins with the last steps of the value before, among them the eviction this one was refilled after. */
    void continues(Trail previous) {
        List<Timeline.Step> earlier = previous.steps;
        steps.addAll(0, earlier.subList(Math.max(0, earlier.size() - MAX_STEPS / 2), earlier.size()));
    }

    boolean has(long nanos) {
        return steps.stream().anyMatch(step -> step.nanos() == nanos);
    }
}
