package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

/**
 * Issue 17 point 6 (R8, R12, R14), the storm in CI size: 600 critical alerts on 6 services, sent by 16 concurrent
 * callers, all owned by one on-call person. Nothing is lost, every service's alerts form one incident, that person
 * is paged once per incident (not once per alert), and the pages due together reach the phone as one bundled SMS,
 * as do the level's repeated attempts.
 * {@code bench/.../AlertStormBenchmark} runs the full storm (10,000 alerts a minute for 10 minutes).
 */
class AlertStormPagingTest extends EscalationTestSupport {

    private static final int SERVICES = 6;
    private static final int ALERTS_PER_SERVICE = 100;
    private static final int ATTEMPTS = 3;

    @Test
    void onePagePerIncidentPerPersonAndTheSmsBundled() throws Exception {
        var stan = phoneResponder("Stan Storm", "SMS");
        int smsBefore = twilio.messagesTo(stan.destination()).size();
        var keys = new ArrayList<String>();
        var services = new ArrayList<String>();
        for (int s = 0; s < SERVICES; s++) {
            String serviceId = service(null);
            var level = new java.util.HashMap<>(level(30, user(stan)));
            level.put("attempts", ATTEMPTS);
            assign(serviceId, policy(0, level));
            services.add(serviceId);
            keys.add(integration(serviceId));
        }

        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < ALERTS_PER_SERVICE; i++) {
            for (int s = 0; s < SERVICES; s++) {
                String key = keys.get(s);
                String dedup = "storm-" + s + "-" + i;
                tasks.add(() -> anonymous().post("/v2/enqueue", Map.of("routing_key", key, "event_action", "trigger",
                        "dedup_key", dedup, "payload", Map.of("summary", "checkout " + dedup + " failing",
                                "source", "lb-1", "severity", "critical"))).status());
            }
        }
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (var answer : pool.invokeAll(tasks)) {
                assertThat(answer.get()).isEqualTo(202);
            }
        }

        var serviceIds = services.stream().map(UUID::fromString).toList();
        assertThat(count("select count(*) from alert where service_id in (" + marks() + ")", serviceIds))
                .as("every accepted alert is stored").isEqualTo(SERVICES * ALERTS_PER_SERVICE);
        List<UUID> incidents = jdbc.sql("select distinct incident_id from alert where service_id in (" + marks() + ")")
                .params(serviceIds.toArray()).query(UUID.class).list();
        assertThat(incidents).as("one incident per service, every alert in it").hasSize(SERVICES).doesNotContainNull();
        assertThat(count("select count(*) from escalation_run where kind <> 'IMOC' and incident_id in (" + marks()
                + ")", incidents)).as("one run per incident, however many alerts joined it").isEqualTo(SERVICES);

        worker.deliverDue();
        assertThat(jdbc.sql("select count(*) from notify_delivery where user_id = ? and kind in ('PAGE', 'BUNDLE')")
                .param(stan.id()).query(Long.class).single()).as("one page per incident for Stan").isEqualTo(SERVICES);
        var sms = twilio.messagesTo(stan.destination());
        assertThat(sms).as("the pages due together went out as one SMS").hasSize(smsBefore + 1);
        assertThat(sms.getLast().body()).startsWith("Tocsin: " + SERVICES + " new alerts: ");

        // The level pages again each minute until its attempts are used up: each time one SMS for all six incidents.
        minutesPass(10);
        var all = twilio.messagesTo(stan.destination());
        assertThat(all.subList(smsBefore, all.size())).as("one SMS per attempt, each bundling the six incidents")
                .hasSize(ATTEMPTS).allSatisfy(m -> assertThat(m.body()).startsWith("Tocsin: " + SERVICES + " new alerts: "));
    }

    private long count(String sql, List<UUID> ids) {
        return jdbc.sql(sql).params(ids.toArray()).query(Long.class).single();
    }

    private static String marks() {
        return String.join(", ", java.util.Collections.nCopies(SERVICES, "?"));
    }
}
