package dev.cacheaudit.autoconfigure.data;

import dev.cacheaudit.autoconfigure.support.CallSites;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.autoconfigure.verify.SourceReads;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.event.SourceWrite;
import java.io.Serial;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Records the writes Hibernate flushes, whatever caused them: a repository {@code save}, and also a managed entity
 * changed inside a transaction with no {@code save} at all (dirty checking). Runs on the flushing thread; a write seen
 * here and by the repository advice in one transaction counts once. The write path of a flush at commit is the code
 * that loaded entities in that transaction.
 */
final class HibernateWriteListener
        implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener, PostLoadEventListener {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient CacheAudit audit;

    private final transient TransactionProbe transactions;

    HibernateWriteListener(CacheAudit audit, TransactionProbe transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Notes, once per transaction, the code that loads entities in it: a managed entity changed by dirty checking is
     * flushed at commit, after that code has returned, and the write is attributed to it.
     */
    @Override
    public void onPostLoad(PostLoadEvent event) {
        try {
            transactions.noteSite(CallSites::firstApplicationFrame);
        } catch (Throwable ex) {
            audit.recordingFailed("the code that loads entities in a transaction", ex);
        }
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        record(event.getPersister(), event.getId(), SourceWrite.Kind.SAVE);
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        record(event.getPersister(), event.getId(), SourceWrite.Kind.SAVE);
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        record(event.getPersister(), event.getId(), SourceWrite.Kind.DELETE);
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }

    private void record(EntityPersister persister, Object id, SourceWrite.Kind kind) {
        if (SourceReads.isVerificationRead()) {
            // A verification read's write is rolled back, and is not the application's.
            return;
        }
        try {
            String site = transactions.transactionSite();
            audit.submit(new SourceWrite(
                    persister.getMappedClass().getName(),
                    id,
                    kind,
                    site != null ? site : CallSites.firstApplicationFrame(),
                    transactions.current(false),
                    audit.nanoTime()));
        } catch (Throwable ex) {
            audit.recordingFailed("a write flushed by Hibernate", ex);
        }
    }
}
