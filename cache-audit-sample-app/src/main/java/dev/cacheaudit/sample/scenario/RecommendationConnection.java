package dev.cacheaudit.sample.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis connection behind the recommendations cache (scenario {@code swallowed-evict}): the application's own, or
 * one authenticated as a Redis user whose ACL denies {@code DEL} and {@code UNLINK} — as an operations team may hand
 * out to protect shared data — so that every eviction fails. That user is created at start-up and deleted when the
 * context closes, before the application's connection stops. Not a {@code RedisConnectionFactory} bean itself, so that
 * Spring Boot keeps configuring the application's.
 */
final class RecommendationConnection implements ApplicationListener<ContextClosedEvent>, DisposableBean {

    /** The Redis user that may not delete. */
    static final String USER_WITHOUT_DELETE = "sample-no-del";

    private final RedisConnectionFactory connectionFactory;

    private final @Nullable LettuceConnectionFactory owned;

    private final RedisConnectionFactory admin;

    private RecommendationConnection(
            RedisConnectionFactory connectionFactory,
            @Nullable LettuceConnectionFactory owned,
            RedisConnectionFactory admin) {
        this.connectionFactory = connectionFactory;
        this.owned = owned;
        this.admin = admin;
    }

    /** The application's own connection. */
    static RecommendationConnection shared(RedisConnectionFactory application) {
        return new RecommendationConnection(application, null, application);
    }

    /** A connection as {@value #USER_WITHOUT_DELETE}, created through the application's connection. */
    static RecommendationConnection withoutDelete(RedisConnectionFactory application, String host, int port) {
        String password = UUID.randomUUID().toString();
        acl(
                application,
                "SETUSER",
                USER_WITHOUT_DELETE,
                "reset",
                "on",
                ">" + password,
                "~*",
                "&*",
                "+@all",
                "-del",
                "-unlink");
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(host, port);
        configuration.setUsername(USER_WITHOUT_DELETE);
        configuration.setPassword(password);
        LettuceConnectionFactory restricted = new LettuceConnectionFactory(configuration);
        restricted.afterPropertiesSet();
        restricted.start();
        return new RecommendationConnection(restricted, restricted, application);
    }

    RedisConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** Deletes the user while the application's connection still runs: it is stopped before beans are destroyed. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (owned != null) {
            acl(admin, "DELUSER", USER_WITHOUT_DELETE);
        }
    }

    @Override
    public void destroy() {
        if (owned != null) {
            owned.destroy();
        }
    }

    private static void acl(RedisConnectionFactory connectionFactory, String... args) {
        byte[][] arguments = Arrays.stream(args)
                .map(arg -> arg.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        try (RedisConnection connection = connectionFactory.getConnection()) {
            connection.execute("ACL", arguments);
        }
    }
}
