package io.tocsin.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.incidents.TimelineEntryKind;
import io.tocsin.support.FakeTwilio;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The phone hotline (R3, issue 19 point 4) against the fake Twilio, every callback signed as Twilio signs it: a
 * call hears the menu; 1 records a description and becomes a severity 3 incident with the caller's number as
 * reporter contact and the call (number, time, call id, seconds recorded) on its timeline, en and de; 2 says who is on call from the schedule and connects the caller; unsigned or forged callbacks
 * are refused and declare nothing.
 */
class HotlineTest extends IntegrationTest {

    @Autowired
    FakeTwilio twilio;

    @Autowired
    HotlineSettings settings;

    @Autowired
    Timeline timeline;

    @AfterEach
    void reset() {
        settings.setScheduleId(null);
    }

    private String hook(String path) {
        return baseUrl() + "/hooks/twilio/hotline" + path;
    }

    private Map<String, String> call(String callSid, String from) {
        var params = new LinkedHashMap<String, String>();
        params.put("AccountSid", "AC" + UUID.randomUUID().toString().replace("-", ""));
        params.put("CallSid", callSid);
        params.put("CallStatus", "in-progress");
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("To", FakeTwilio.FROM);
        return params;
    }

    private long incidentsReportedBy(String phone) {
        return jdbc.sql("select count(*) from incident where reporter_contact = ?").param(phone).query(Long.class).single();
    }

    @Test
    void aCallReportingAProblemBecomesAnIncidentWithTheCallersNumber() {
        String caller = TestPhones.unique("+4930");
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        var answered = twilio.signedPost(hook(""), call(sid, caller));
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.body()).contains("<Gather numDigits=\"1\"").contains("action=\"" + hook("/menu") + "\"")
                .contains("To report a new problem, press 1.");

        var menu = call(sid, caller);
        menu.put("Digits", "1");
        var prompt = twilio.signedPost(hook("/menu"), menu);
        assertThat(prompt.body()).contains("<Record").contains("action=\"" + hook("/report") + "\"");

        var recorded = call(sid, caller);
        recorded.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1");
        recorded.put("RecordingDuration", "14");
        var thanks = twilio.signedPost(hook("/report"), recorded);
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("Thank you. Your report is incident INC ").endsWith("<Hangup/></Response>");

        var incident = jdbc.sql("select incident_key, severity, summary, description, reporter_contact, source from incident"
                        + " where reporter_contact = ?").param(caller)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).single();
        assertThat(thanks.body()).contains(incident.get(0).replace('-', ' '));
        assertThat(incident.get(1)).isEqualTo("3");
        assertThat(incident.get(2)).isEqualTo("Reported by phone from " + caller);
        assertThat(incident.get(3)).contains(sid).contains("Recordings/RE1").contains("14 s");
        assertThat(incident.get(5)).isEqualTo("hotline");
        var viaApi = admin().get("/api/v1/incidents/" + incident.get(0)).expect(200).json();
        assertThat(viaApi.get("reporterContact").asString()).isEqualTo(caller);

        var incidentId = jdbc.sql("select id from incident where incident_key = ?").param(incident.get(0))
                .query(UUID.class).single();
        var calls = timeline.of(incidentId).stream().filter(e -> "hotline.call".equals(e.event())).toList();
        assertThat(calls).as("the call itself is on the incident's timeline").hasSize(1);
        var entry = calls.get(0);
        assertThat(entry.kind()).isEqualTo(TimelineEntryKind.SYSTEM);
        assertThat(entry.occurredAt()).isEqualTo(clock.instant());
        assertThat(entry.args()).containsExactly(TimelineArg.text(caller), TimelineArg.at(clock.instant()),
                TimelineArg.text(sid), TimelineArg.text("14"));
        String time = clock.instant().atZone(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm"));
        assertThat(timeline.text(entry, Locale.ENGLISH, ZoneOffset.UTC))
                .startsWith("Call to the hotline from " + caller + " at ").contains(time)
                .endsWith("(call " + sid + ", 14 s recorded)");
        assertThat(timeline.text(entry, Locale.GERMAN, ZoneOffset.UTC))
                .startsWith("Anruf bei der Hotline von " + caller + " um ").contains(time)
                .endsWith("(Anruf " + sid + ", 14 s aufgenommen)");
    }

    @Test
    void whoIsOnCallAnswersFromTheScheduleAndConnects() {
        var onCall = createUser(Role.RESPONDER, "Olga Oncall");
        String phone = TestPhones.unique("+4917");
        new io.tocsin.support.Api(baseUrl(), tokenFor(onCall.id())).put("/api/v1/me", Map.of("name", onCall.name(),
                "email", onCall.email(), "timeZone", "Europe/Berlin", "locale", "en", "phone", phone)).expect(200);
        String teamId = admin().post("/api/v1/teams", Map.of("name", "hotline-" + System.nanoTime())).expect(201).json()
                .get("id").asString();
        admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", onCall.id(), "lead", false)).expect(200);
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        String scheduleId = admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", "Hotline " + System.nanoTime(),
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("name", "Weekly", "participants", List.of(onCall.id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", start.toString()))))
                .expect(201).json().get("id").asString();

        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        var menu = call(sid, TestPhones.unique("+4930"));
        menu.put("Digits", "2");
        assertThat(twilio.signedPost(hook("/menu"), menu).body()).as("no schedule configured")
                .contains("Nobody is on call right now.");

        settings.setScheduleId(UUID.fromString(scheduleId));
        var answer = twilio.signedPost(hook("/menu"), menu);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("On call now is Olga Oncall. Connecting you.").contains("<Dial>" + phone + "</Dial>");
    }

    @Test
    void unsignedOrForgedHotlineCallbacksAreRefusedAndDeclareNothing() {
        String caller = TestPhones.unique("+4930");
        var recorded = call("CA" + UUID.randomUUID().toString().replace("-", ""), caller);
        recorded.put("RecordingUrl", "https://example.org/r");
        assertThat(twilio.post(hook("/report"), recorded, null).status()).as("unsigned").isEqualTo(403);
        assertThat(twilio.post(hook("/report"), recorded, io.tocsin.notify.internal.TwilioSignature.sign("wrong-token",
                hook("/report"), recorded)).status()).as("another token").isEqualTo(403);
        String signature = io.tocsin.notify.internal.TwilioSignature.sign(twilio.authToken(), hook("/report"), recorded);
        recorded.put("From", TestPhones.unique("+4930"));
        assertThat(twilio.post(hook("/report"), recorded, signature).status()).as("changed after signing").isEqualTo(403);
        assertThat(twilio.post(hook(""), call("CA1", caller), null).status()).isEqualTo(403);
        assertThat(incidentsReportedBy(caller)).isZero();
    }
}
