package dev.cacheaudit.benchmarks;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How much of cache-audit is active. {@link #OFF} and {@link #FULL} are what users run; the other variants take the
 * starter apart (by property, or by removing one of its bean definitions) to show what each piece costs.
 */
public enum Auditing {

    /** {@code cache-audit.enabled=false}: plain Spring caching. */
    OFF(Map.of("cache-audit.enabled", "false"), null, false),

    /** The starter with its defaults. */
    FULL(Map.of(), null, false),

    /** The starter without the tracking of annotated methods around Spring's cache interceptor: only the {@code CacheManager}/{@code Cache} decorators. */
    DECORATOR_ONLY(Map.of(), "cacheAuditInvocationTracking", false),

    /** The starter without the {@code CacheManager} post-processor: only the tracking of annotated methods. */
    ADVISOR_ONLY(Map.of(), "cacheAuditCacheManagerPostProcessor", false),

    /** The starter with no hit handed to the engine ({@code hit-sample-rate=0}); hits are still counted. */
    FULL_NO_HIT_EVENTS(Map.of("cache-audit.recording.hit-sample-rate", "0"), null, false),

    /** The starter without the Lettuce command listener ({@code recording.redis-commands=false}). */
    FULL_NO_REDIS_LISTENER(Map.of("cache-audit.recording.redis-commands", "false"), null, false),

    /**
     * No cache-audit; the {@code CacheManager} is proxied the way the starter proxies it, by an interceptor that
     * hands back the same cache. Isolates the cost of the manager proxy from that of the recording.
     */
    MANAGER_PROXY_ONLY(Map.of("cache-audit.enabled", "false"), null, true);

    private final Map<String, String> properties;

    private final @Nullable String removedBean;

    private final boolean passThroughManagerProxy;

    Auditing(Map<String, String> properties, @Nullable String removedBean, boolean passThroughManagerProxy) {
        this.properties = properties;
        this.removedBean = removedBean;
        this.passThroughManagerProxy = passThroughManagerProxy;
    }

    Map<String, String> properties() {
        return properties;
    }

    @Nullable
    String removedBean() {
        return removedBean;
    }

    boolean passThroughManagerProxy() {
        return passThroughManagerProxy;
    }

    boolean decoratesCaches() {
        return this == FULL || this == DECORATOR_ONLY || this == FULL_NO_HIT_EVENTS || this == FULL_NO_REDIS_LISTENER;
    }

    boolean advisesMethods() {
        return this == FULL || this == ADVISOR_ONLY || this == FULL_NO_HIT_EVENTS || this == FULL_NO_REDIS_LISTENER;
    }
}
