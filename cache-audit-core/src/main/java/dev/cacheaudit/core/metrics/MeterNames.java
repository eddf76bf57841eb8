package dev.cacheaudit.core.metrics;

/** The names of the auditor's meters and tags, in one place. */
public final class MeterNames {

    public static final String OPERATIONS = "cache.audit.operations";

    public static final String FINDINGS = "cache.audit.findings";

    public static final String WRITES = "cache.audit.writes";

    public static final String EVICTION_DURATION = "cache.audit.eviction.duration";

    public static final String VERIFICATIONS = "cache.audit.verifications";

    public static final String STALENESS = "cache.audit.staleness";

    public static final String CONSISTENCY = "cache.audit.consistency";

    public static final String EVENTS_DROPPED = "cache.audit.events.dropped";

    public static final String EVENTS_QUEUED = "cache.audit.events.queued";

    public static final String INTERNAL_ERRORS = "cache.audit.internal.errors";

    public static final String STATE_FORGOTTEN = "cache.audit.state.forgotten";

    public static final String STATE_SIZE = "cache.audit.state.size";

    public static final String FINDINGS_DROPPED = "cache.audit.findings.dropped";

    public static final String FINDINGS_ACTIVE = "cache.audit.findings.active";

    /** The {@code cache} tag of caches beyond {@link MeterSettings#maxCaches()}. */
    public static final String OTHER_CACHES = "_other";

    public static final String TAG_CACHE = "cache";

    public static final String TAG_KIND = "kind";

    public static final String TAG_SEVERITY = "severity";

    public static final String TAG_RESULT = "result";

    public static final String TAG_OUTCOME = "outcome";

    public static final String TAG_WINDOW = "window";

    public static final String TAG_WHERE = "where";

    private MeterNames() {}
}
