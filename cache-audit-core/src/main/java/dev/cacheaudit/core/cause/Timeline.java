package dev.cacheaudit.core.cause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns the steps of an entry's story into a timeline relative to its load: {@code t+120ms write Orders#ship(long)}. */
final class Timeline {

    private static final String UNTIMED = "no eviction";

    private Timeline() {}

    /**
     * @param steps the steps, in any order; a step whose text is {@code no eviction} is printed without a time
     * @param loadNanos when the entry's value was loaded, or {@code 0} when unknown (the first step is then t+0)
     */
    static List<String> of(List<Step> steps, long loadNanos) {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingLong(Step::nanos));
        long origin = loadNanos != 0
                ? loadNanos
                : sorted.isEmpty() ? 0 : sorted.get(0).nanos();
        List<String> timeline = new ArrayList<>(sorted.size());
        for (Step step : sorted) {
            if (step.text().equals(UNTIMED)) {
                timeline.add(step.text());
            } else {
                timeline.add(offset(step.nanos() - origin) + " " + step.text());
            }
        }
        return timeline;
    }

    /** One step of an entry's story. */
    record Step(long nanos, String text) {}

    private static String offset(long nanos) {
        long millis = nanos / 1_000_000;
        if (millis == 0) {
            return "t+0";
        }
        return (millis > 0 ? "t+" : "t-") + Math.abs(millis) + "ms";
    }
}
