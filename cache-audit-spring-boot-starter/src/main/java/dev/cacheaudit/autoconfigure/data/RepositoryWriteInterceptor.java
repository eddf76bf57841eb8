package dev.cacheaudit.autoconfigure.data;

import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.autoconfigure.verify.SourceReads;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.SourceWrite;
import dev.cacheaudit.core.event.TxState;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.core.EntityInformation;

/**
 * Records the writes a Spring Data repository performs: {@code save*}, {@code delete*} and {@code @Modifying} query
 * methods, with the entity type, the identifier where it can be derived and the first application frame of the write
 * path. Recorded after the repository method returned normally; a failed write changed nothing.
 */
final class RepositoryWriteInterceptor implements MethodInterceptor {

    private static final String MODIFYING = "org.springframework.data.jpa.repository.Modifying";

    private final CacheAudit audit;

    private final TransactionProbe transactions;

    private final Class<?> domainType;

    private final @Nullable EntityInformation<?, ?> entityInformation;

    /** The kind of write each method performs; methods that do not write map to {@link #NOT_A_WRITE}. */
    private final Map<Method, Object> kinds = new ConcurrentHashMap<>();

    private static final Object NOT_A_WRITE = new Object();

    RepositoryWriteInterceptor(
            CacheAudit audit,
            TransactionProbe transactions,
            Class<?> domainType,
            @Nullable EntityInformation<?, ?> entityInformation) {
        this.audit = audit;
        this.transactions = transactions;
        this.domainType = domainType;
        this.entityInformation = entityInformation;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object kind = kinds.computeIfAbsent(invocation.getMethod(), RepositoryWriteInterceptor::kindOf);
        Object result = invocation.proceed();
        if (kind instanceof SourceWrite.Kind write) {
            try {
                record(write, invocation.getArguments(), result);
            } catch (Throwable ex) {
                audit.recordingFailed("a repository write", ex);
            }
        }
        return result;
    }

    private static Object kindOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().getName().equals(MODIFYING)) {
                return SourceWrite.Kind.BULK;
            }
        }
        String name = method.getName();
        if (name.startsWith("save")) {
            return SourceWrite.Kind.SAVE;
        }
        if (name.startsWith("delete") || name.startsWith("remove")) {
            return SourceWrite.Kind.DELETE;
        }
        return NOT_A_WRITE;
    }

    private void record(SourceWrite.Kind kind, @Nullable Object[] args, @Nullable Object result) {
        if (SourceReads.isVerificationRead()) {
            // A verification read's write is rolled back, and is not the application's.
            return;
        }
        String site = CallSites.firstApplicationFrame();
        TxState tx = transactions.current(false);
        long now = audit.nanoTime();
        if (kind == SourceWrite.Kind.BULK || args.length == 0) {
            audit.submit(new SourceWrite(domainType.getName(), null, SourceWrite.Kind.BULK, site, tx, now));
            return;
        }
        // save(entity) returns the saved entity, whose id is assigned; delete(entity) and deleteById(id) take it.
        Object subject = kind == SourceWrite.Kind.SAVE && result != null ? result : args[0];
        if (subject instanceof Iterable<?> many) {
            for (Object one : many) {
                audit.submit(new SourceWrite(domainType.getName(), idOf(one), kind, site, tx, now));
            }
        } else if (subject != null) {
            audit.submit(new SourceWrite(domainType.getName(), idOf(subject), kind, site, tx, now));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private @Nullable Object idOf(@Nullable Object subject) {
        if (subject == null) {
            return null;
        }
        if (domainType.isInstance(subject)) {
            EntityInformation information = entityInformation;
            return information != null ? information.getId(subject) : null;
        }
        // deleteById(id), deleteAllById(ids): the argument is the identifier itself.
        return subject;
    }
}
