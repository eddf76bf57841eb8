package dev.cacheaudit.core.internal.engine;

import java.time.Duration;

/**
 * A thread of cache-audit's own, never the application's, for work that may wait on the network (verification
 * reads, the fleet channel). A daemon, so that it never keeps the JVM alive; its loop runs while its owner's flag
 * says so, and {@link #shutDown} wakes it from whatever it waits on.
 */
public final class AuditThread extends Thread {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

    public AuditThread(String name, Runnable loop) {
        super(loop, name);
        setDaemon(true);
    }

    /**
     * Wakes the thread, whose owner has already cleared its loop's flag, and waits a moment for it to end: long enough
     * for a loop that only needed waking, never as long as a hung source or Redis would take.
     */
    public void shutDown() {
        interrupt();
        try {
            join(SHUTDOWN_WAIT.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
