package dev.cacheaudit.autoconfigure.verify;

import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a verification read in a transaction that is always rolled back, on the transaction manager that owns the data
 * it reads. Kept free of Spring's transaction types so that the starter runs where spring-tx is absent.
 */
public interface ReadTransactions {

    /** Where there is no transaction manager at all: the read runs as it is. */
    ReadTransactions NONE = (cache, bean, method, read) -> read.call();

    /**
     * Runs a read.
     *
     * @param cache the cache whose entry is verified
     * @param bean the bean whose method reads (the proxy a loading call went through, or a {@code SourceOfTruth})
     * @param method the method that reads
     * @param read the read itself
     * @return what the read returned
     * @throws SkippedRead when the read must not be made or its answer must not be believed
     * @throws Exception what the read threw
     */
    @Nullable
    Object call(String cache, Object bean, Method method, Callable<@Nullable Object> read) throws Exception;
}
