package dev.cacheaudit.sample;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Invalidation of caches held in each instance's memory, across every instance of the sample: {@link #evict} removes
 * the entry here and tells the other instances through Redis pub/sub, whose listener removes their copies. Instances
 * on the same database share the channel; an instance ignores what it sent itself. Without Redis (the in-memory
 * fallback) there is one instance and the eviction stays local.
 */
public final class LocalInvalidations implements MessageListener {

    private static final String CHANNEL_PREFIX = "sample:local-invalidations:";

    private final CacheManager localCaches;

    private final @Nullable StringRedisTemplate redis;

    private final String scope;

    private final String channel;

    private final String sender = UUID.randomUUID().toString();

    LocalInvalidations(
            CacheManager localCaches,
            @Nullable StringRedisTemplate redis,
            @Nullable RedisMessageListenerContainer listeners,
            DataSource dataSource,
            RedisNamespace namespace) {
        this.localCaches = Objects.requireNonNull(localCaches, "localCaches");
        this.redis = listeners == null ? null : redis;
        this.scope = scope(dataSource);
        this.channel = namespace.name(CHANNEL_PREFIX + scope);
        if (listeners != null && redis != null) {
            listeners.addMessageListener(this, new ChannelTopic(channel));
        }
    }

    /**
     * The channel, one per database and in the sample's namespace: runs on their own in-memory databases never evict
     * each other's entries.
     */
    public String channel() {
        return channel;
    }

    /** What tells this application's database apart in channel names (a hash of its JDBC URL). */
    public String scope() {
        return scope;
    }

    /** Evicts the entry of {@code id} from a local cache here and on every other instance. */
    public void evict(String cache, long id) {
        evictHere(cache, id);
        StringRedisTemplate template = redis;
        if (template != null) {
            template.convertAndSend(channel, sender + "\t" + cache + "\t" + id);
        }
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        String[] fields = new String(message.getBody(), StandardCharsets.UTF_8).split("\t", -1);
        if (fields.length != 3 || fields[0].equals(sender)) {
            return;
        }
        try {
            evictHere(fields[1], Long.parseLong(fields[2]));
        } catch (NumberFormatException ex) {
            // Not one of ours: the channel is public to anyone on this Redis.
        }
    }

    private void evictHere(String cache, long id) {
        Cache local = localCaches.getCache(cache);
        if (local != null) {
            local.evict(id);
        }
    }

    private static String scope(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            byte[] url = connection.getMetaData().getURL().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().toHexDigits(java.util.Arrays.hashCode(url));
        } catch (SQLException ex) {
            throw new IllegalStateException("Cannot read the database URL that scopes the invalidation channel", ex);
        }
    }
}
