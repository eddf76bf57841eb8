package dev.cacheaudit.autoconfigure.verify;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the verifier's source reads on a thread of their own, each within a timeout and inside a transaction that is
 * always rolled back ({@link ReadTransactions}). The verifier waits for a read at most
 * {@code cache-audit.verification.timeout}; a read that takes longer is abandoned, interrupted and counted. Only one
 * read is ever in flight: while a hung one has not returned, further reads are refused at once
 * ({@link SkipReason#BUSY}), so a hung source holds at most one connection. {@link #close()} interrupts the read and
 * waits for nothing.
 *
 * <p>Every read not made, or not believed, is counted by cache and reason and logged at WARN the first time for a
 * cache; a loading method found to begin a transaction of its own is never called again.
 */
public final class SourceReads implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SourceReads.class);

    private final ReadTransactions transactions;

    private final long timeoutNanos;

    private final ExecutorService executor;

    private final AtomicBoolean inFlight = new AtomicBoolean();

    private volatile @Nullable Thread reader;

    private volatile @Nullable Future<?> current;

    private final Map<String, Map<SkipReason, LongAdder>> skipped = new ConcurrentHashMap<>();

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private final Set<String> ownTransactions = ConcurrentHashMap.newKeySet();

    /**
     * @param transactions wraps each read in a rolled-back transaction of the manager that owns its data
     * @param timeout how long the verifier waits for one read
     */
    public SourceReads(ReadTransactions transactions, Duration timeout) {
        this.transactions = transactions;
        this.timeoutNanos = timeout.toNanos();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new ReaderThread(task);
            reader = thread;
            return thread;
        });
    }

    /**
     * Whether the current thread makes verification reads. What it writes is rolled back or refused, and is not the
     * application's doing: recorders of writes ignore it.
     */
    public static boolean isVerificationRead() {
        return Thread.currentThread() instanceof ReaderThread;
    }

    /** Whether the current thread is the one source reads run on, for which audited caches are transparent. */
    public boolean isReaderThread() {
        return Thread.currentThread() == reader;
    }

    /**
     * Reads the source.
     *
     * @param cache the cache whose entry is verified
     * @param bean the bean whose method reads
     * @param method the method that reads
     * @param read the read
     * @return what the read returned
     * @throws SkippedRead when the read was not made or is not believed (already counted)
     * @throws Exception what the source threw
     */
    public @Nullable Object read(String cache, Object bean, Method method, Callable<@Nullable Object> read)
            throws Exception {
        String loader = cache + '|' + method.getDeclaringClass().getName() + '#' + method.getName();
        if (ownTransactions.contains(loader)) {
            throw skip(cache, SkipReason.OWN_TRANSACTION);
        }
        if (!inFlight.compareAndSet(false, true)) {
            throw skip(cache, SkipReason.BUSY);
        }
        AtomicBoolean started = new AtomicBoolean();
        Future<@Nullable Object> future;
        try {
            future = executor.submit(() -> {
                if (!started.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return transactions.call(cache, bean, method, read);
                } finally {
                    inFlight.set(false);
                }
            });
        } catch (RuntimeException ex) {
            inFlight.set(false);
            throw skip(cache, SkipReason.FAILED);
        }
        current = future;
        try {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            abandon(future, started);
            throw skip(cache, SkipReason.TIMEOUT);
        } catch (InterruptedException ex) {
            abandon(future, started);
            Thread.currentThread().interrupt();
            throw skip(cache, SkipReason.TIMEOUT);
        } catch (CancellationException ex) {
            throw skip(cache, SkipReason.TIMEOUT);
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof SkippedRead skip) {
                if (skip.reason() == SkipReason.OWN_TRANSACTION) {
                    ownTransactions.add(loader);
                }
                throw skip(cache, skip.reason());
            }
            if (cause instanceof InvocationTargetException invocation && invocation.getCause() != null) {
                cause = invocation.getCause();
            }
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw skip(cache, SkipReason.FAILED);
        } finally {
            current = null;
        }
    }

    /** Gives up on a read: one that never started is dropped, one that runs is interrupted and finishes on its own. */
    private void abandon(Future<?> future, AtomicBoolean started) {
        if (started.compareAndSet(false, true)) {
            inFlight.set(false);
        }
        future.cancel(true);
    }

    /** Counts a read that was not made or not believed. */
    SkippedRead skip(String cache, SkipReason reason) {
        skipped.computeIfAbsent(cache, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new LongAdder())
                .increment();
        if (warned.add(cache + '|' + reason)) {
            logger.warn("cache-audit did not verify an entry of cache '{}': {}", cache, reason.description());
        }
        return new SkippedRead(reason);
    }

    /** Reads of one cache not made or not believed for a reason. */
    public long skipped(String cache, SkipReason reason) {
        Map<SkipReason, LongAdder> counts = skipped.get(cache);
        LongAdder count = counts != null ? counts.get(reason) : null;
        return count != null ? count.sum() : 0;
    }

    /** Whether a read is running (or hung) now. */
    public boolean reading() {
        return inFlight.get();
    }

    /** The thread source reads run on; its type tells that a write comes from a verification read. */
    private static final class ReaderThread extends Thread {

        ReaderThread(Runnable task) {
            super(task, "cache-audit-verifier-read");
            setDaemon(true);
        }
    }

    @Override
    public void close() {
        Future<?> running = current;
        if (running != null) {
            running.cancel(true);
        }
        executor.shutdownNow();
    }
}
