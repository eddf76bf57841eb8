package dev.cacheaudit.autoconfigure.verify;

import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs verification reads inside a read-only transaction of the application's transaction manager. */
public final class ReadOnlyCalls implements Function<Callable<@Nullable Object>, @Nullable Object> {

    private final TransactionTemplate template;

    public ReadOnlyCalls(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
        this.template.setReadOnly(true);
        this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public @Nullable Object apply(Callable<@Nullable Object> call) {
        return template.execute(status -> Calls.call(call));
    }
}
