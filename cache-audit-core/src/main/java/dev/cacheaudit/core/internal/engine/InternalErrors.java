package dev.cacheaudit.core.internal.engine;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the faults the auditor survived, by where they happened, and makes sure none is silent: the first fault of
 * each kind is logged at WARN with what stops working while it lasts; the rest are counted only. Safe to use from any
 * thread; counting never throws and never locks on the hot path.
 */
public final class InternalErrors {

    private static final Logger logger = LoggerFactory.getLogger(InternalErrors.class);

    /** How many distinct kinds of fault are remembered as already logged; beyond that faults are only counted. */
    private static final int MAX_LOGGED_KINDS = 256;

    /** Where a fault happened: the value of the {@code where} tag of {@code cache.audit.internal.errors}. */
    public enum Where {

        /** The recording layer, on the application's thread: an operation or write that could not be recorded. */
        RECORDING("the recording layer could not record"),

        /** The engine's state, updating itself from an event (a key whose {@code hashCode} threw, say). */
        STATE("the engine could not take into account"),

        /** A detector, analysing an event or on its periodic tick. */
        DETECTOR("a detector failed on"),

        /** An {@code AuditListener} (the meters, the log of findings, one of the application's), told of an event. */
        LISTENER("a listener failed on"),

        /** The verifier, re-reading a cached entry or its source. */
        VERIFIER("the verifier could not check"),

        /** The engine's analysis thread died and was restarted. */
        ENGINE_THREAD("the engine's analysis thread died on");

        private final String tag;

        private final String says;

        Where(String says) {
            this.tag = name().toLowerCase(Locale.ROOT).replace('_', '-');
            this.says = says;
        }

        /** The tag value, such as {@code recording} or {@code engine-thread}. */
        public String tag() {
            return tag;
        }
    }

    private final Map<Where, LongAdder> counts = new EnumMap<>(Where.class);

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public InternalErrors() {
        for (Where where : Where.values()) {
            counts.put(where, new LongAdder());
        }
    }

    /**
     * Counts a fault, and logs it at WARN when it is the first of its kind (same place, same subject, same exception
     * type). The line names the exception's type, never its message, which may hold a key or a value.
     *
     * @param where where it happened
     * @param subject what could not be handled, in words (e.g. {@code "a cache operation"})
     * @param consequence what stops working while such faults last (e.g. {@code "hits and misses of this cache are
     *     not analysed"})
     * @param fault what was thrown
     */
    public void record(Where where, String subject, String consequence, Throwable fault) {
        counts.get(where).increment();
        try {
            String kind = where.tag + '|' + subject + '|' + fault.getClass().getName();
            if (logged.size() < MAX_LOGGED_KINDS && logged.add(kind)) {
                logger.warn(
                        "cache-audit: {} {} because of {}; {} while this lasts. The application is not affected."
                                + " Further faults of this kind are only counted in"
                                + " cache.audit.internal.errors, tag where={}.",
                        where.says,
                        subject,
                        fault.getClass().getName(),
                        consequence,
                        where.tag);
            }
            if (logger.isDebugEnabled()) {
                logger.debug("cache-audit internal error ({})", where.tag, fault);
            }
        } catch (Throwable ex) {
            // Logging must not turn one fault into another: the fault is counted already.
        }
    }

    /** How many faults happened at one place. */
    public long count(Where where) {
        return counts.get(Objects.requireNonNull(where, "where")).sum();
    }

    /** How many faults happened in all. */
    public long total() {
        long total = 0;
        for (LongAdder count : counts.values()) {
            total += count.sum();
        }
        return total;
    }
}
