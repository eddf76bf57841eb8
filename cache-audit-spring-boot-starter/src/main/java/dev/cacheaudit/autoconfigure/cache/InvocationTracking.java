package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.autoconfigure.support.Invocation;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Spring's own cache interceptor, with a note of which method is running kept in a thread-local around it, so that
 * the cache operations the interceptor performs — hits included — are tied to the annotated method. Wrapping the
 * interceptor in place, rather than adding an advisor of our own, keeps the proxy's chain as long as it was: on a
 * cache hit the whole cost is the thread-local note.
 */
public final class InvocationTracking implements MethodInterceptor {

    private final MethodInterceptor cacheInterceptor;

    InvocationTracking(MethodInterceptor cacheInterceptor) {
        this.cacheInterceptor = cacheInterceptor;
    }

    /** The wrapped interceptor. */
    public MethodInterceptor cacheInterceptor() {
        return cacheInterceptor;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Invocation.Frames frames = Invocation.enter(CallSites.of(invocation.getMethod()), invocation);
        try {
            return cacheInterceptor.invoke(invocation);
        } finally {
            Invocation.exit(frames);
        }
    }
}
