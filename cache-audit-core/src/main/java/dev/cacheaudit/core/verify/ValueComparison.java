package dev.cacheaudit.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares a cached value with the source's by what the data holds, never by what an entity's {@code equals} says.
 * Entities (known to a {@link ValueInspector}, or annotated {@code @Entity} when none knows them) are compared by
 * their persistent state, with their {@code @Version} deciding first where both sides have one; records component by
 * component; {@code Optional}, collections, maps and arrays element by element; JDK and other value types with their
 * {@code equals}; other classes field by field. The paths of what differs are reported ({@code rooms[].label}),
 * never values; lazy parts that were not loaded are left out and named. A comparison that throws (an {@code equals}
 * that fails, say) is inconclusive.
 */
public final class ValueComparison {

    private ValueComparison() {}

    /**
     * The outcome of one comparison.
     *
     * @param verdict whether the values match
     * @param differingFields the paths that differ ({@code <value>} for the value as a whole), for a stale value
     * @param notCompared the paths left out because they were not loaded on one side or the other
     */
    public record Result(Verdict verdict, List<String> differingFields, List<String> notCompared) {

        public static final Result FRESH = new Result(Verdict.FRESH, List.of(), List.of());

        public Result {
            differingFields = List.copyOf(differingFields);
            notCompared = List.copyOf(notCompared);
        }

        public Result(Verdict verdict, List<String> differingFields) {
            this(verdict, differingFields, List.of());
        }

        static Result inconclusive() {
            return new Result(Verdict.INCONCLUSIVE, List.of());
        }

        static Result stale(List<String> fields) {
            return new Result(Verdict.STALE, fields.isEmpty() ? List.of(StateWalk.WHOLE_VALUE) : fields);
        }
    }

    /** Whether the cached value matches the source. */
    public enum Verdict {
        FRESH,
        STALE,
        INCONCLUSIVE
    }

    /**
     * Compares two values by their structure alone, without knowledge of entities beyond their annotations.
     *
     * @param cached the value the cache holds
     * @param source the value the source gives
     * @param ignored names (or paths) of fields that do not count
     */
    public static Result compare(@Nullable Object cached, @Nullable Object source, Set<String> ignored) {
        return compare(cached, source, ignored, ValueInspector.NONE);
    }

    /**
     * Compares two values.
     *
     * @param cached the value the cache holds
     * @param source the value the source gives
     * @param ignored names (or paths) of fields that do not count
     * @param inspector tells which values are entities and what their persistent state is
     */
    public static Result compare(
            @Nullable Object cached, @Nullable Object source, Set<String> ignored, ValueInspector inspector) {
        try {
            StateWalk walk = new StateWalk(ignored, inspector);
            walk.compare("", cached, source, 0);
            List<String> differing = new ArrayList<>(walk.differing());
            List<String> notCompared = new ArrayList<>(walk.notCompared());
            return differing.isEmpty()
                    ? new Result(Verdict.FRESH, List.of(), notCompared)
                    : new Result(Verdict.STALE, differing, notCompared);
        } catch (RuntimeException | ReflectiveOperationException | LinkageError | StackOverflowError ex) {
            return Result.inconclusive();
        }
    }
}
