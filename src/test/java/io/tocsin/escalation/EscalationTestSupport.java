package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.tocsin.identity.Role;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.Timers;
import io.tocsin.support.Api;
import io.tocsin.support.FakeTwilio;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Steps of escalation's end-to-end tests: responders with verified contact methods (codes that really arrived
 * through GreenMail and the fake Twilio), services with policies, alerts through the PagerDuty Events API, and
 * the clock moved minute by minute with due timers fired and the outbox delivered after each move.
 */
abstract class EscalationTestSupport extends IntegrationTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired
    protected DeliveryWorker worker;

    @Autowired
    protected GreenMail greenMail;

    @Autowired
    protected FakeTwilio twilio;

    @Autowired
    protected DurableTimers timers;

    @Autowired
    protected Timers scheduledTimers;

    /** A responder, their API, and the destination of the contact method they were given. */
    record Person(UUID id, String name, Api api, String destination) {
    }

    Person responder(String name) {
        var user = createUser(Role.RESPONDER, name);
        return new Person(user.id(), user.name(), new Api(baseUrl(), tokenFor(user.id())), null);
    }

    /** A responder reachable by e-mail at once (rule: e-mail after 0 minutes). */
    Person emailResponder(String name) {
        var p = responder(name);
        String address = name.toLowerCase().replaceAll("[^a-z]+", ".") + "." + System.nanoTime() + "@example.org";
        rule(p, verified(p, "EMAIL", address), 0);
        return new Person(p.id(), p.name(), p.api(), address);
    }

    Person phoneResponder(String name, String type) {
        var p = responder(name);
        String digits = Long.toString(System.nanoTime());
        String phone = "+4916" + digits.substring(digits.length() - 9);
        rule(p, verified(p, type, phone), 0);
        return new Person(p.id(), p.name(), p.api(), phone);
    }

    String verified(Person p, String type, String destination) {
        String methodId = p.api().post("/api/v1/me/contact-methods", Map.of("type", type, "destination", destination))
                .expect(201).json().get("id").asString();
        worker.deliverDue();
        String text = switch (type) {
            case "EMAIL" -> subjectOf(allMailTo(destination).getLast());
            case "SMS" -> twilio.messagesTo(destination).getLast().body();
            case "VOICE" -> twilio.callsTo(destination).getLast().twiml().replace(", ", "");
            default -> throw new IllegalArgumentException(type);
        };
        var m = CODE.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        p.api().post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", m.group(1))).expect(200);
        return methodId;
    }

    void rule(Person p, String methodId, int delayMinutes) {
        p.api().post("/api/v1/me/notification-rules", Map.of("contactMethodId", methodId, "delayMinutes", delayMinutes))
                .expect(201);
    }

    String team(Person... members) {
        String teamId = admin().post("/api/v1/teams", Map.of("name", "team-" + System.nanoTime())).expect(201).json()
                .get("id").asString();
        for (var m : members) {
            admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", m.id(), "lead", false)).expect(200);
        }
        return teamId;
    }

    /**
     * People for policy pages: {@code reachable} by e-mail, {@code unverified} without any verified contact method,
     * and {@code onCall} on call for a new schedule of a new team.
     */
    record Cast(Person reachable, Person unverified, Person onCall, String teamId, String scheduleName,
            String scheduleId) {
    }

    Cast cast(String reachable, String unverified, String onCall) {
        var a = emailResponder(reachable);
        var n = responder(unverified);
        var b = emailResponder(onCall);
        String teamId = team(b);
        String scheduleName = "Primary " + System.nanoTime();
        return new Cast(a, n, b, teamId, scheduleName, scheduleWithOnCall(teamId, scheduleName, b));
    }

    /** A weekly schedule of the team, named {@code name}, on which {@code onCall} has been on call for an hour. */
    String scheduleWithOnCall(String teamId, String name, Person onCall) {
        Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        return admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", name, "timeZone", "Europe/Berlin",
                "layers", List.of(Map.of("name", "Weekly", "participants", List.of(onCall.id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", start.toString()))))
                .expect(201).json().get("id").asString();
    }

    /**
     * Issue 10's Friday evening: a weekly schedule of the team handing over on Mondays at 09:00 Berlin from
     * 1 March 2027, {@code first} on call that week and {@code second} from Monday 8 March.
     */
    String weeklyFromMarch2027(String teamId, Person first, Person second) {
        return admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", "Weekly " + System.nanoTime(),
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("participants", List.of(first.id(), second.id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", "2027-03-01T08:00:00Z"))))
                .expect(201).json().get("id").asString();
    }

    /** Berlin office hours on the service: Monday to Friday 09:00-17:00, except the given dates. */
    void berlinOfficeHours(String serviceId, String... holidays) {
        admin().put("/api/v1/services/" + serviceId + "/business-hours", Map.of("timeZone", "Europe/Berlin",
                "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), "start", "09:00",
                "end", "17:00", "holidays", List.of(holidays))).expect(200);
    }

    String service(String owningTeamId) {
        var body = new HashMap<String, Object>();
        body.put("name", "svc-" + System.nanoTime());
        if (owningTeamId != null) {
            body.put("owningTeamId", owningTeamId);
        }
        return admin().post("/api/v1/services", body).expect(201).json().get("id").asString();
    }

    static Map<String, Object> level(Integer timeoutMinutes, Map<String, Object>... targets) {
        var level = new HashMap<String, Object>();
        level.put("targets", List.of(targets));
        if (timeoutMinutes != null) {
            level.put("timeoutMinutes", timeoutMinutes);
        }
        return level;
    }

    static Map<String, Object> user(Person p) {
        return Map.of("type", "USER", "id", p.id());
    }

    JsonNode policy(int repeatCount, Map<String, Object>... levels) {
        return admin().post("/api/v1/escalation-policies", Map.of("name", "policy-" + System.nanoTime(),
                "repeatCount", repeatCount, "levels", List.of(levels))).expect(201).json();
    }

    /** A policy of a team, which its managers change (issue 15). */
    JsonNode teamPolicy(String teamId, Map<String, Object> level) {
        return admin().post("/api/v1/escalation-policies", Map.of("name", "policy-" + System.nanoTime(),
                "teamId", teamId, "levels", List.of(level))).expect(201).json();
    }

    void assign(String serviceId, JsonNode policy) {
        admin().put("/api/v1/services/" + serviceId + "/escalation-policy", Map.of("policyId", policy.get("id").asString()))
                .expect(200);
    }

    /** A service whose policy pages {@code first}, then {@code second}, 5 minutes each, and its PagerDuty key. */
    record TwoLevels(Person first, Person second, String serviceId, String key) {
    }

    TwoLevels twoLevelService(Person first, Person second, int repeatCount) {
        String serviceId = service(null);
        assign(serviceId, policy(repeatCount, level(5, user(first)), level(5, user(second))));
        return new TwoLevels(first, second, serviceId, integration(serviceId));
    }

    /** A PagerDuty Events v2 integration key on the service. */
    String integration(String serviceId) {
        return admin().post("/api/v1/services/" + serviceId + "/integrations",
                Map.of("name", "pd " + System.nanoTime(), "kind", "PAGERDUTY")).expect(201).json().get("key").asString();
    }

    void trigger(String routingKey, String dedupKey, String severity) {
        anonymous().post("/v2/enqueue", Map.of("routing_key", routingKey, "event_action", "trigger", "dedup_key", dedupKey,
                "payload", Map.of("summary", "Checkout 5xx above 5%", "source", "lb-1", "severity", severity)))
                .expect(202);
    }

    String alertId(String serviceId, String dedupKey) {
        return jdbc.sql("select id from alert where service_id = ? and dedup_key = ?")
                .params(UUID.fromString(serviceId), dedupKey).query(UUID.class).single().toString();
    }

    /** The run paging for the alert: its own, or that of the major incident it opened (which pages instead). */
    JsonNode runOfAlert(String alertId) {
        var incidentId = jdbc.sql("select incident_id from alert where id = ?").param(UUID.fromString(alertId))
                .query(UUID.class).optional();
        var runs = admin().get(incidentId.isPresent() ? "/api/v1/escalation-runs?incident=" + incidentId.get()
                : "/api/v1/escalation-runs?alertId=" + alertId).expect(200).json();
        var paging = new ArrayList<JsonNode>();
        // The incident manager on call may be paged too when another test marked an IMOC schedule.
        runs.forEach(r -> {
            if (!r.get("kind").asString().equals("IMOC")) {
                paging.add(r);
            }
        });
        assertThat(paging).as("runs of alert " + alertId).hasSize(1);
        return paging.getFirst();
    }

    /** Moves the clock, fires what came due, hands due deliveries to the channels. */
    void minutesPass(int minutes) {
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            timers.runDue();
            worker.deliverDue();
        }
    }

    /** Pages by e-mail to the address (their subject starts with "[KEY]"; verification codes do not). */
    List<MimeMessage> mailTo(String address) {
        return allMailTo(address).stream().filter(m -> subjectOf(m).startsWith("[")).toList();
    }

    List<MimeMessage> allMailTo(String address) {
        return TestMailServer.mailTo(address);
    }

    /** Pages (not verification codes) that reached the person through any channel. */
    int pagesTo(Person p) {
        return (int) (long) jdbc.sql("select count(*) from notify_delivery where user_id = ? and kind in ('PAGE', 'BUNDLE')"
                        + " and status = 'SENT'").param(p.id()).query(Long.class).single();
    }

    static String subjectOf(MimeMessage m) {
        return TestMailServer.subject(m);
    }

    /** The one-click answer links in an e-mail's text part. */
    static List<String> links(MimeMessage message) throws Exception {
        String text = textOf(message);
        var m = Pattern.compile("(http://[^\\s\"<>]+/notify/answer/[A-Za-z0-9_.-]+)").matcher(text);
        var result = new ArrayList<String>();
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    private static String textOf(jakarta.mail.Part part) throws Exception {
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            var sb = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                sb.append(textOf(multipart.getBodyPart(i)));
            }
            return sb.toString();
        }
        return part.isMimeType("text/plain") ? (String) part.getContent() : "";
    }

    record Page(int status, String body) {
    }

    static Page browse(String method, String url) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Accept", "text/html")
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
