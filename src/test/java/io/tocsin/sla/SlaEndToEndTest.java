package io.tocsin.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 16's "shown by" for SLAs (R30, R6, R20), end to end over the HTTP API with the fast-forwarded clock, on H2
 * and PostgreSQL: a P1 with a 15-minute acknowledgement target reminds at 75 %, breaches and pages the incident
 * manager on call; a pause stops the clock; a business-hours SLA over a weekend and across a DST change counts only
 * open hours; a priority change recomputes the targets from the incident's start and says so.
 */
class SlaEndToEndTest extends SlaTestSupport {

    @Test
    void aP1WithAFifteenMinuteAcknowledgementTargetRemindsAt75PercentBreachesAndPagesTheImocR30() {
        var ivan = person("Ivan Imoc");
        var mia = person("Mia Manager");
        imoc(ivan);
        String serviceId = service();
        policy(serviceId, "P1", 15, 240, Map.of());
        String key = declare(mia.api(), serviceId, "HIGH", "HIGH");
        Instant declared = Instant.parse(admin().get("/api/v1/incidents/" + key).expect(200).json().get("declaredAt").asString());

        var ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(ack.get("state").asString()).isEqualTo("RUNNING");
        assertThat(duration(ack.get("target"))).isEqualTo(Duration.ofMinutes(15));
        assertThat(Instant.parse(ack.get("warnAt").asString())).isEqualTo(declared.plusSeconds(675));
        assertThat(Instant.parse(ack.get("breachAt").asString())).isEqualTo(declared.plus(Duration.ofMinutes(15)));
        assertThat(timeline(key, "en")).anySatisfy(t -> assertThat(t)
                .isEqualTo("SLA targets for P1 (24x7): acknowledge 15 min, resolve 4 h 0 min"));

        pass(Duration.ofMinutes(11));
        ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(duration(ack.get("elapsed"))).isEqualTo(Duration.ofMinutes(11));
        assertThat(duration(ack.get("remaining"))).isEqualTo(Duration.ofMinutes(4));
        assertThat(mailsAbout(ivan.account(), key)).as("no reminder before 75 %").isEmpty();

        pass(Duration.ofSeconds(15));
        assertThat(mailsAbout(ivan.account(), key)).as("reminded at 75 %: nobody has taken it, so the IMOC")
                .singleElement().satisfies(s -> assertThat(s).contains("SLA warning").contains("acknowledge"));
        assertThat(clockOf(key, "ACKNOWLEDGE").get("warnedAt").isNull()).isFalse();
        assertThat(timeline(key, "en")).anySatisfy(t -> assertThat(t).startsWith("SLA warning: 75 % of the acknowledge"
                + " target of 15 min used").endsWith("reminded: Ivan Imoc"));
        assertThat(runs(key)).as("nobody is paged yet").isEmpty();

        pass(Duration.ofMinutes(3).plusSeconds(44));
        assertThat(clockOf(key, "ACKNOWLEDGE").get("state").asString()).isEqualTo("RUNNING");
        pass(Duration.ofSeconds(1));
        ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(ack.get("state").asString()).isEqualTo("BREACHED");
        assertThat(Instant.parse(ack.get("breachedAt").asString())).isEqualTo(declared.plus(Duration.ofMinutes(15)));
        var runs = runs(key);
        assertThat(runs).as("the breach pages the incident manager on call").singleElement()
                .satisfies(r -> assertThat(r.get("kind").asString()).isEqualTo("IMOC"));
        assertThat(mailsAbout(ivan.email(), key)).as("the first page").hasSize(1);
        assertThat(mailsAbout(ivan.account(), key)).as("one reminder").hasSize(1);
        assertThat(timeline(key, "en")).anySatisfy(t -> assertThat(t).isEqualTo("SLA breached: the acknowledge target of"
                + " 15 min is exceeded; incident manager on call: paged"));
        assertThat(timeline(key, "de")).anySatisfy(t -> assertThat(t).isEqualTo("SLA verletzt: das Ziel „übernehmen“ von"
                + " 15 min ist überschritten; Incident-Manager in Bereitschaft: alarmiert"));

        // Firing the timers again changes nothing: the breach is recorded once.
        pass(Duration.ofMinutes(1));
        assertThat(timeline(key, "en").stream().filter(t -> t.startsWith("SLA breached"))).hasSize(1);

        mia.api().post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(ack.get("state").asString()).isEqualTo("BREACHED");
        assertThat(ack.get("stoppedAt").isNull()).isFalse();
        assertThat(clockOf(key, "RESOLVE").get("state").asString()).isEqualTo("RUNNING");
        assertThat(timeline(key, "en")).anySatisfy(t -> assertThat(t).startsWith("SLA missed: acknowledge after 16 min"));

        var report = admin().get("/api/v1/sla/compliance?from=" + declared.minusSeconds(1) + "&to="
                + declared.plusSeconds(1) + "&serviceId=" + serviceId).expect(200).json();
        assertThat(report.get("rows")).anySatisfy(r -> {
            assertThat(r.get("metric").asString()).isEqualTo("ACKNOWLEDGE");
            assertThat(r.get("priority").asString()).isEqualTo("P1");
            assertThat(r.get("met").asInt()).isZero();
            assertThat(r.get("breached").asInt()).isEqualTo(1);
            assertThat(r.get("percentage").asDouble()).isZero();
        });
        assertThat(report.get("breaches")).singleElement()
                .satisfies(b -> assertThat(b.get("incidentKey").asString()).isEqualTo(key));
        var csv = admin().get("/api/v1/sla/compliance?format=csv&from=" + declared.minusSeconds(1) + "&to="
                + declared.plusSeconds(1) + "&serviceId=" + serviceId).expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("priority,service,metric,met,breached,open,percentage\r\n")
                .contains("P1,sla-svc-").contains(",ACKNOWLEDGE,0,1,0,0.0\r\n").contains(key + ",P1,");

        // The same figures in the Reports page's SLA section, whose tables export like every report table.
        String period = "?from=" + declared.minusSeconds(1) + "&to=" + declared.plusSeconds(1) + "&service=" + serviceId;
        assertThat(admin().get("/api/v1/reports/csv/sla-breaches" + period).expect(200).body())
                .startsWith("Incident,Priority,Service,Metric,Target,Breached at,Counted time\r\n")
                .contains(key + ",P1,sla-svc-").contains(",acknowledge,15 min,");
        assertThat(admin().withHeader("Accept-Language", "de").get("/api/v1/reports/csv/sla-compliance" + period)
                .expect(200).body()).startsWith("Priorität,Service,").contains("P1,sla-svc-").contains(",übernehmen,0,1,0,");
    }

