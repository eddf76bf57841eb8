package dev.cacheaudit.autoconfigure.cache;

import dev.cacheaudit.autoconfigure.support.Invocation;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheEvictOperation;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;

/**
 * Spring's own cache interceptor, with a note of which method is running kept in a thread-local around it, so that
 * the cache operations the interceptor performs — hits included — are tied to the annotated method. Wrapping the
 * interceptor in place, rather than adding an advisor of our own, keeps the proxy's chain as long as it was: on a
 * cache hit the whole cost is the thread-local note.
 *
 * <p>It also sees the one eviction failure no cache decorator can see: a {@code @CacheEvict} whose key expression
 * gave {@code null}. Spring throws before it reaches the cache, after the method's own write has run, so the entry
 * the eviction was meant for stays cached.
 */
public final class InvocationTracking implements MethodInterceptor {

    /** How Spring's {@code CacheAspectSupport} starts the message of a key expression that gave {@code null}. */
    private static final String NULL_KEY = "Null key returned for cache operation [";

    private final MethodInterceptor cacheInterceptor;

    private final Supplier<@Nullable CacheRecorder> recorder;

    InvocationTracking(MethodInterceptor cacheInterceptor) {
        this(cacheInterceptor, () -> null);
    }

    /** Whether the call itself is kept with the note, for verification to make it again. */
    private final BooleanSupplier keepsCalls;

    InvocationTracking(MethodInterceptor cacheInterceptor, Supplier<@Nullable CacheRecorder> recorder) {
        this(cacheInterceptor, recorder, () -> true);
    }

    InvocationTracking(
            MethodInterceptor cacheInterceptor,
            Supplier<@Nullable CacheRecorder> recorder,
            BooleanSupplier keepsCalls) {
        this.cacheInterceptor = cacheInterceptor;
        this.recorder = recorder;
        this.keepsCalls = keepsCalls;
    }

    /** The wrapped interceptor. */
    public MethodInterceptor cacheInterceptor() {
        return cacheInterceptor;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Invocation.Frames frames =
                Invocation.enter(invocation.getMethod(), keepsCalls.getAsBoolean() ? invocation : null);
        try {
            return cacheInterceptor.invoke(invocation);
        } catch (IllegalArgumentException ex) {
            String message = ex.getMessage();
            if (message != null && message.startsWith(NULL_KEY)) {
                recordNullKeyEviction(invocation, message, ex);
            }
            throw ex;
        } finally {
            Invocation.exit(frames);
        }
    }

    /**
     * Records an eviction of this method whose key was {@code null}. The operation is found by the description Spring
     * put in its message, among this method's own operations, so that a nested cached call's failure passing through
     * is left to that call's own interceptor.
     */
    private void recordNullKeyEviction(MethodInvocation invocation, String message, IllegalArgumentException ex) {
        try {
            CacheRecorder target = recorder.get();
            if (target == null || !(cacheInterceptor instanceof CacheAspectSupport aspect)) {
                return;
            }
            CacheOperationSource source = aspect.getCacheOperationSource();
            Object bean = invocation.getThis();
            if (source == null || bean == null) {
                return;
            }
            Collection<CacheOperation> operations =
                    source.getCacheOperations(invocation.getMethod(), AopProxyUtils.ultimateTargetClass(bean));
            if (operations == null) {
                return;
            }
            for (CacheOperation operation : operations) {
                if (operation instanceof CacheEvictOperation && message.startsWith(NULL_KEY + operation + "]")) {
                    for (String cache : operation.getCacheNames()) {
                        target.evictionWithoutKey(cache, ex);
                    }
                    return;
                }
            }
        } catch (RuntimeException | LinkageError recordingFault) {
            // Recording must never change what the application's call throws.
        }
    }
}
