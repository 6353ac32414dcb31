package io.tocsin.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.identity.TeamRole;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.reports.internal.MonthlyFiring;
import io.tocsin.reports.internal.MonthlyMails;
import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.HumanTime;
import io.tocsin.shared.Timers;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monthly report e-mail per team (issue 16 point 3, R26): a team's manager turns it on; at 08:00 on the 1st in
 * Europe/Berlin each recipient gets exactly one mail (plain text and HTML) with the previous month's figures from
 * the reports, in the chosen language, even if the timer fires twice; the month after is scheduled and fires too;
 * turning it off cancels the timer; bad settings name their field and save nothing; only managers and
 * administrators may change it.
 */
class MonthlyReportMailTest extends IntegrationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    TestMailServer mail;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers durableTimers;

    @Autowired
    Timers timers;

    private record Team(String id, String name, Api manager, String serviceId) {
    }

    private Team team(String label) {
        String name = "Mail team " + label + " " + System.nanoTime();
        String id = admin().post("/api/v1/teams", Map.of("name", name)).expect(201).json().get("id").asString();
        var manager = createUser(Role.RESPONDER, "Mona Manager");
        identity.putMember(UUID.fromString(id), manager.id(), TeamRole.MANAGER);
        String serviceId = admin().post("/api/v1/services", Map.of("name", "mail-" + System.nanoTime(),
                "owningTeamId", id)).expect(201).json().get("id").asString();
        return new Team(id, name, new Api(baseUrl(), tokenFor(manager.id())), serviceId);
    }

    /** Moves the clock so that now and the next firing lie in consecutive months (not before 08:00 on a 1st). */
    private void awayFromAFirstMorning() {
        var now = clock.instant();
        var next = MonthlyFiring.next(now, BERLIN);
        if (!MonthlyFiring.reportedMonth(next, BERLIN).equals(YearMonth.from(now.atZone(BERLIN)))) {
            clock.advance(Duration.between(now, next).plusMinutes(1));
        }
    }

    private static String text(MimeMessage m) throws Exception {
        // SMTP carries CRLF line ends.
        return ((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    private static String html(MimeMessage m) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    }

    private void fireAt(Instant due) {
        clock.advance(Duration.between(clock.instant(), due).plusMinutes(1));
        durableTimers.runDue();
        worker.deliverDue();
    }

    @Test
    void eachRecipientGetsOneMailWithTheMonthsFiguresAndTheNextMonthFollows() throws Exception {
        awayFromAFirstMorning();
        var t = team("figures");
        var month = YearMonth.from(clock.instant().atZone(BERLIN));
        // Two incidents this month: severity 1, taken after 4 minutes, and severity 2, not taken, neither resolved.
        String first = admin().post("/api/v1/incidents", Map.of("summary", "Ledger down", "severity", 1,
                "serviceId", t.serviceId())).expect(201).json().get("key").asString();
        admin().post("/api/v1/incidents", Map.of("summary", "Ledger slow", "severity", 2, "serviceId", t.serviceId()))
                .expect(201);
        var responder = createUser(Role.RESPONDER, "Ida Incident");
        clock.advance(Duration.ofMinutes(4));
        admin().post("/api/v1/incidents/" + first + "/assign", Map.of("userId", responder.id().toString())).expect(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(tta_us) from report_incident where"
                + " team_id = ?").param(UUID.fromString(t.id())).query(Long.class).single() == 1);

        var member = createUser(Role.STAKEHOLDER, "Sven Stakeholder");
        String cfo = "cfo." + System.nanoTime() + "@example.org";
        var body = new HashMap<String, Object>(Map.of("userIds", List.of(member.id().toString()), "emails", List.of(cfo),
                "language", "de", "zone", "Europe/Berlin"));
        newUser(Role.RESPONDER, "Not A Manager").put("/api/v1/reports/monthly-mail/" + t.id(), body).expect(403);
        var saved = t.manager().put("/api/v1/reports/monthly-mail/" + t.id(), body).expect(200).json();
        var due = MonthlyFiring.at(month.plusMonths(1), BERLIN);
        assertThat(Instant.parse(saved.get("nextMailAt").asString())).isEqualTo(due);
        assertThat(due.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        assertThat(t.manager().get("/api/v1/reports/monthly-mail/" + t.id()).expect(200).json().get("emails").get(0)
                .asString()).isEqualTo(cfo);

        // One minute before 08:00 nothing goes out.
        clock.advance(Duration.between(clock.instant(), due).minusMinutes(1));
        durableTimers.runDue();
        worker.deliverDue();
        String subject = "Monatsbericht des Teams " + t.name();
        assertThat(mail.to(cfo, subject)).isEmpty();

        fireAt(due);
        // Fired twice for the same month (a retried batch): the outbox key names team and month, nothing new.
        timers.schedule(MonthlyMails.TIMER, t.id(), due, null);
        durableTimers.runDue();
        worker.deliverDue();
        for (var address : List.of(cfo, member.email())) {
            var got = mail.to(address, subject);
            assertThat(got).as(address).hasSize(1);
            var m = got.getFirst();
            assertThat(TestMailServer.subject(m)).contains(month.format(java.time.format.DateTimeFormatter
                    .ofPattern("LLLL yyyy", Locale.GERMAN)));
            assertThat(text(m)).contains("- Incidents: 2\n", "Schweregrad 1: 1, Schweregrad 2: 1, Schweregrad 3: 0",
                    "(MTTA): " + HumanTime.duration(Duration.ofMinutes(4), Locale.GERMAN) + "\n",
                    "(TTR): keine\n", "Alarmierungen: 0, davon nachts: 0",
                    "/reports?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth() + "&team=" + t.id());
            assertThat(html(m)).contains("lang=\"de\"", "<li>Incidents: 2</li>",
                    "&amp;team=" + t.id());
        }

        // The month after is scheduled at 08:00 Berlin again, and fires (now in English) with that month's figures.
        var then = MonthlyFiring.at(month.plusMonths(2), BERLIN);
        assertThat(timers.find(MonthlyMails.TIMER, t.id()).orElseThrow().dueAt()).isEqualTo(then);
        body.put("language", "en");
        t.manager().put("/api/v1/reports/monthly-mail/" + t.id(), body).expect(200);
        fireAt(then);
        var english = mail.to(cfo, "Monthly report of team " + t.name());
        assertThat(english).hasSize(1);
        assertThat(text(english.getFirst())).contains("- Incidents: 0\n", "Median time to acknowledge (MTTA): none");
        assertThat(timers.find(MonthlyMails.TIMER, t.id()).orElseThrow().dueAt())
                .isEqualTo(MonthlyFiring.at(month.plusMonths(3), BERLIN));
    }

    @Test
    void turningItOffCancelsTheTimer() {
        var t = team("off");
        t.manager().put("/api/v1/reports/monthly-mail/" + t.id(), Map.of("emails", List.of("ops." + System.nanoTime()
                + "@example.org"), "language", "en", "zone", "America/New_York")).expect(200);
        assertThat(timers.find(MonthlyMails.TIMER, t.id())).isPresent();
        t.manager().delete("/api/v1/reports/monthly-mail/" + t.id()).expect(204);
        assertThat(timers.find(MonthlyMails.TIMER, t.id())).isEmpty();
        t.manager().get("/api/v1/reports/monthly-mail/" + t.id()).expect(404);
        assertThat(t.manager().delete("/api/v1/reports/monthly-mail/" + t.id()).expect(404).contentType())
                .startsWith("application/problem+json");
    }

    @Test
    void badSettingsNameTheirFieldAndSaveNothing() {
        var t = team("bad");
        String path = "/api/v1/reports/monthly-mail/" + t.id();
        var tooMany = new ArrayList<String>();
        for (int i = 0; i <= MonthlyMails.MAX_RECIPIENTS; i++) {
            tooMany.add("r" + i + "@example.org");
        }
        var cases = Map.of(
                "zone", Map.<String, Object>of("emails", List.of("a@example.org"), "language", "en", "zone", "Mars/Olympus"),
                "emails[1]", Map.<String, Object>of("emails", List.of("a@example.org", "not an address"), "language", "en",
                        "zone", "UTC"),
                "recipients", Map.<String, Object>of("emails", tooMany, "language", "en", "zone", "UTC"),
                "language", Map.<String, Object>of("emails", List.of("a@example.org"), "language", "fr", "zone", "UTC"),
                "userIds[0]", Map.<String, Object>of("userIds", List.of("nope"), "language", "en", "zone", "UTC"));
        cases.forEach((field, body) -> {
            var bad = t.manager().put(path, body).expect(422);
            assertThat(bad.contentType()).as(field).startsWith("application/problem+json");
            assertThat(bad.body()).as(field).contains("\"" + field + "\"");
        });
        assertThat(t.manager().put(path, Map.of("userIds", List.of(UUID.randomUUID().toString()), "language", "en",
                "zone", "UTC")).expect(422).body()).contains("\"userIds[0]\"");
        assertThat(t.manager().put(path, Map.of("language", "en", "zone", "UTC")).expect(422).body())
                .contains("\"recipients\"");
        t.manager().get(path).expect(404);
        assertThat(timers.find(MonthlyMails.TIMER, t.id())).isEmpty();
        admin().put("/api/v1/reports/monthly-mail/" + UUID.randomUUID(), Map.of("emails", List.of("a@example.org"),
                "language", "en", "zone", "UTC")).expect(404);
    }
}
