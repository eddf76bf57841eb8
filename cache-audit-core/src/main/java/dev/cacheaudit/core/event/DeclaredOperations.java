package dev.cacheaudit.core.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cache operations the application declares in its annotations, found at start-up (from Spring's own parsing of
 * {@code @Cacheable}, {@code @CachePut}, {@code @CacheEvict} and {@code @Caching}).
 *
 * @param operations every declared operation
 * @param nanos when the analysis ran
 */
public record DeclaredOperations(List<Declared> operations, long nanos) implements CacheEvent {

    public DeclaredOperations {
        operations = List.copyOf(operations);
    }

    /** What a declared operation does. */
    public enum Kind {
        /** {@code @Cacheable}: reads, and puts on a miss. */
        READ,
        /** {@code @CachePut}. */
        PUT,
        /** {@code @CacheEvict} of one entry. */
        EVICT,
        /** {@code @CacheEvict(allEntries = true)}. */
        CLEAR
    }

    /**
     * One declared operation on one cache.
     *
     * @param cache the cache name
     * @param kind what it does
     * @param keyExpression the SpEL key expression, or an empty string for the default key
     * @param keyGenerator the name of a custom key generator bean, when one is named
     * @param parameterTypes the simple names of the method's parameter types
     * @param site the method ({@code class#method(args)})
     */
    public record Declared(
            String cache,
            Kind kind,
            String keyExpression,
            @Nullable String keyGenerator,
            List<String> parameterTypes,
            String site) {

        public Declared {
            parameterTypes = List.copyOf(parameterTypes);
        }

        /** Whether the key is Spring's default key (no expression, no custom generator). */
        public boolean defaultKey() {
            return keyExpression.isEmpty() && keyGenerator == null;
        }
    }
}
