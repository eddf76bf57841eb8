package dev.cacheaudit.autoconfigure.metrics;

import dev.cacheaudit.core.metrics.MeterSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How cache-audit publishes its Micrometer meters. The {@code cache} tag is bounded by limits.max-caches. */
@ConfigurationProperties("cache-audit.metrics")
public class CacheAuditMetricsProperties {

    /**
     * Whether the auditor's timers (cache.audit.staleness, cache.audit.eviction.duration) publish percentile
     * histograms, one series per bucket.
     */
    private boolean histograms = false;

    /** The meters' settings, with the {@code cache} tag bounded like the tracked caches. */
    public MeterSettings toSettings(int maxCaches) {
        return new MeterSettings(maxCaches, histograms);
    }

    public boolean isHistograms() {
        return histograms;
    }

    public void setHistograms(boolean histograms) {
        this.histograms = histograms;
    }
}
