package io.tocsin.alerts.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.catalog.Catalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Send a test alert" on a service page (issue 13): a critical alert through the same path as one from a monitoring
 * tool, so it opens or joins an incident by the service's rules and pages whoever the service's policy reaches now.
 * Test alerts of a service share their own dedup scope (not an integration's), each with a fresh key.
 */
@Component
public class TestAlerts {

    /** The alert sent, and the incident it opened or joined (if the service's rules made one). */
    public record Sent(UUID alertId, Optional<UUID> incidentId) {
    }

    private final AlertIngest ingest;
    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final Clock clock;

    TestAlerts(AlertIngest ingest, Catalog catalog, JdbcClient jdbc, Clock clock) {
        this.ingest = ingest;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sends one; {@code summary} is what the pages will say (the caller words it in the sender's language). */
    public Sent send(UUID serviceId, String summary, String by) {
        catalog.service(serviceId);
        var scope = UUID.nameUUIDFromBytes(("test-alerts:" + serviceId).getBytes(StandardCharsets.UTF_8));
        var key = "test-" + UUID.randomUUID();
        var outcome = ingest.trigger(new AlertIngest.Route(serviceId, null, null, scope),
                new Signal("test", key, summary, by, "critical", AlertSeverity.CRITICAL, null, null, clock.instant()));
        var incident = jdbc.sql("select incident_id from alert where id = ?").param(outcome.alertId())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class))).single();
        return new Sent(outcome.alertId(), incident);
    }
}
