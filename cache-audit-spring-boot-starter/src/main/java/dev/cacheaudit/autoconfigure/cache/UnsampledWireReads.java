package dev.cacheaudit.autoconfigure.cache;

/**
 * Marks the thread while an audited Redis cache reads an entry whose wire command is not to be recorded, so that the
 * Lettuce command listener leaves out the {@code GET} the cache sends. The decorator counts every read itself and
 * samples them; recording each cache-bound {@code GET} a second time on the wire cost more than a kilobyte per hit
 * (the event and its analysis), for evidence the sampled reads already give. Reads the application sends by hand are
 * never marked.
 */
public final class UnsampledWireReads {

    /** One flag per thread, mutated in place: setting a {@link ThreadLocal} anew would cost more than the flag saves. */
    private static final ThreadLocal<boolean[]> MARKED = ThreadLocal.withInitial(() -> new boolean[1]);

    private UnsampledWireReads() {}

    /** Whether the current thread is inside a cache read whose wire command is not recorded. */
    public static boolean marked() {
        return MARKED.get()[0];
    }

    /** Marks or unmarks the current thread; returns the previous mark, for {@link #restore(boolean)}. */
    static boolean mark(boolean marked) {
        boolean[] flag = MARKED.get();
        boolean previous = flag[0];
        flag[0] = marked;
        return previous;
    }

    /** Puts back the mark that {@link #mark(boolean)} returned. */
    static void restore(boolean previous) {
        MARKED.get()[0] = previous;
    }
}
