package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.support.FakePushService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Push first (R12, issue 19 point 1) end to end: an alert pages the on-call person on their phone through Web Push;
 * the notification's Acknowledge action (the signed link the service worker posts) acknowledges the incident, so
 * the level 1 repeats and level 2 never happen.
 */
class PushEscalationTest extends EscalationTestSupport {

    @Autowired
    FakePushService push;

    private Person pushResponder(String name, FakePushService.Device device) {
        var p = responder(name);
        String methodId = p.api().post("/api/v1/me/contact-methods", device.contactMethod("Phone")).expect(201).json()
                .get("id").asString();
        worker.deliverDue();
        String code = device.received().getLast().payload().get("code").asString();
        p.api().post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", code)).expect(200);
        rule(p, methodId, 0);
        return new Person(p.id(), p.name(), p.api(), device.endpoint());
    }

    @Test
    void thePushAcknowledgeActionStopsTheEscalation() {
        var device = push.newDevice();
        var first = pushResponder("Pat Push", device);
        var second = emailResponder("Bob Backup");
        String serviceId = service(null);
        assign(serviceId, policy(0, level(5, user(first)), level(5, user(second))));
        String key = integration(serviceId);
        int before = device.received().size();

        trigger(key, "push-ack", "critical");
        worker.deliverDue();
        assertThat(device.received()).hasSize(before + 1);
        var page = device.received().getLast();
        assertThat(page.urgency()).isEqualTo("high");
        assertThat(page.payload().get("title").asString()).startsWith("Tocsin: INC-");

        var done = browse("POST", page.payload().get("acknowledgeUrl").asString());
        assertThat(done.status()).isEqualTo(200);
        var run = runOfAlert(alertId(serviceId, "push-ack"));
        assertThat(run.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(run.get("answeredVia").asString()).isEqualTo("PUSH");
        assertThat(run.get("answeredByName").asString()).isEqualTo("Pat Push");

        minutesPass(12);
        assertThat(device.received()).as("no repeat on level 1").hasSize(before + 1);
        assertThat(mailTo(second.destination())).as("level 2 never reached").isEmpty();
    }
}
