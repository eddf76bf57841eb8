package dev.cacheaudit.test;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Asserts that a read through a cache is fresh: the value the application returns equals what the source of truth
 * returns now. Each assertion calls the read once, then the source once.
 *
 * @param <T> the type the read returns
 */
public final class FreshnessAssert<T> extends AbstractAssert<FreshnessAssert<T>, Supplier<? extends T>> {

    FreshnessAssert(Supplier<? extends T> read) {
        super(Objects.requireNonNull(read, "read"), FreshnessAssert.class);
    }

    /** Compares the two values with {@link Objects#deepEquals(Object, Object)}. */
    public FreshnessAssert<T> isFreshAgainst(Supplier<? extends T> source) {
        T cached = actual.get();
        T truth = source.get();
        if (!Objects.deepEquals(cached, truth)) {
            failStale(cached, truth, "");
        }
        return myself;
    }

    /** Compares the two values with a comparator: fresh when it returns 0. */
    public FreshnessAssert<T> isFreshAgainst(Supplier<? extends T> source, Comparator<? super T> comparator) {
        T cached = actual.get();
        T truth = source.get();
        if (comparator.compare(cached, truth) != 0) {
            failStale(cached, truth, "  compared with " + comparator + "\n");
        }
        return myself;
    }

    /**
     * Compares what matters of each value, for instance the cached DTO's name with the entity's name, or one field
     * of the same type on both sides: {@code isFreshAgainst(() -> repo.findById(42L), UserDto::name, User::getName)}.
     */
    public <S> FreshnessAssert<T> isFreshAgainst(
            Supplier<? extends S> source, Function<? super T, ?> readView, Function<? super S, ?> sourceView) {
        T cached = actual.get();
        S truth = source.get();
        Object cachedView = cached == null ? null : readView.apply(cached);
        Object truthView = truth == null ? null : sourceView.apply(truth);
        if (!Objects.deepEquals(cachedView, truthView)) {
            failStale(
                    cached,
                    truth,
                    "  compared: <" + cachedView + "> (read) vs <" + truthView + "> (source of truth)\n");
        }
        return myself;
    }

    private void failStale(@Nullable Object cached, @Nullable Object truth, String detail) {
        String message = "Expected the read through the cache to be fresh, but it returned a stale value.\n"
                + "  read through the cache: <" + cached + ">\n"
                + "  source of truth:        <" + truth + ">\n"
                + detail
                + "A write path changed the source without evicting or updating this entry, or evicted another key.";
        throw failureWithActualExpected(cached, truth, "%s", message);
    }
}