    @Test
    void aPauseStopsTheClockAndIsOnTheTimelineWithItsReasonR30() {
        var pia = person("Pia Pause");
        String serviceId = service();
        policy(serviceId, "P2", 30, null, Map.of());
        String key = declare(pia.api(), serviceId, "HIGH", "MEDIUM");
        assertThat(clockOf(key, "ACKNOWLEDGE").get("priority").asString()).isEqualTo("P2");

        pass(Duration.ofMinutes(10));
        var bad = pia.api().post("/api/v1/incidents/" + key + "/sla/pause", Map.of("waitingOn", "BOSS", "reason", " "))
                .expect(422).json();
        assertThat(bad.toString()).contains("waitingOn").contains("reason");
        pia.api().post("/api/v1/incidents/" + key + "/sla/pause", Map.of("waitingOn", "CUSTOMER",
                "reason", "Customer checks their firewall", "unknownField", true)).expect(200);
        pia.api().post("/api/v1/incidents/" + key + "/sla/pause", Map.of("waitingOn", "SUPPLIER", "reason", "again"))
                .expect(409);
        var ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(ack.get("state").asString()).isEqualTo("PAUSED");
        assertThat(ack.get("breachAt").isNull()).isTrue();

        pass(Duration.ofHours(2));
        ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(ack.get("state").asString()).as("two hours paused, no breach").isEqualTo("PAUSED");
        assertThat(duration(ack.get("elapsed"))).isEqualTo(Duration.ofMinutes(10));
        assertThat(sla(key).get("paused").asBoolean()).isTrue();
        assertThat(timeline(key, "en")).anySatisfy(t -> assertThat(t)
                .isEqualTo("SLA clocks paused: waiting on the customer (Customer checks their firewall)"));
        assertThat(timeline(key, "de")).anySatisfy(t -> assertThat(t)
                .isEqualTo("SLA-Uhren angehalten: Warten auf den Kunden (Customer checks their firewall)"));

        pia.api().post("/api/v1/incidents/" + key + "/sla/resume", Map.of()).expect(200);
        pia.api().post("/api/v1/incidents/" + key + "/sla/resume", Map.of()).expect(409);
        assertThat(timeline(key, "en")).anySatisfy(t -> assertThat(t).isEqualTo("SLA clocks resumed after a pause of 2 h 0 min"));
        ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(Instant.parse(ack.get("breachAt").asString())).isEqualTo(clock.instant().plus(Duration.ofMinutes(20)));
        pass(Duration.ofMinutes(19));
        assertThat(clockOf(key, "ACKNOWLEDGE").get("state").asString()).isEqualTo("RUNNING");
        pass(Duration.ofMinutes(1));
        assertThat(clockOf(key, "ACKNOWLEDGE").get("state").asString()).isEqualTo("BREACHED");
        assertThat(sla(key).get("pauses")).singleElement().satisfies(p -> {
            assertThat(p.get("waitingOn").asString()).isEqualTo("CUSTOMER");
            assertThat(p.get("endedAt").isNull()).isFalse();
        });
    }

