package dev.cacheaudit.autoconfigure.verify;

import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;

/**
 * The calls that loaded cache entries, kept so that verification can make them again through the same proxy: that
 * works for services, for classes with class-level {@code @Transactional} and for Spring Data query methods alike.
 * Kept on misses only, and bounded: beyond its capacity, half of the calls kept are dropped, whichever come first in
 * the map's iteration order (a {@link ConcurrentHashMap} keeps no order of insertion, so they are not the oldest).
 */
public final class Loaders {

    private final Map<String, Loader> loaders = new ConcurrentHashMap<>();

    private final int capacity;

    public Loaders(int capacity) {
        this.capacity = capacity;
    }

    /** Remembers the call that missed a key of a cache. */
    public void remember(String cache, Object key, Object call) {
        if (!(call instanceof ProxyMethodInvocation invocation)) {
            return;
        }
        if (loaders.size() >= capacity) {
            Iterator<String> kept = loaders.keySet().iterator();
            for (int i = 0; i < capacity / 2 && kept.hasNext(); i++) {
                kept.next();
                kept.remove();
            }
        }
        loaders.put(
                id(cache, key.getClass().getSimpleName(), String.valueOf(key)),
                new Loader(
                        key,
                        invocation.getProxy(),
                        invocation.getMethod(),
                        invocation.getArguments().clone()));
    }

    /** The call that loaded an entry, or {@code null} when it is not known. */
    public @Nullable Loader get(String cache, String keyType, String printedKey) {
        return loaders.get(id(cache, keyType, printedKey));
    }

    private static String id(String cache, String keyType, String printedKey) {
        return cache + '|' + keyType + '|' + printedKey;
    }

    /**
     * One loading call.
     *
     * @param key the key object it was cached under
     * @param proxy the proxy it was made through
     * @param method the method
     * @param arguments its arguments
     */
    public record Loader(
            Object key,
            Object proxy,
            Method method,
            @Nullable Object[] arguments) {

        static @Nullable Object invoke(Loader loader) throws Exception {
            return loader.method.invoke(loader.proxy, loader.arguments);
        }
    }
}
