package dev.cacheaudit.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The annotated test class runs against the Redis of {@link RedisServer} (the local one, or a Testcontainers container
 * when Docker is there), and is skipped as a whole when there is none: the build's report then counts its tests as
 * skipped and says why, where an {@code @BeforeAll} that aborts would leave a class with no tests run and no reason.
 * Tests that ask for Redis only in a test method already report their own skip with {@link RedisServer#require()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresRedisCondition.class)
public @interface RequiresRedis {}
