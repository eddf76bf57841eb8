package dev.cacheaudit.core.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The cache operations the application declares in its annotations, found at start-up (from Spring's own parsing of
 * {@code @Cacheable}, {@code @CachePut}, {@code @CacheEvict} and {@code @Caching}).
 *
 * @param operations every declared operation
 * @param holdings which entity types each cache holds, from {@code @Cacheable} return types and from configuration
 * @param nanos when the analysis ran
 */
public record DeclaredOperations(List<Declared> operations, List<Holding> holdings, long nanos) implements CacheEvent {

    /** Declared operations without entity holdings. */
    public DeclaredOperations(List<Declared> operations, long nanos) {
        this(operations, List.of(), nanos);
    }

    public DeclaredOperations {
        operations = List.copyOf(operations);
        holdings = List.copyOf(holdings);
    }

    /**
     * A cache holds values of an entity type, so a write of that entity should invalidate it.
     *
     * @param cache the cache name
     * @param entity the fully qualified class name of the entity
     * @param source where this was learned: {@code return-type} or {@code configuration}
     */
    public record Holding(String cache, String entity, String source) {}

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
