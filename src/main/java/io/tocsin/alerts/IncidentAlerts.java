package io.tocsin.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alerts that joined an incident, for modules that read an incident's story (search indexes them and compares
 * their sources for similar incidents, issue 18).
 */
@Component
@Transactional(readOnly = true)
public class IncidentAlerts {

    /** One alert of an incident; {@code integrationId} is its source (null for heartbeats and promoted ones). */
    public record LinkedAlert(UUID id, UUID incidentId, UUID integrationId, String integrationName, String summary,
            String source, AlertSeverity severity, Instant firstSeenAt) {
    }

    private final JdbcClient jdbc;

    IncidentAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The incident's alerts, oldest first (at most 200). */
    public List<LinkedAlert> of(UUID incidentId) {
        return jdbc.sql("""
                select a.id, a.incident_id, a.integration_id, i.name, a.summary, a.source, a.severity, a.first_seen_at
                from alert a left join alert_integration i on i.id = a.integration_id
                where a.incident_id = ? order by a.first_seen_at limit 200""")
                .param(incidentId)
                .query((rs, n) -> new LinkedAlert(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6),
                        AlertSeverity.valueOf(rs.getString(7)), instant(rs.getTimestamp(8))))
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
