package io.tocsin.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.TestMailServer;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review meeting and the due reminders end to end (R28, issue 12 "Shown by"): the invitation reaches owner,
 * reviewers and incident manager through notify's outbox as a valid iCalendar REQUEST attachment, parsed back with
 * ical4j; moving the meeting keeps the UID and raises the SEQUENCE; an unpublished postmortem reminds its owner when
 * it falls due, once per day, and publishing ends the reminders. Runs on H2 and PostgreSQL.
 */
class MeetingAndRemindersTest extends LearningTestSupport {

    @Autowired
    DurableTimers timers;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    TestMailServer mail;

    @Test
    void theMeetingInvitationArrivesAsAValidICalendarAttachment() throws Exception {
        var s = resolvedIncident(2, "Invoices", Duration.ofMinutes(20));
        var reviewer = createUser(Role.RESPONDER, "Renate Reviewer");
        String base = "/api/v1/incidents/" + s.key() + "/postmortem";
        s.managerApi().patch(base, Map.of("reviewerIds", List.of(reviewer.id().toString()))).expect(200);
        Instant at = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);

        var bad = s.managerApi().put(base + "/meeting", Map.of("at", clock.instant().minus(Duration.ofHours(1)).toString(),
                "minutes", 5)).expect(422).body();
        assertThat(bad).contains("\"at\"").contains("minutes");
        s.managerApi().put(base + "/meeting", Map.of("at", at.toString(), "minutes", 45)).expect(200);
        worker.deliverDue();

        var toReviewer = mail.to(reviewer.email(), "Invitation: postmortem review");
        assertThat(toReviewer).hasSize(1);
        assertThat(TestMailServer.subject(toReviewer.getFirst())).contains("[" + s.key() + "]");
        assertThat(mail.to(s.manager().email(), "Invitation: postmortem review")).hasSize(1);
        var first = event(calendar(toReviewer.getFirst()));
        assertThat(first.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo(ical(at));
        assertThat(first.getProperty(Property.DTEND).orElseThrow().getValue()).isEqualTo(ical(at.plus(Duration.ofMinutes(45))));
        assertThat(first.getProperty(Property.SUMMARY).orElseThrow().getValue()).contains(s.key());
        assertThat(first.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("0");
        var attendees = new ArrayList<String>();
        first.getProperties(Property.ATTENDEE).forEach(a -> attendees.add(a.getValue().toLowerCase()));
        assertThat(attendees).contains("mailto:" + reviewer.email().toLowerCase(), "mailto:" + s.manager().email().toLowerCase());
        assertThat(first.getProperty(Property.ORGANIZER).orElseThrow().getValue())
                .isEqualToIgnoringCase("mailto:" + s.manager().email());

        Instant moved = at.plus(Duration.ofDays(1));
        s.managerApi().put(base + "/meeting", Map.of("at", moved.toString(), "minutes", 60)).expect(200);
        worker.deliverDue();
        var both = mail.to(reviewer.email(), "Invitation: postmortem review");
        assertThat(both).hasSize(2);
        var calendar = calendar(both.get(1));
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
        var second = event(calendar);
        assertThat(second.getProperty(Property.UID).orElseThrow().getValue())
                .isEqualTo(first.getProperty(Property.UID).orElseThrow().getValue());
        assertThat(second.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("1");
        assertThat(second.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo(ical(moved));
    }

    @Test
    void anUnpublishedPostmortemRemindsItsOwnerWhenDueUntilPublished() {
        var s = resolvedIncident(1, "Storage", Duration.ofMinutes(10));
        var pm = postmortem(s.managerApi(), s.key());
        var due = LocalDate.parse(pm.get("dueOn").asString());

        clock.setTo(due.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12)));
        timers.runDue();
        worker.deliverDue();
        assertThat(mail.to(s.manager().email(), "Postmortem overdue")).isEmpty();

        clock.setTo(due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(5)));
        timers.runDue();
        worker.deliverDue();
        var reminders = mail.to(s.manager().email(), "Postmortem overdue");
        assertThat(reminders).hasSize(1);
        assertThat(TestMailServer.subject(reminders.getFirst())).contains("[" + s.key() + "]");
        assertThat(s.managerApi().get("/api/v1/postmortems?mine=true&overdue=true").expect(200).body()).contains(s.key());

        clock.advance(Duration.ofDays(1));
        timers.runDue();
        worker.deliverDue();
        assertThat(mail.to(s.manager().email(), "Postmortem overdue")).hasSize(2);

        var reviewer = createUser(Role.RESPONDER, "Paul Publisher");
        String base = "/api/v1/incidents/" + s.key() + "/postmortem";
        s.managerApi().patch(base, Map.of("reviewerIds", List.of(reviewer.id().toString()))).expect(200);
        for (var code : List.of("summary", "impact", "detection", "root-cause")) {
            s.managerApi().put(base + "/sections/" + code, Map.of("body", "Written " + code)).expect(200);
        }
        s.managerApi().post(base + "/review-request", Map.of()).expect(200);
        as(reviewer).post(base + "/reviews", Map.of("decision", "APPROVE")).expect(200);
        s.managerApi().post(base + "/publish", Map.of()).expect(200);
        assertThat(mail.to(reviewer.email(), "Please review the postmortem")).isEmpty();
        worker.deliverDue();
        assertThat(mail.to(reviewer.email(), "Please review the postmortem")).hasSize(1);

        clock.advance(Duration.ofDays(2));
        timers.runDue();
        worker.deliverDue();
        assertThat(mail.to(s.manager().email(), "Postmortem overdue")).hasSize(2);
    }

    private static String ical(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(instant);
    }

    private static VEvent event(Calendar calendar) {
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    private static Calendar calendar(MimeMessage message) throws Exception {
        var part = find(message);
        assertThat(part).as("a text/calendar part").isNotNull();
        assertThat(part.getContentType().toLowerCase()).contains("method=request");
        try (InputStream in = part.getInputStream()) {
            return new CalendarBuilder().build(in);
        }
    }

    private static Part find(Part part) throws Exception {
        if (part.isMimeType("text/calendar")) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var found = find(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
