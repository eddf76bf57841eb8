package dev.cacheaudit.autoconfigure.fleet;

import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.fleet.FleetTransport;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The fleet over Redis pub/sub on the application's own connection factory: one channel per application, and the fleet
 * key stored once in a hash next to it ({@code HSETNX}, so the first instance decides and the others read it).
 * Everything here runs on the fleet's own thread.
 */
final class RedisFleetTransport implements FleetTransport, AutoCloseable {

    private static final byte[] KEY_FIELD = "hmac-key".getBytes(StandardCharsets.UTF_8);

    private final RedisConnectionFactory connectionFactory;

    private final String channelBase;

    private final java.util.function.Supplier<String> scope;

    private byte @Nullable [] channel;

    private final byte[] keyHash;

    private final @Nullable String secret;

    private final Consumer<String> receiver;

    private final @Nullable BiConsumer<String, byte[]> keyspace;

    private @Nullable RedisMessageListenerContainer container;

    /**
     * @param connectionFactory the application's Redis
     * @param channel the pub/sub channel of this application's fleet, before its scope
     * @param scope what else the instances of the fleet share (see {@link FleetScope}); computed on the fleet thread
     * @param keyHash the hash holding the fleet key, when no secret is configured
     * @param secret the configured fleet key, or {@code null} to use the one stored in Redis
     * @param receiver takes every message published on the channel, such as {@link Fleet#receive(String)}
     * @param keyspace takes keyspace notifications of writes (event, key), such as {@link Fleet#keyspace}; {@code
     *     null} to leave keyspace notifications alone
     */
    RedisFleetTransport(
            RedisConnectionFactory connectionFactory,
            String channel,
            java.util.function.Supplier<String> scope,
            String keyHash,
            @Nullable String secret,
            Consumer<String> receiver,
            @Nullable BiConsumer<String, byte[]> keyspace) {
        this.connectionFactory = connectionFactory;
        this.channelBase = channel;
        this.scope = scope;
        this.keyHash = keyHash.getBytes(StandardCharsets.UTF_8);
        this.secret = secret;
        this.receiver = receiver;
        this.keyspace = keyspace;
    }

    @Override
    public byte[] connect() {
        byte[] key = secret != null ? secret.getBytes(StandardCharsets.UTF_8) : storedKey();
        if (container == null) {
            String scoped = scope.get();
            String name = scoped.isEmpty() ? channelBase : channelBase + ":" + scoped;
            channel = name.getBytes(StandardCharsets.UTF_8);
            RedisMessageListenerContainer listening = new RedisMessageListenerContainer();
            listening.setConnectionFactory(connectionFactory);
            listening.addMessageListener(
                    (message, pattern) -> receiver.accept(new String(message.getBody(), StandardCharsets.UTF_8)),
                    new ChannelTopic(name));
            BiConsumer<String, byte[]> notices = keyspace;
            if (notices != null) {
                KeyspaceNotifications.enable(connectionFactory);
                listening.addMessageListener(
                        (message, pattern) -> {
                            String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
                            notices.accept(channel.substring(channel.lastIndexOf(':') + 1), message.getBody());
                        },
                        List.of(new PatternTopic("__keyevent@*__:del"), new PatternTopic("__keyevent@*__:set")));
            }
            try {
                listening.setBeanName("cache-audit-fleet");
                listening.afterPropertiesSet();
                listening.start();
            } catch (RuntimeException ex) {
                destroy(listening);
                throw ex;
            }
            container = listening;
        }
        return key;
    }

    /** The key every instance shares: created by the first instance that finds none, read by every other. */
    private byte[] storedKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (RedisConnection connection = connectionFactory.getConnection()) {
            connection
                    .hashCommands()
                    .hSetNX(keyHash, KEY_FIELD, Base64.getEncoder().encode(fresh));
            Map<byte[], byte[]> stored = connection.hashCommands().hGetAll(keyHash);
            if (stored != null) {
                for (Map.Entry<byte[], byte[]> entry : stored.entrySet()) {
                    if (java.util.Arrays.equals(entry.getKey(), KEY_FIELD)) {
                        return Base64.getDecoder().decode(entry.getValue());
                    }
                }
            }
        }
        throw new IllegalStateException("The fleet key could not be read back from Redis");
    }

    @Override
    public void publish(String payload) {
        byte[] channel = this.channel;
        if (channel == null) {
            throw new IllegalStateException("The fleet is not connected yet");
        }
        try (RedisConnection connection = connectionFactory.getConnection()) {
            connection.commands().publish(channel, payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        RedisMessageListenerContainer listening = container;
        if (listening != null) {
            destroy(listening);
        }
    }

    private static void destroy(RedisMessageListenerContainer listening) {
        try {
            listening.destroy();
        } catch (Exception ex) {
            // Giving up on this container: nothing to tell the application, the fleet counts the failure.
        }
    }
}
