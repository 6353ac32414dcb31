package io.tocsin.identity.internal;

import java.time.Clock;
import java.time.Duration;

import io.tocsin.identity.AuditLog;
import io.tocsin.shared.BackgroundPoller;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the audit log for {@code tocsin.audit.retention} (default two years) and deletes older entries once an
 * hour. Deleting is idempotent, so several nodes may do it at once. Off with the other background work when
 * {@code tocsin.timers.enabled=false} (tests call {@link #purge()} themselves).
 */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditLog audit;
    private final Clock clock;
    private final Duration retention;
    private final boolean enabled;
    private final BackgroundPoller poller;

    AuditRetention(AuditLog audit, Clock clock, @Value("${tocsin.audit.retention:730d}") Duration retention,
            @Value("${tocsin.timers.enabled:true}") boolean enabled) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("tocsin.audit.retention must be positive, e.g. 730d");
        }
        this.audit = audit;
        this.clock = clock;
        this.retention = retention;
        this.enabled = enabled;
        this.poller = new BackgroundPoller("tocsin-audit-retention", Duration.ofHours(1).toMillis(), this::purge);
    }

    /** Deletes entries older than the retention; answers how many. */
    public int purge() {
        int deleted = audit.deleteOlderThan(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("Deleted {} audit log entries older than {}", deleted, retention);
        }
        return deleted;
    }

    public Duration retention() {
        return retention;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWhenReady() {
        if (enabled) {
            poller.start();
        }
    }

    @PreDestroy
    void stop() {
        poller.stop();
    }
}