    @Test
    void aBusinessHoursSlaOverAWeekendAndAcrossADstChangeCountsOnlyOpenHoursR30() {
        var paula = person("Paula Paged");
        // The nearest DST change of the two hemispheres' zones from where the shared clock stands.
        ZoneId zone = nextChange(ZoneId.of("Europe/Berlin")).isBefore(nextChange(ZoneId.of("Australia/Sydney")))
                ? ZoneId.of("Europe/Berlin") : ZoneId.of("Australia/Sydney");
        var change = nextChange(zone);
        var friday = change.atZone(zone).toLocalDate().with(TemporalAdjusters.previous(DayOfWeek.FRIDAY));
        Instant fridayFour = ZonedDateTime.of(friday, LocalTime.of(16, 0), zone).toInstant();
        if (!fridayFour.isAfter(clock.instant())) {
            change = zone.getRules().nextTransition(change).getInstant();
            friday = change.atZone(zone).toLocalDate().with(TemporalAdjusters.previous(DayOfWeek.FRIDAY));
            fridayFour = ZonedDateTime.of(friday, LocalTime.of(16, 0), zone).toInstant();
        }
        var monday = friday.plusDays(3);
        String serviceId = service();
        admin().put("/api/v1/services/" + serviceId + "/business-hours", Map.of("timeZone", zone.getId(),
                "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), "start", "09:00", "end", "17:00",
                "holidays", List.of())).expect(200);
        String escalationPolicy = admin().post("/api/v1/escalation-policies", Map.of("name", "sla-breach-" + System.nanoTime(),
                "repeatCount", 0, "levels", List.of(Map.of("timeoutMinutes", 5, "targets",
                        List.of(Map.of("type", "USER", "id", paula.id())))))).expect(201).json().get("id").asString();
        policy(serviceId, "P3", null, 120, Map.of("calendar", "BUSINESS_HOURS", "escalationPolicyId", escalationPolicy));
        passUntil(fridayFour);
        String key = declare(paula.api(), serviceId, "HIGH", "LOW");

        var resolve = clockOf(key, "RESOLVE");
        assertThat(resolve.get("calendar").asString()).isEqualTo("BUSINESS_HOURS");
        Instant mondayTen = ZonedDateTime.of(monday, LocalTime.of(10, 0), zone).toInstant();
        assertThat(Instant.parse(resolve.get("breachAt").asString())).as("one hour on Friday, one on Monday after " + change)
                .isEqualTo(mondayTen);
        Instant mondayNineThirty = ZonedDateTime.of(monday, LocalTime.of(9, 30), zone).toInstant();
        assertThat(Instant.parse(resolve.get("warnAt").asString())).isEqualTo(mondayNineThirty);

        pass(Duration.ofHours(1));
        assertThat(duration(clockOf(key, "RESOLVE").get("elapsed"))).isEqualTo(Duration.ofHours(1));
        passUntil(ZonedDateTime.of(friday.plusDays(2), LocalTime.of(12, 0), zone).toInstant());
        resolve = clockOf(key, "RESOLVE");
        assertThat(duration(resolve.get("elapsed"))).as("the weekend does not count").isEqualTo(Duration.ofHours(1));
        assertThat(resolve.get("warnedAt").isNull()).isTrue();

        passUntil(mondayNineThirty);
        resolve = clockOf(key, "RESOLVE");
        assertThat(duration(resolve.get("elapsed"))).isEqualTo(Duration.ofMinutes(90));
        assertThat(Duration.between(fridayFour, mondayNineThirty)).as("the wall-clock span includes the DST hour")
                .isNotEqualTo(Duration.ofHours(65).plusMinutes(30));
        assertThat(resolve.get("warnedAt").isNull()).as("warned at 75 % of two business hours").isFalse();
        assertThat(runs(key)).isEmpty();

        passUntil(mondayTen);
        assertThat(clockOf(key, "RESOLVE").get("state").asString()).isEqualTo("BREACHED");
        assertThat(runs(key)).as("the configured escalation policy pages").singleElement()
                .satisfies(r -> assertThat(r.get("kind").asString()).isEqualTo("POLICY"));
        assertThat(mailsAbout(paula.email(), key)).isNotEmpty();
        assertThat(timeline(key, "en")).anySatisfy(t -> assertThat(t).startsWith("SLA breached: the resolve target of 2 h 0 min"
                + " is exceeded; escalation policy sla-breach-").endsWith(": paged"));
    }

