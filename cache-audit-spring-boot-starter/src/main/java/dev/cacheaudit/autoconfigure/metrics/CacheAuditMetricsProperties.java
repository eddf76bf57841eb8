package dev.cacheaudit.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How cache-audit publishes its Micrometer meters. The {@code cache} tag is bounded by limits.max-caches. */
@ConfigurationProperties("cache-audit.metrics")
public class CacheAuditMetricsProperties {

    /**
     * Whether the auditor's timers (cache.audit.staleness, cache.audit.eviction.duration) publish percentile
     * histograms, one series per bucket.
     */
    private boolean histograms = false;

    public boolean isHistograms() {
        return histograms;
    }

    public void setHistograms(boolean histograms) {
        this.histograms = histograms;
    }
}
