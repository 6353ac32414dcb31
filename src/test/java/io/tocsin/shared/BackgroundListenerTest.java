package io.tocsin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background listeners (report rows, status page components) run on their own small pool after commit, while
 * every other module listener keeps its virtual thread (issue 10: no regression in EscalationBenchmark, where
 * these listeners running side by side delayed the first page). Both keep a stored publication.
 */
@Import(BackgroundListenerTest.Listeners.class)
class BackgroundListenerTest extends IntegrationTest {

    record Happened(String what) {
    }

    static class Listeners {
        final CompletableFuture<Thread> background = new CompletableFuture<>();
        final CompletableFuture<Thread> module = new CompletableFuture<>();

        @BackgroundListener
        void background(Happened e) {
            background.complete(Thread.currentThread());
        }

        @ApplicationModuleListener
        void module(Happened e) {
            module.complete(Thread.currentThread());
        }

        // The bean is a proxy (@Async, @Transactional): its state is reached through methods, not fields.
        CompletableFuture<Thread> backgroundThread() {
            return background;
        }

        CompletableFuture<Thread> moduleThread() {
            return module;
        }
    }

    @Autowired
    Listeners listeners;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aBackgroundListenerRunsOnItsPoolAfterCommitAndOtherListenersKeepTheirVirtualThreads() throws Exception {
        long stored = new TransactionTemplate(transactions).execute(s -> {
            events.publishEvent(new Happened("x"));
            assertThat(listeners.backgroundThread()).as("nothing runs before commit").isNotDone();
            return jdbc.sql("select count(*) from event_publication where listener_id like '%BackgroundListenerTest%'"
                    + " and completion_date is null").query(Long.class).single();
        });
        assertThat(stored).as("both listeners store a publication, retried after a crash").isEqualTo(2);

        Thread background = listeners.backgroundThread().get(10, java.util.concurrent.TimeUnit.SECONDS);
        Thread module = listeners.moduleThread().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(background.getName()).startsWith("background-listener-");
        assertThat(background.isVirtual()).isFalse();
        assertThat(module.isVirtual()).as("Boot's own executor is still there for the others").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from event_publication"
                + " where listener_id like '%BackgroundListenerTest%'").query(Long.class).single() == 0);
    }
}
