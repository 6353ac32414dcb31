package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.tocsin.catalog.Catalog;
import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.PolicyStore;
import io.tocsin.identity.Actor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import jakarta.mail.Message;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue point 8: runs, timers and deliveries survive a restart (the step that came due while the server was down
 * runs right after start, on time, and nothing already sent goes out again), and two nodes on one PostgreSQL
 * deliver every page exactly once. Real servers with the real clock and background pollers, so the repeat interval
 * is shortened to seconds through a command-line setting, as an operator would set it.
 */
class EscalationDurabilityTest {

    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final String[] ARGS = {"--tocsin.escalation.repeat-interval=PT3S"};

    record Org(String alice, String bob, String incidentKey, UUID incidentId) {
    }

    /** Alice (level 1) and Bob (level 2), each with a verified e-mail address; then a major incident on their service. */
    private static Org organiseAndDeclare(RunningApp app) {
        var identity = app.bean(Identity.class);
        var methods = app.bean(ContactMethods.class);
        var jdbc = app.bean(JdbcClient.class);
        long n = System.nanoTime();
        String alice = "alice." + n + "@example.org";
        String bob = "bob." + n + "@example.org";
        var ids = new UUID[2];
        int i = 0;
        for (String address : List.of(alice, bob)) {
            var user = identity.createUser(new Identity.NewUser(address.substring(0, address.indexOf('.')), address,
                    "Europe/Berlin", "en", Role.RESPONDER, "password-long-enough-" + n));
            var method = methods.add(user.id(), new ContactMethods.NewContactMethod(ContactMethodType.EMAIL, "Mail",
                    address, false)).method();
            // Verification by code is notify's own tested path; here the method is simply marked verified.
            jdbc.sql("update contact_method set verified_at = ? where id = ?")
                    .params(Timestamp.from(app.bean(Clock.class).instant()), method.id()).update();
            methods.addRule(user.id(), method.id(), 0);
            ids[i++] = user.id();
        }
        var service = app.bean(Catalog.class).createService(new Catalog.ServiceDraft("svc-" + n, null, null, null));
        var policies = app.bean(PolicyStore.class);
        var policy = policies.create(new PolicyStore.Draft("durable-" + n, null, 0, List.of(
                new PolicyStore.LevelDraft(5, List.of(new Policy.Target(Policy.TargetType.USER, ids[0]))),
                new PolicyStore.LevelDraft(5, List.of(new Policy.Target(Policy.TargetType.USER, ids[1]))))));
        policies.assign(service.id(), policy.id());
        var incident = app.bean(Incidents.class).declare(new Incident.Declaration("Checkout down", null, null, 1,
                service.id(), Set.of(), null, null, null, "test", null, null), Actor.SYSTEM);
        return new Org(alice, bob, incident.key(), incident.id());
    }

    /** Pages by e-mail (subject "[KEY] ..."; the verification code mails are not pages). */
    private static long mailsTo(RunningApp app, String address) {
        return Arrays.stream(app.bean(GreenMail.class).getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("[")
                        && Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    /** Every page of the incident went out exactly once: one row per idempotency key, one provider call per row. */
    private static void assertExactlyOnce(JdbcClient jdbc, UUID incidentId) {
        var rows = jdbc.sql("select status, attempts from notify_delivery where subject_id = ?")
                .param(incidentId.toString()).query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2)).list();
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r).isEqualTo("SENT/1"));
        long calls = jdbc.sql("select count(*) from notify_delivery_attempt a join notify_delivery d on d.id = a.delivery_id"
                + " where d.subject_id = ?").param(incidentId.toString()).query(Long.class).single();
        assertThat(calls).isEqualTo(rows.size());
    }

    /** When the step queued the attempt's delivery. */
    private static Instant queuedAt(JdbcClient jdbc, UUID incidentId, String attemptMarker) {
        return jdbc.sql("select created_at from notify_delivery where subject_id = ? and idempotency_key like ?")
                .params(incidentId.toString(), "%" + attemptMarker + "%").query(Timestamp.class).single().toInstant();
    }

    @Test
    void aRunWaitingOnItsTimerContinuesOnTimeAfterARestartWithNoDuplicate(@TempDir Path dir) {
        var db = TestDatabase.postgres() ? TestDatabase.create() : TestDatabase.h2File(dir);
        Org org;
        long aliceBefore;
        try (var app = RunningApp.start(db, ARGS)) {
            org = organiseAndDeclare(app);
            var jdbc = app.bean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(app, org.alice()) == 1
                    && jdbc.sql("select count(*) from notify_delivery where subject_id = ? and status = 'SENT'")
                            .param(org.incidentId().toString()).query(Long.class).single() == 1);
            aliceBefore = mailsTo(app, org.alice());
        }
        // Down for longer than the repeat interval: the next attempt came due while nobody was running.
        try (var app = RunningApp.start(db, ARGS)) {
            var started = app.bean(Clock.class).instant();
            var jdbc = app.bean(JdbcClient.class);
            // The mail reaches the server a moment before the worker records it as sent: wait for both.
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(app, org.bob()) == 1
                    && jdbc.sql("select count(*) from notify_delivery where subject_id = ? and status = 'SENDING'")
                            .param(org.incidentId().toString()).query(Long.class).single() == 0);
            // The test mail server outlives the restart (one per JVM), so it holds the attempts of both runs.
            assertThat(aliceBefore).isEqualTo(1);
            assertThat(mailsTo(app, org.alice())).as("three attempts in all, none twice").isEqualTo(3);
            var second = queuedAt(jdbc, org.incidentId(), ":L0:A1:");
            assertThat(Duration.between(started, second)).as("the overdue step ran right after the start")
                    .isLessThan(Duration.ofSeconds(5));
            var third = queuedAt(jdbc, org.incidentId(), ":L0:A2:");
            // The third is due an interval after the moment the second step began; a delivery's time is when it was
            // written, a little later in the same step (up to about a second on a loaded machine), hence the margin.
            assertThat(Duration.between(second, third)).isBetween(INTERVAL.minusSeconds(1), INTERVAL.plusSeconds(5));
            assertExactlyOnce(jdbc, org.incidentId());
        }
    }

    @Test
    void twoNodesOnOneDatabaseDeliverEveryPageExactlyOnce() {
        // H2 is the single-node database (an embedded file); several nodes need PostgreSQL, where timers and
        // deliveries are claimed with FOR UPDATE SKIP LOCKED. Run with -Dtocsin.test.db=postgresql.
        Assumptions.assumeTrue(TestDatabase.postgres(), "two nodes need PostgreSQL");
        var db = TestDatabase.create();
        try (var one = RunningApp.start(db, ARGS); var two = RunningApp.start(db, ARGS)) {
            var org = organiseAndDeclare(one);
            var jdbc = one.bean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(40)).until(() -> jdbc.sql("select status from escalation_run where"
                    + " subject_id = ? and kind = 'POLICY'").param(org.incidentId().toString()).query(String.class)
                    .single().equals("EXHAUSTED"));
            // Both nodes send to the one test mail server of this JVM: count there once.
            await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(one, org.bob()) == 3);
            assertThat(mailsTo(one, org.alice())).isEqualTo(3);
            assertThat(mailsTo(two, org.bob())).isEqualTo(3);
            assertExactlyOnce(jdbc, org.incidentId());
        }
    }
}
