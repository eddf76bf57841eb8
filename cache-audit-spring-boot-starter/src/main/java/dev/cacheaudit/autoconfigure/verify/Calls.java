package dev.cacheaudit.autoconfigure.verify;

import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Runs verification reads as they are, where no transaction manager exists. */
public final class Calls implements Function<Callable<@Nullable Object>, @Nullable Object> {

    @Override
    public @Nullable Object apply(Callable<@Nullable Object> call) {
        return call(call);
    }

    static @Nullable Object call(Callable<@Nullable Object> call) {
        try {
            return call.call();
        } catch (RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IllegalStateException("The source of truth could not be read", ex);
        }
    }
}
