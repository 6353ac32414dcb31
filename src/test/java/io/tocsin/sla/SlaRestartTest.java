package io.tocsin.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.PolicyStore;
import io.tocsin.identity.Actor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.incidents.Impact;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Urgency;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import io.tocsin.sla.internal.SlaPolicies;
import io.tocsin.support.MutableClock;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestClockConfiguration;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SLA clocks are durable timers (issue 16 point 2, R30): a server stopped in the middle of a clock and started again
 * reminds and escalates on time with nothing lost or doubled, and two nodes on one PostgreSQL remind and escalate
 * once. Real servers with their background timer pollers, each on the fast-forwarded test clock (which starts
 * anew at the same instant in every server, so each is moved to the scenario's moment).
 */
class SlaRestartTest {

    private static final Class<?>[] TEST_CLOCK = {TestClockConfiguration.class};

    record Org(UUID incidentId, String key) {
    }

    /** A service with a P1 SLA (15 minutes to acknowledge) whose breach pages a policy, and a P1 incident on it. */
    private static Org organiseAndDeclare(RunningApp app) {
        long n = System.nanoTime();
        var user = app.bean(Identity.class).createUser(new Identity.NewUser("Rhea Restart", "rhea." + n + "@example.org",
                "Europe/Berlin", "en", Role.RESPONDER, "password-long-enough-" + n));
        var methods = app.bean(ContactMethods.class);
        var method = methods.add(user.id(), new ContactMethods.NewContactMethod(ContactMethodType.EMAIL, "Mail",
                user.email(), false)).method();
        app.bean(JdbcClient.class).sql("update contact_method set verified_at = ? where id = ?")
                .params(Timestamp.from(app.bean(java.time.Clock.class).instant()), method.id()).update();
        methods.addRule(user.id(), method.id(), 0);
        var service = app.bean(Catalog.class).createService(new Catalog.ServiceDraft("sla-restart-" + n, null, null, null));
        var escalation = app.bean(PolicyStore.class).create(new PolicyStore.Draft("sla-restart-" + n, null, 0, List.of(
                new PolicyStore.LevelDraft(5, null, List.of(new Policy.Target(Policy.TargetType.USER, user.id()))))));
        app.bean(SlaPolicies.class).create(new SlaPolicies.Draft("P1 restart " + n, "P1", service.id(), null, 15, null,
                "ALWAYS", null, escalation.id()));
        var incident = app.bean(Incidents.class).declare(new Incident.Declaration("Checkout slow", null, null, 3,
                service.id(), Set.of(), Urgency.HIGH, Impact.HIGH, null, "test", null, null), Actor.SYSTEM);
        return new Org(incident.id(), incident.key());
    }

    private static void moveTo(RunningApp app, java.time.Instant at) {
        app.bean(MutableClock.class).setTo(at);
    }

    private static long entries(JdbcClient jdbc, UUID incidentId, String event) {
        return jdbc.sql("select count(*) from timeline_entry where incident_id = ? and event = ?").params(incidentId, event)
                .query(Long.class).single();
    }

    private static boolean stamped(JdbcClient jdbc, UUID incidentId, String column) {
        return jdbc.sql("select count(*) from sla_clock where incident_id = ? and metric = 'ACKNOWLEDGE' and " + column
                + " is not null").param(incidentId).query(Long.class).single() == 1;
    }

    private static long policyRuns(JdbcClient jdbc, UUID incidentId) {
        return jdbc.sql("select count(*) from escalation_run where incident_id = ? and kind = 'POLICY'").param(incidentId)
                .query(Long.class).single();
    }

    private static boolean timerGone(JdbcClient jdbc, UUID incidentId) {
        return jdbc.sql("select count(*) from durable_timer where kind = 'sla.clock' and timer_key = ?")
                .param(incidentId + ":ACKNOWLEDGE").query(Long.class).single() == 0;
    }

    @Test
    void aRestartInTheMiddleOfAClockLosesNothingR30(@TempDir Path dir) {
        var db = TestDatabase.postgres() ? TestDatabase.create() : TestDatabase.h2File(dir);
        var start = TestClockConfiguration.START;
        Org org;
        try (var app = RunningApp.start(db, TEST_CLOCK)) {
            org = organiseAndDeclare(app);
            moveTo(app, start.plus(Duration.ofMinutes(5)));
            var jdbc = app.bean(JdbcClient.class);
            assertThat(stamped(jdbc, org.incidentId(), "warned_at")).isFalse();
            assertThat(jdbc.sql("select due_at from durable_timer where kind = 'sla.clock' and timer_key = ?")
                    .param(org.incidentId() + ":ACKNOWLEDGE").query(Timestamp.class).single().toInstant())
                    .as("the timer waits for 75 % of 15 minutes").isEqualTo(start.plusSeconds(675));
        }
        // Down meanwhile; the new server's clock starts where the scenario went on.
        try (var app = RunningApp.start(db, TEST_CLOCK)) {
            var jdbc = app.bean(JdbcClient.class);
            var sla = app.bean(io.tocsin.sla.internal.SlaWatch.class);
            moveTo(app, start.plus(Duration.ofMinutes(11)));
            var ack = sla.of(org.key()).clocks().getFirst();
            assertThat(ack.elapsed()).isEqualTo(Duration.ofMinutes(11));
            assertThat(ack.remaining()).isEqualTo(Duration.ofMinutes(4));

            moveTo(app, start.plusSeconds(675));
            await().atMost(Duration.ofSeconds(20)).until(() -> stamped(jdbc, org.incidentId(), "warned_at"));
            assertThat(stamped(jdbc, org.incidentId(), "breached_at")).isFalse();
            assertThat(policyRuns(jdbc, org.incidentId())).isZero();

            moveTo(app, start.plus(Duration.ofMinutes(15)));
            await().atMost(Duration.ofSeconds(20)).until(() -> stamped(jdbc, org.incidentId(), "breached_at")
                    && timerGone(jdbc, org.incidentId()));
            assertThat(policyRuns(jdbc, org.incidentId())).as("the breach pages the SLA's escalation policy").isEqualTo(1);
            assertThat(entries(jdbc, org.incidentId(), "sla.warning")).isEqualTo(1);
            assertThat(entries(jdbc, org.incidentId(), "sla.breached.policy")).isEqualTo(1);
        }
    }

    @Test
    void twoNodesRemindAndEscalateOnceR30() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "two nodes need PostgreSQL");
        var db = TestDatabase.create();
        var start = TestClockConfiguration.START;
        try (var one = RunningApp.start(db, TEST_CLOCK); var two = RunningApp.start(db, TEST_CLOCK)) {
            var org = organiseAndDeclare(one);
            var jdbc = one.bean(JdbcClient.class);
            moveTo(one, start.plus(Duration.ofMinutes(12)));
            moveTo(two, start.plus(Duration.ofMinutes(12)));
            await().atMost(Duration.ofSeconds(20)).until(() -> stamped(jdbc, org.incidentId(), "warned_at"));
            moveTo(one, start.plus(Duration.ofMinutes(16)));
            moveTo(two, start.plus(Duration.ofMinutes(16)));
            await().atMost(Duration.ofSeconds(20)).until(() -> stamped(jdbc, org.incidentId(), "breached_at")
                    && timerGone(jdbc, org.incidentId()));
            assertThat(entries(jdbc, org.incidentId(), "sla.warning")).isEqualTo(1);
            assertThat(entries(jdbc, org.incidentId(), "sla.breached.policy")).isEqualTo(1);
            assertThat(policyRuns(jdbc, org.incidentId())).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from notify_delivery where kind = 'REMINDER' and subject_id = ?")
                    .param(org.incidentId().toString()).query(Long.class).single()).as("nobody to remind: no manager, no IMOC")
                    .isZero();
        }
    }
}
