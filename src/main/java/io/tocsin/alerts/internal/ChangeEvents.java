package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Change events (deployments, config pushes) from PagerDuty's {@code /v2/change/enqueue}: kept per service and put
 * on the timeline of its open incidents, and of incidents opened within the hour after, so responders see
 * whether the start coincided with a change.
 */
@Component
@Transactional
public class ChangeEvents {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IncidentLinker linker;

    ChangeEvents(JdbcClient jdbc, Clock clock, IncidentLinker linker) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.linker = linker;
    }

    public record Change(UUID id, UUID serviceId, String summary, String source, Instant occurredAt,
            Instant receivedAt) {
    }

    public UUID record(Integration integration, String summary, String source, Instant occurredAt, String details,
            String links) {
        var id = UUID.randomUUID();
        var now = clock.instant();
        var at = occurredAt == null || occurredAt.isAfter(now) ? now : occurredAt;
        jdbc.sql("""
                insert into change_event (id, service_id, integration_id, summary, source, occurred_at, received_at,
                       details, links) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, integration.serviceId(), integration.id(), summary, source, Timestamp.from(at),
                        Timestamp.from(now), details, links)
                .update();
        linker.onChange(integration.serviceId(), summary, source, at);
        return id;
    }

    @Transactional(readOnly = true)
    public List<Change> recent(UUID serviceId, int limit) {
        return jdbc.sql("select id, service_id, summary, source, occurred_at, received_at from change_event"
                + " where service_id = ? order by occurred_at desc limit ?").params(serviceId, limit)
                .query((rs, n) -> new Change(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }
}
