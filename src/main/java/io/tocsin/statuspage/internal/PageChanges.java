package io.tocsin.statuspage.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Marks that something visitors see has changed: the pages' version grows in the same transaction (every other
 * node polls it and rebuilds), and this node rebuilds its snapshot right after the commit, so the writer reads
 * its own change at once.
 */
@Component
public class PageChanges {

    private static final Object MARK = PageChanges.class;

    private final JdbcClient jdbc;
    private final Snapshots snapshots;

    PageChanges(JdbcClient jdbc, Snapshots snapshots) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
    }

    public void changed() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            bump();
            snapshots.rebuild();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(MARK)) {
            return;
        }
        bump();
        TransactionSynchronizationManager.bindResource(MARK, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(MARK);
                if (status == STATUS_COMMITTED) {
                    snapshots.rebuild();
                }
            }
        });
    }

    private void bump() {
        jdbc.sql("update status_page_version set version = version + 1 where singleton = 1").update();
    }
}
