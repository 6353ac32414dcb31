package io.tocsin.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.incidents.IncidentEvents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports follow an incident through its events (R20, issue 16 point 3), but a timeline entry changes nothing in the
 * report row: it must not cost a stored event publication in the transaction that writes it, since an incident
 * gets several on the way to its first page (issue 10, no regression in EscalationBenchmark).
 */
class ReportFeedPublicationsTest extends IntegrationTest {

    @Autowired
    Timeline timeline;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aTimelineEntryStoresNoPublicationForReportsWhileAChangeOfTheIncidentDoes() {
        var created = admin().post("/api/v1/incidents", Map.of("summary", "Ledger slow", "severity", 3)).expect(201).json();
        var id = UUID.fromString(created.get("id").asString());
        String key = created.get("key").asString();
        // Publications are stored in the publishing transaction: counted there, before they can complete.
        long forEntry = new TransactionTemplate(transactions).execute(s -> {
            timeline.recordSystem(id, key, "note", List.of(TimelineArg.text("checked")), Actor.SYSTEM, clock.instant());
            return reportPublications("TimelineEntryAdded", id);
        });
        assertThat(forEntry).isZero();
        long forChange = new TransactionTemplate(transactions).execute(s -> {
            events.publishEvent(new IncidentEvents.SeverityChanged(id, key, 3, 2, "worse", Actor.SYSTEM, clock.instant()));
            return reportPublications("SeverityChanged", id);
        });
        assertThat(forChange).as("a change of the incident's row is stored for the report feed").isEqualTo(1);
    }

    // Counted by event type and incident: the incident's own declaration may still be queued for the background
    // listeners (one thread per two cores), and its publication is not what is asked about here.
    private long reportPublications(String eventType, UUID incidentId) {
        return jdbc.sql("select count(*) from event_publication where listener_id like '%ReportFeed%'"
                + " and completion_date is null and event_type like ? and serialized_event like ?")
                .params("%" + eventType, "%" + incidentId + "%").query(Long.class).single();
    }
}
