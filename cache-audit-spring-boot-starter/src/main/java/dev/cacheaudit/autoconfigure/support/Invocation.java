package dev.cacheaudit.autoconfigure.support;

import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * The annotated method a thread is running, so that the cache operations it causes can be tied to it. Entered around
 * Spring's cache interceptor; the cache decorator notes the miss that starts a load. Frames are reused per thread, so
 * entering and leaving allocate nothing: this runs on every cache hit.
 */
public final class Invocation {

    private static final ThreadLocal<Frames> FRAMES = ThreadLocal.withInitial(Frames::new);

    private @Nullable String site;

    /** The annotated method, named only when a site is asked for: a hit that is not sampled never needs its name. */
    private @Nullable Method method;

    private long loadStartNanos;

    private @Nullable Object call;

    private Invocation() {}

    /** The invocation the current thread is in, or {@code null} outside annotated methods. */
    public static @Nullable Invocation current() {
        return FRAMES.get().current();
    }

    /** Enters an invocation; pass what it returns to {@link #exit(Frames)}. */
    public static Frames enter(String site) {
        return enter(site, null);
    }

    /**
     * Enters an invocation, keeping the call itself (an AOP {@code MethodInvocation}) so that verification can make it
     * again; pass what it returns to {@link #exit(Frames)}.
     */
    public static Frames enter(String site, @Nullable Object call) {
        Frames frames = FRAMES.get();
        frames.push(site, null, call);
        return frames;
    }

    /**
     * Enters an invocation of an annotated method, named ({@link CallSites#of(Method)}) only if its site is asked for;
     * pass what it returns to {@link #exit(Frames)}.
     */
    public static Frames enter(Method method, @Nullable Object call) {
        Frames frames = FRAMES.get();
        frames.push(null, method, call);
        return frames;
    }

    /** Leaves the current invocation, restoring the enclosing one. */
    public static void exit(Frames frames) {
        frames.pop();
    }

    public String site() {
        String current = site;
        if (current == null && method != null) {
            current = CallSites.of(method);
            site = current;
        }
        return current != null ? current : "unknown";
    }

    /** When the load that a miss started began; {@code 0} when no miss was seen. */
    public long loadStartNanos() {
        return loadStartNanos;
    }

    public void loadStarted(long nanos) {
        this.loadStartNanos = nanos;
    }

    /** The call being made, when it was kept. */
    public @Nullable Object call() {
        return call;
    }

    /** One thread's stack of invocations; annotated methods that call each other nest. */
    public static final class Frames {

        private Invocation[] stack = new Invocation[4];

        private int depth;

        private Frames() {}

        @Nullable
        Invocation current() {
            return depth > 0 ? stack[depth - 1] : null;
        }

        void push(@Nullable String site, @Nullable Method method, @Nullable Object call) {
            if (depth == stack.length) {
                stack = java.util.Arrays.copyOf(stack, depth * 2);
            }
            Invocation frame = stack[depth];
            if (frame == null) {
                frame = new Invocation();
                stack[depth] = frame;
            }
            // Reference fields are written only when they change: the frames are long-lived, and storing into an old
            // object costs a collector's write barrier on every cached call; the same method mostly runs again, and
            // then the site named for it before still holds.
            if (method == null || frame.method != method) {
                frame.method = method;
                frame.site = site;
            }
            if (frame.call != call) {
                frame.call = call;
            }
            frame.loadStartNanos = 0;
            depth++;
        }

        void pop() {
            if (depth > 0) {
                depth--;
                Invocation frame = stack[depth];
                if (frame.call != null) {
                    frame.call = null;
                }
            }
        }
    }
}
