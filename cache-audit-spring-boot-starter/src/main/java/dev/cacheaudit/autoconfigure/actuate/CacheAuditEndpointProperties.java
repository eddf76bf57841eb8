package dev.cacheaudit.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Settings of the {@code cacheaudit} Actuator endpoint. */
@ConfigurationProperties("cache-audit.endpoint")
public class CacheAuditEndpointProperties {

    private final Probe probe = new Probe();

    /** Events kept, across all keys, for the timeline of a probed key. */
    private int timelineCapacity = 2048;

    public Probe getProbe() {
        return probe;
    }

    public int getTimelineCapacity() {
        return timelineCapacity;
    }

    public void setTimelineCapacity(int timelineCapacity) {
        if (timelineCapacity < 1) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.endpoint.timeline-capacity", timelineCapacity, "It must be at least 1.");
        }
        this.timelineCapacity = timelineCapacity;
    }

    /** The per-key probe, /actuator/cacheaudit/{cache}/probe?key=... */
    public static class Probe {

        /**
         * Whether the per-key probe is available: it reads the entry's state in the cache and, with verification on,
         * re-reads the key's source of truth (within the verification read budget).
         */
        private boolean enabled = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
