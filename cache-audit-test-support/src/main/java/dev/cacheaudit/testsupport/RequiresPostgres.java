package dev.cacheaudit.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The annotated test class runs against the PostgreSQL server of {@link PostgresServer}, and is skipped as a whole
 * when nothing answers there: the build's report then counts its tests as skipped and says why, where an
 * {@code @BeforeAll} that aborts would leave a class with no tests run and no reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresPostgresCondition.class)
public @interface RequiresPostgres {}
