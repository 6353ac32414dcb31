package io.tocsin.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 16 (R30): incidents already open when an SLA policy starts to apply (the module newly installed, or the
 * policy created later) get their clocks from their real start, with what has passed computed as of now: an
 * incident already taken has its acknowledge clock stopped when it was taken; a target already exceeded is recorded
 * as breached when it was, without paging anyone now; the thresholds still ahead are watched as usual. Resolved
 * incidents get none. H2 and PostgreSQL.
 */
class SlaAdoptionTest extends SlaTestSupport {

    Instant declaredAt(String key) {
        return Instant.parse(admin().get("/api/v1/incidents/" + key).expect(200).json().get("declaredAt").asString());
    }

    @Test
    void openIncidentsGetClocksFromTheirStartWhenAPolicyIsCreated() {
        var mia = person("Mia Adopter");
        String serviceId = service();
        String taken = declare(mia.api(), serviceId, "HIGH", "HIGH");
        String untaken = declare(mia.api(), serviceId, "HIGH", "HIGH");
        String resolved = declare(mia.api(), serviceId, "HIGH", "HIGH");
        String lowPriority = declare(mia.api(), serviceId, "LOW", "LOW");
        pass(Duration.ofMinutes(5));
        mia.api().post("/api/v1/incidents/" + taken + "/assign", Map.of()).expect(200);
        mia.api().post("/api/v1/incidents/" + resolved + "/assign", Map.of()).expect(200);
        mia.api().post("/api/v1/incidents/" + resolved + "/resolve", Map.of("reason", "fixed")).expect(200);
        pass(Duration.ofMinutes(15));
        assertThat(sla(untaken).get("clocks")).as("no policy yet").isEmpty();

        policy(serviceId, "P1", 15, 60, Map.of());

        // Taken after about 5 minutes: the acknowledge target was met; the resolve clock runs from the declaration.
        var ack = clockOf(taken, "ACKNOWLEDGE");
        assertThat(ack.get("state").asString()).isEqualTo("MET");
        assertThat(duration(ack.get("elapsed"))).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
        var resolve = clockOf(taken, "RESOLVE");
        assertThat(resolve.get("state").asString()).isEqualTo("RUNNING");
        assertThat(duration(resolve.get("elapsed"))).isEqualTo(Duration.between(declaredAt(taken), clock.instant()));

        // Not taken for 20 minutes: breached at 15 minutes after the declaration, recorded, nobody paged now.
        ack = clockOf(untaken, "ACKNOWLEDGE");
        assertThat(ack.get("state").asString()).isEqualTo("BREACHED");
        assertThat(Instant.parse(ack.get("breachedAt").asString()))
                .isEqualTo(declaredAt(untaken).plus(Duration.ofMinutes(15)));
        assertThat(runs(untaken)).as("no page for a target that did not exist when it came due").isEmpty();
        assertThat(timeline(untaken, "en")).anySatisfy(t -> assertThat(t)
                .startsWith("SLA targets for P1 (24x7) now apply to this incident, open before the policy: counted from"
                        + " the incident's start at ")
                .endsWith(": acknowledge 15 min, resolve 1 h 0 min"));
        assertThat(timeline(untaken, "en")).anySatisfy(t -> assertThat(t)
                .startsWith("SLA breached before the policy applied: the acknowledge target of 15 min was exceeded at ")
                .endsWith("; not escalated"));
        assertThat(timeline(untaken, "de")).anySatisfy(t -> assertThat(t)
                .startsWith("SLA verletzt, bevor die Richtlinie galt: das Ziel „übernehmen“ von 15 min wurde am "));

        assertThat(sla(resolved).get("clocks")).as("resolved before the policy: no clock").isEmpty();
        assertThat(sla(lowPriority).get("clocks")).as("another priority: no clock").isEmpty();

        // The thresholds still ahead are watched: the resolve target warns at 45 minutes and breaches at 60.
        passUntil(declaredAt(untaken).plus(Duration.ofMinutes(45)));
        assertThat(clockOf(untaken, "RESOLVE").get("warnedAt").isNull()).isFalse();
        assertThat(timeline(untaken, "en")).anySatisfy(t -> assertThat(t).startsWith("SLA warning: 75 % of the resolve"));
        passUntil(declaredAt(untaken).plus(Duration.ofMinutes(60)));
        assertThat(clockOf(untaken, "RESOLVE").get("state").asString()).isEqualTo("BREACHED");
        assertThat(timeline(untaken, "en")).anySatisfy(t -> assertThat(t).startsWith("SLA breached: the resolve target"));
    }

    @Test
    void aChangedPolicyAdoptsTheIncidentsItNowMatchesOnce() {
        var ada = person("Ada Adopter");
        String serviceId = service();
        var policy = policy(serviceId, "P3", 30, 240, Map.of());
        String key = declare(ada.api(), serviceId, "HIGH", "HIGH"); // P1: the P3 policy does not apply
        pass(Duration.ofMinutes(10));
        assertThat(sla(key).get("clocks")).isEmpty();

        String id = policy.get("id").asString();
        var body = Map.<String, Object>of("name", policy.get("name").asString(), "priority", "P1", "serviceId", serviceId,
                "acknowledgeMinutes", 30, "resolveMinutes", 240);
        admin().put("/api/v1/sla/policies/" + id, body).expect(200);
        var ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(ack.get("state").asString()).isEqualTo("RUNNING");
        assertThat(duration(ack.get("elapsed"))).isEqualTo(Duration.between(declaredAt(key), clock.instant()));

        // Saving it again adds nothing: the incident has its clocks.
        admin().put("/api/v1/sla/policies/" + id, body).expect(200);
        assertThat(timeline(key, "en").stream().filter(t -> t.startsWith("SLA targets for P1"))).hasSize(1);
        assertThat(sla(key).get("clocks")).hasSize(2);
    }
}
