package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Outcomes of Opsgenie API requests, for {@code GET /v2/alerts/requests/{requestId}}. */
@Component
public class OpsgenieRequests {

    private final JdbcClient jdbc;
    private final Clock clock;

    OpsgenieRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Request(UUID id, UUID integrationId, String action, boolean success, String status, UUID alertId,
            String alias, Instant processedAt) {
    }

    public UUID record(UUID integrationId, String action, boolean success, String status, UUID alertId, String alias) {
        var id = UUID.randomUUID();
        jdbc.sql("insert into opsgenie_request (id, integration_id, action, success, status, alert_id, alias,"
                + " processed_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, integrationId, action, success, status, alertId, alias, Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    public Optional<Request> find(UUID integrationId, UUID id) {
        return jdbc.sql("select * from opsgenie_request where id = ? and integration_id = ?").params(id, integrationId)
                .query((rs, n) -> new Request(rs.getObject("id", UUID.class), rs.getObject("integration_id", UUID.class),
                        rs.getString("action"), rs.getBoolean("success"), rs.getString("status"),
                        rs.getObject("alert_id", UUID.class), rs.getString("alias"),
                        rs.getTimestamp("processed_at").toInstant()))
                .optional();
    }
}