    @Test
    void aPriorityChangeRecomputesTheTargetsFromTheIncidentsStartAndSaysSoR6() {
        var rita = person("Rita Retarget");
        String serviceId = service();
        policy(serviceId, "P3", 120, null, Map.of());
        policy(serviceId, "P1", 15, null, Map.of());
        String key = declare(rita.api(), serviceId, "LOW", "HIGH");
        assertThat(duration(clockOf(key, "ACKNOWLEDGE").get("target"))).isEqualTo(Duration.ofMinutes(120));

        pass(Duration.ofMinutes(20));
        rita.api().patch("/api/v1/incidents/" + key, Map.of("urgency", "HIGH")).expect(200);
        var ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(ack.get("priority").asString()).isEqualTo("P1");
        assertThat(duration(ack.get("target"))).isEqualTo(Duration.ofMinutes(15));
        assertThat(ack.get("state").asString()).as("20 minutes since the start: the new target is breached")
                .isEqualTo("BREACHED");
        assertThat(timeline(key, "en")).anySatisfy(t -> assertThat(t).startsWith("Priority is now P1: SLA targets"
                + " recomputed from the incident's start at ").endsWith(": acknowledge 15 min, resolve none"));
        assertThat(timeline(key, "de")).anySatisfy(t -> assertThat(t).startsWith("Die Priorität ist jetzt P1"));

        rita.api().patch("/api/v1/incidents/" + key, Map.of("urgency", "LOW")).expect(200);
        ack = clockOf(key, "ACKNOWLEDGE");
        assertThat(duration(ack.get("target"))).isEqualTo(Duration.ofMinutes(120));
        assertThat(ack.get("state").asString()).as("back to 2 hours from the start: running again").isEqualTo("RUNNING");
        assertThat(duration(ack.get("remaining"))).isEqualTo(Duration.ofMinutes(100));
    }

    @Test
    void badPoliciesAreRefusedNamingTheFieldAndOnlyAdministratorsChangeThem() {
        String serviceId = service();
        var problem = admin().post("/api/v1/sla/policies", Map.of("name", "", "priority", "P9", "calendar", "MOON",
                "warningPercent", 120, "acknowledgeMinutes", 0, "serviceId", serviceId)).expect(422).json();
        assertThat(problem.toString()).contains("name").contains("priority").contains("calendar")
                .contains("warningPercent").contains("acknowledgeMinutes");
        assertThat(admin().post("/api/v1/sla/policies", Map.of("name", "x", "priority", "P1", "serviceId", serviceId))
                .expect(422).json().toString()).contains("acknowledgeMinutes");
        assertThat(admin().post("/api/v1/sla/policies", Map.of("name", "x", "priority", "P1", "acknowledgeMinutes", 5,
                "serviceId", java.util.UUID.randomUUID())).expect(422).json().toString()).contains("serviceId");
        admin().post("/api/v1/sla/policies", "{\"name\": \"x\", \"priority\": \"P1\", \"acknowledgeMinutes\": \"soon\"}")
                .expect(400);
        var created = policy(serviceId, "P4", null, 600, Map.of());
        policy(serviceId, "P5", null, 900, Map.of());
        admin().post("/api/v1/sla/policies", Map.of("name", "twin", "priority", "P4", "resolveMinutes", 60,
                "serviceId", serviceId)).expect(409);
        var responder = person("Rolf Responder");
        responder.api().post("/api/v1/sla/policies", Map.of("name", "mine", "priority", "P4", "resolveMinutes", 60))
                .expect(403);
        responder.api().delete("/api/v1/sla/policies/" + created.get("id").asString()).expect(403);
        var updated = admin().put("/api/v1/sla/policies/" + created.get("id").asString(), Map.of("name", "P4 longer",
                "priority", "P4", "resolveMinutes", 720, "serviceId", serviceId)).expect(200).json();
        assertThat(updated.get("resolveMinutes").asInt()).isEqualTo(720);
        assertThat(updated.get("warningPercent").asInt()).isEqualTo(75);
        admin().delete("/api/v1/sla/policies/" + created.get("id").asString()).expect(204);
        admin().get("/api/v1/sla/policies/" + created.get("id").asString()).expect(404);

        assertThat(admin().get("/api/v1/sla/compliance?from=yesterday&to=2026-03-01").expect(422).json().toString())
                .contains("from");
        assertThat(admin().get("/api/v1/sla/compliance?from=2026-03-02&to=2026-03-01").expect(422).json().toString())
                .contains("\"to\"");
        assertThat(admin().get("/api/v1/sla/compliance?from=2026-03-01&to=2026-03-02&priority=P0").expect(422).json()
                .toString()).contains("priority");
        assertThat(admin().get("/api/v1/sla/compliance?from=2026-03-01&to=2026-03-02&teamId=nope").expect(400).json()
                .toString()).contains("teamId");
    }

    private Instant nextChange(ZoneId zone) {
        return zone.getRules().nextTransition(clock.instant()).getInstant();
    }
}
