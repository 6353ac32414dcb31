package io.tocsin.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.tocsin.alerts.AlertEvents;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's serializer (issue 10, ingest speed): the application's JSON, an event serialized once however many
 * listeners store it, and what it wrote read back as the same event.
 */
class EventSerializationTest extends IntegrationTest {

    @Autowired
    EventSerializer serializer;

    @Autowired
    JsonMapper json;

    @Test
    void theApplicationUsesThisSerializer() {
        assertThat(serializer).isInstanceOf(EventSerialization.OncePerEventSerializer.class);
    }

    @Test
    void anEventIsSerializedOncePerListenerRoundAndReadBackEqual() {
        var calls = new AtomicInteger();
        var counted = new EventSerialization.OncePerEventSerializer(() -> {
            calls.incrementAndGet();
            return json;
        });
        var event = new AlertEvents.AlertLinkedToIncident(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "INC-7", Instant.parse("2026-12-01T10:00:00Z"));
        Object first = counted.serialize(event);
        Object again = counted.serialize(event);
        assertThat(again).isSameAs(first);
        assertThat(calls).as("one serialization for the same event stored for several listeners").hasValue(1);
        assertThat(counted.deserialize(first, AlertEvents.AlertLinkedToIncident.class)).isEqualTo(event);
        assertThat(first).isEqualTo(json.writeValueAsString(event));

        var equalButNew = new AlertEvents.AlertLinkedToIncident(event.alertId(), event.serviceId(),
                event.incidentId(), event.incidentKey(), event.at());
        counted.serialize(equalButNew);
        assertThat(calls).as("another event object is serialized afresh (after one read)").hasValue(3);
    }
}
