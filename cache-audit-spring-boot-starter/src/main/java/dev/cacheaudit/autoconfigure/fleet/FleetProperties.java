package dev.cacheaudit.autoconfigure.fleet;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Fleet membership: how the instances of one application find each other through Redis. */
@ConfigurationProperties("cache-audit.fleet")
public class FleetProperties {

    /**
     * Whether instances exchange fingerprints of their writes through Redis. Unset means on when the application has
     * a Redis connection factory, off otherwise.
     */
    private @Nullable Boolean enabled;

    /** Prefix of the pub/sub channel and of the key holding the fleet key; the application name follows it. */
    private String channelPrefix = "cache-audit:fleet";

    /** Id of this instance in the fleet. Unset means host name, process id and a random suffix. */
    private @Nullable String instanceId;

    /**
     * Key of the keyed hash under which identifiers travel, shared by every instance. Unset means a random key stored
     * once in Redis under the channel prefix and read by every instance.
     */
    private @Nullable String secret;

    /** Most messages this instance sends per second; more are dropped and counted. */
    private int maxMessagesPerSecond = 200;

    /** How often this instance announces itself to the fleet. */
    private Duration heartbeatInterval = Duration.ofSeconds(5);

    /** How many locally cached entries are remembered by the fingerprint of their identifier. */
    private int maxTrackedEntries = 100_000;

    /**
     * Whether Redis keyspace notifications are used to find writes of other clients in the application's key
     * namespaces (FOREIGN_WRITE). {@code auto} turns on the notification classes it needs where the server allows
     * CONFIG SET, and otherwise logs how to turn them on.
     */
    private KeyspaceEvents keyspaceEvents = KeyspaceEvents.OFF;

    /** Checks the values, with a message that names the property. */
    public void validate() {
        if (maxMessagesPerSecond < 1) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.fleet.max-messages-per-second", maxMessagesPerSecond, "It must be at least 1.");
        }
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.fleet.heartbeat-interval", heartbeatInterval, "It must be positive.");
        }
        if (maxTrackedEntries < 1) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.fleet.max-tracked-entries", maxTrackedEntries, "It must be at least 1.");
        }
        if (secret != null && secret.length() < 16) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.fleet.secret", "(hidden)", "It must be at least 16 characters long.");
        }
        if (channelPrefix.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.fleet.channel-prefix", channelPrefix, "It must not be blank.");
        }
    }

    public KeyspaceEvents getKeyspaceEvents() {
        return keyspaceEvents;
    }

    public void setKeyspaceEvents(KeyspaceEvents keyspaceEvents) {
        this.keyspaceEvents = keyspaceEvents;
    }

    /** Whether keyspace notifications are used. */
    public enum KeyspaceEvents {
        /** Subscribe, and enable the needed notification classes where CONFIG SET is allowed. */
        AUTO,
        /** Do not use keyspace notifications. */
        OFF
    }

    public @Nullable Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(@Nullable Boolean enabled) {
        this.enabled = enabled;
    }

    public String getChannelPrefix() {
        return channelPrefix;
    }

    public void setChannelPrefix(String channelPrefix) {
        this.channelPrefix = channelPrefix;
    }

    public @Nullable String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(@Nullable String instanceId) {
        this.instanceId = instanceId;
    }

    public @Nullable String getSecret() {
        return secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    public int getMaxMessagesPerSecond() {
        return maxMessagesPerSecond;
    }

    public void setMaxMessagesPerSecond(int maxMessagesPerSecond) {
        this.maxMessagesPerSecond = maxMessagesPerSecond;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public int getMaxTrackedEntries() {
        return maxTrackedEntries;
    }

    public void setMaxTrackedEntries(int maxTrackedEntries) {
        this.maxTrackedEntries = maxTrackedEntries;
    }
}
