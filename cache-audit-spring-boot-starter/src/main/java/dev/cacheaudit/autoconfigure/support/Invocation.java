package dev.cacheaudit.autoconfigure.support;

import org.jspecify.annotations.Nullable;

/**
 * The annotated method a thread is running, so that the cache operations it causes can be tied to it. Set by the
 * cache-annotation advice around the invocation; the cache decorator notes the miss that starts a load.
 */
public final class Invocation {

    private static final ThreadLocal<@Nullable Invocation> CURRENT = new ThreadLocal<>();

    private final String site;

    private long loadStartNanos;

    private Invocation(String site) {
        this.site = site;
    }

    /** The invocation the current thread is in, or {@code null} outside annotated methods. */
    public static @Nullable Invocation current() {
        return CURRENT.get();
    }

    /** Enters an invocation; returns the one it replaces, to be passed to {@link #exit(Invocation)}. */
    public static @Nullable Invocation enter(String site) {
        Invocation previous = CURRENT.get();
        CURRENT.set(new Invocation(site));
        return previous;
    }

    /** Leaves the current invocation, restoring the enclosing one. */
    public static void exit(@Nullable Invocation previous) {
        CURRENT.set(previous);
    }

    public String site() {
        return site;
    }

    /** When the load that a miss started began; {@code 0} when no miss was seen. */
    public long loadStartNanos() {
        return loadStartNanos;
    }

    public void loadStarted(long nanos) {
        this.loadStartNanos = nanos;
    }
}
