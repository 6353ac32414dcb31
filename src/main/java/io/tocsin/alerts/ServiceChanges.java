package io.tocsin.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change events (deployments, config pushes) a service received, for modules that tell an incident's story
 * after the fact: a postmortem's timeline starts before the impact did.
 */
@Component
@Transactional(readOnly = true)
public class ServiceChanges {

    /** One change event: what changed, which tool said so, when it happened and when Tocsin heard of it. */
    public record ServiceChange(UUID id, UUID serviceId, String summary, String source, Instant occurredAt,
            Instant receivedAt) {
    }

    private final JdbcClient jdbc;

    ServiceChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The service's changes that happened in [from, to) and reached Tocsin before {@code receivedBefore}, oldest first. */
    public List<ServiceChange> between(UUID serviceId, Instant from, Instant to, Instant receivedBefore, int limit) {
        return jdbc.sql("""
                select id, service_id, summary, source, occurred_at, received_at from change_event
                where service_id = ? and occurred_at >= ? and occurred_at < ? and received_at < ?
                order by occurred_at limit ?""")
                .params(serviceId, Timestamp.from(from), Timestamp.from(to), Timestamp.from(receivedBefore), limit)
                .query((rs, n) -> new ServiceChange(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
                .list();
    }
}
