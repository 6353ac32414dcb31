package io.tocsin.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.tocsin.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * One existing thing of every kind the API addresses by id, made through the API itself, so each path parameter
 * of each operation can be filled with an id that exists. A path parameter this fixture cannot fill fails the
 * suite: a new endpoint must bring its fixture.
 */
final class Fixture {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime());

    final Map<String, String> ids = new LinkedHashMap<>();
    final Map<String, String> keys = new LinkedHashMap<>();
    String heartbeatPath;
    String answerToken;
    String opsgenieAlias;
    String opsgenieRequestId;
    final Instant now;

    /**
     * @param admin the suite's own administrator (its profile and tokens are the ones {@code /me} changes)
     * @param userApi the API as the fixture's responder, by user id
     * @param codeSentTo the six-digit code mailed to an address (the contact method verification)
     */
    Fixture(Api admin, Api anonymous, Clock clock, Function<String, Api> userApi, Function<String, String> codeSentTo) {
        now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String userId = created(admin.post("/api/v1/users", Map.of("name", "Bad Input Responder", "email",
                email(), "role", "RESPONDER", "password", "bad-input-password-1", "timeZone", "Europe/Berlin",
                "locale", "en")));
        ids.put("user", userId);
        String teamId = created(admin.post("/api/v1/teams", Map.of("name", unique("bad-input team"))));
        ids.put("team", teamId);
        admin.post("/api/v1/teams/" + teamId + "/members", Map.of("userId", userId, "lead", false)).expect(200);
        String serviceId = created(admin.post("/api/v1/services", Map.of("name", unique("bad-input service"),
                "owningTeamId", teamId)));
        ids.put("service", serviceId);
        ids.put("quietService", created(admin.post("/api/v1/services", Map.of("name", unique("bad-input quiet")))));
        ids.put("product", created(admin.post("/api/v1/products", Map.of("name", unique("bad-input product")))));
        for (String kind : List.of("PAGERDUTY", "ALERTMANAGER", "OPSGENIE", "GRAFANA", "WEBHOOK")) {
            keys.put(kind, admin.post("/api/v1/services/" + serviceId + "/integrations",
                    Map.of("name", unique(kind), "kind", kind)).expect(201).json().get("key").asString());
        }
        ids.put("integration", created(admin.post("/api/v1/services/" + serviceId + "/integrations",
                Map.of("name", unique("rest target"), "kind", "WEBHOOK"))));
        var heartbeat = admin.post("/api/v1/services/" + serviceId + "/heartbeats",
                Map.of("name", unique("heartbeat"), "intervalSeconds", 3600)).expect(201).json();
        ids.put("heartbeat", heartbeat.get("id").asString());
        heartbeatPath = heartbeat.get("pingPath").asString();

        var schedule = admin.post("/api/v1/schedules", Map.of("teamId", teamId, "name", unique("bad-input schedule"),
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("name", "Weekly", "participants", List.of(userId),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"),
                        "startsAt", now.minus(Duration.ofHours(1)).toString())))).expect(201).json();
        ids.put("schedule", schedule.get("id").asString());
        ids.put("layer", schedule.get("layers").get(0).get("id").asString());
        ids.put("override", created(admin.post("/api/v1/schedules/" + ids.get("schedule") + "/overrides",
                Map.of("userId", userId, "start", now.plus(Duration.ofDays(2)).toString(),
                        "end", now.plus(Duration.ofDays(2)).plus(Duration.ofHours(2)).toString()))));
        ids.put("coverRequest", created(userApi.apply(userId).post("/api/v1/schedules/" + ids.get("schedule")
                + "/cover-requests", Map.of("start", now.plus(Duration.ofDays(3)).toString(),
                "end", now.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)).toString(), "note", "dentist"))));

        ids.put("policy", created(admin.post("/api/v1/escalation-policies", Map.of("name", unique("bad-input policy"),
                "levels", List.of(Map.of("targets", List.of(Map.of("type", "USER", "id", userId))))))));
        admin.put("/api/v1/services/" + serviceId + "/escalation-policy", Map.of("policyId", ids.get("policy")))
                .expect(200);
        // On the quiet service, so the fixture's incident gets no SLA clocks (issue 16).
        ids.put("slaPolicy", created(admin.post("/api/v1/sla/policies", Map.of("name", unique("bad-input SLA"),
                "priority", "P5", "serviceId", ids.get("quietService"), "resolveMinutes", 600))));

        String key = admin.post("/api/v1/incidents", Map.of("summary", "Bad input fixture", "severity", 3,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
        ids.put("incident", key);
        admin.post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        ids.put("entry", admin.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "NOTE", "body", "noted"))
                .expect(201).json().get("id").asString());
        ids.put("ticket", created(admin.post("/api/v1/incidents/" + key + "/tickets",
                Map.of("system", "zendesk", "externalId", unique("T")))));
        ids.put("task", created(admin.post("/api/v1/incidents/" + key + "/cleanup-tasks", Map.of("title", "tidy up"))));
        ids.put("roleAssignment", created(admin.post("/api/v1/incidents/" + key + "/roles/technical-lead/assignments",
                Map.of("userId", userId))));
        // Bound to the fixture's service: an organisation-wide list would add recipients to other tests' updates.
        ids.put("stakeholderList", created(admin.post("/api/v1/stakeholder-lists", Map.of("name", unique("list"),
                "serviceId", serviceId, "members", List.of(Map.of("userId", userId))))));
        var postmortem = admin.post("/api/v1/incidents/" + key + "/postmortem", Map.of()).expect(201).json();
        ids.put("postmortemEntry", postmortem.get("timeline").get(0).get("id").asString());
        ids.put("actionItem", created(admin.post("/api/v1/action-items", Map.of("incident", key, "title", "fix it",
                "ownerId", userId))));
        ids.put("problem", admin.post("/api/v1/problems", Map.of("title", unique("problem"), "incidents", List.of(key)))
                .expect(201).json().get("key").asString());

        String address = unique("bad.input").replace(' ', '.') + "@example.org";
        String methodId = created(admin.post("/api/v1/me/contact-methods", Map.of("type", "EMAIL",
                "destination", address)));
        ids.put("myMethod", methodId);
        admin.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", codeSentTo.apply(address)))
                .expect(200);
        ids.put("rule", created(admin.post("/api/v1/me/notification-rules",
                Map.of("contactMethodId", methodId, "delayMinutes", 0))));
        ids.put("userMethod", created(admin.post("/api/v1/users/" + userId + "/contact-methods",
                Map.of("type", "EMAIL", "destination", unique("bad.user").replace(' ', '.') + "@example.org"))));
        ids.put("token", created(admin.post("/api/v1/me/tokens", Map.of("name", "spare"))));
        // The assistant as it ships (off): another test may have left it on with a fake endpoint that has gone, and
        // an unreachable endpoint is a 502 by design, not an answer to bad input (AssistDraftsApiTest covers it).
        admin.put("/api/v1/assist/settings", Map.of("enabled", false)).expect(200);
        ids.put("serviceAccount", created(admin.post("/api/v1/service-accounts", Map.of("name", unique("bad-input bot"),
                "teamId", teamId))));
        ids.put("serviceAccountToken", created(admin.post("/api/v1/service-accounts/" + ids.get("serviceAccount")
                + "/tokens", Map.of("name", "spare", "scopes", List.of("INCIDENTS")))));
        String statusPage = created(admin.post("/api/v1/status-pages", Map.of("slug",
                unique("bad-input").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), "name", "Fixture page")));
        ids.put("statusPage", statusPage);
        ids.put("statusGroup", created(admin.post("/api/v1/status-pages/" + statusPage + "/groups", Map.of("name", "G"))));
        ids.put("statusComponent", created(admin.post("/api/v1/status-pages/" + statusPage + "/components",
                Map.of("name", "C", "serviceIds", List.of(serviceId)))));
        ids.put("publicIncident", created(admin.post("/api/v1/status-pages/" + statusPage + "/incidents",
                Map.of("incidents", List.of(key), "name", "Fixture", "body", "Fixture text"))));
        ids.put("statusPageSlug", admin.get("/api/v1/status-pages/" + statusPage).expect(200).json().get("slug")
                .asString());
        // A documentation address (RFC 5737): public to the SSRF guard, never answered.
        ids.put("webhookSubscriber", created(anonymous.post("/status/" + ids.get("statusPageSlug")
                + "/subscriptions/webhooks", Map.of("url",
                "https://192.0.2.1/hook", "email", "fixture@example.org"))));

        admin.post("/api/v1/me/subscriptions", Map.of("serviceId", serviceId)).expect(201);
        ids.put("window", created(admin.post("/api/v1/maintenance-windows", Map.of("serviceId", ids.get("quietService"),
                "durationMinutes", 60, "reason", "fixture"))));

        String dedupKey = unique("bad-input-alert");
        anonymous.post("/v2/enqueue", Map.of("routing_key", keys.get("PAGERDUTY"), "event_action", "trigger",
                "dedup_key", dedupKey, "payload", Map.of("summary", "Fixture alert", "source", "fixture",
                        "severity", "warning"))).expect(202);
        var alerts = admin.get("/api/v1/alerts?serviceId=" + serviceId).expect(200).json();
        ids.put("alert", alerts.get(0).get("id").asString());
        var runs = admin.get("/api/v1/escalation-runs?alertId=" + ids.get("alert")).expect(200).json();
        assertThat(runs.size()).as("escalation runs of the fixture alert").isPositive();
        ids.put("run", runs.get(0).get("id").asString());
        ids.put("delivery", admin.get("/api/v1/me/deliveries").expect(200).json().get(0).get("id").asString());

        opsgenieAlias = unique("alias").replace(' ', '-');
        var opsgenie = anonymous.withHeader("Authorization", "GenieKey " + keys.get("OPSGENIE"))
                .post("/v2/alerts", Map.of("message", "Fixture", "alias", opsgenieAlias)).expect(202).json();
        opsgenieRequestId = opsgenie.get("requestId").asString();
    }

    /** The existing thing a path parameter names, from the segment before it (and the resource path around it). */
    String existing(String path, String param) {
        String resource = resource(path, param);
        if (resource.startsWith("=")) {
            return resource.substring(1);
        }
        String id = ids.get(resource);
        assertThat(id).as("fixture for {" + param + "} in " + path).isNotNull();
        return id;
    }

    private static String resource(String path, String param) {
        String[] segments = path.split("/");
        String previous = "";
        for (String segment : segments) {
            if (segment.equals("{" + param + "}")) {
                break;
            }
            if (!segment.startsWith("{")) {
                previous = segment;
            }
        }
        String found = switch (previous + "/" + param) {
            case "users/id", "users/userId", "members/userId" -> "user";
            case "teams/id", "monthly-mail/teamId" -> "team";
            case "services/id", "services/serviceId", "subscriptions/serviceId" -> "service";
            case "integrations/id" -> "integration";
            case "heartbeats/id" -> "heartbeat";
            case "schedules/id" -> "schedule";
            case "layers/layerId" -> "layer";
            case "overrides/overrideId" -> "override";
            case "cover-requests/requestId" -> "coverRequest";
            case "products/id" -> "product";
            case "escalation-policies/id" -> "policy";
            case "policies/id" -> path.startsWith("/api/v1/sla/") ? "slaPolicy" : null;
            case "escalation-runs/id" -> "run";
            case "incidents/ref", "incidents/key" -> "incident";
            case "service-accounts/id" -> "serviceAccount";
            case "tokens/tokenId" -> "serviceAccountToken";
            case "chat/tool", "chat-accounts/tool" -> "=slack";
            case "csv/table" -> "=incidents-by-severity";
            case "timeline/entryId" -> "entry";
            case "tickets/ticketId" -> "ticket";
            case "cleanup-tasks/taskId" -> "task";
            case "roles/code" -> "=technical-lead";
            case "assignments/id" -> "roleAssignment";
            case "stakeholder-lists/id" -> "stakeholderList";
            case "contact-methods/id" -> path.startsWith("/api/v1/me/") ? "myMethod" : "userMethod";
            case "tokens/id" -> "token";
            case "notification-rules/id" -> "rule";
            case "maintenance-windows/id" -> "window";
            case "alerts/id" -> "alert";
            case "status-pages/id" -> "statusPage";
            case "groups/groupId" -> "statusGroup";
            case "components/componentId" -> "statusComponent";
            case "public-incidents/publicIncidentId" -> "publicIncident";
            case "webhook-subscribers/subscriberId" -> "webhookSubscriber";
            case "status/slug" -> "statusPageSlug";
            case "deliveries/id" -> "delivery";
            case "templates/audience" -> "=INTERNAL";
            case "templates/kind" -> "=INITIAL";
            case "templates/language" -> "=en";
            case "timeline/momentId" -> "postmortemEntry";
            case "sections/code" -> "=summary";
            case "revisions/number" -> "=1";
            case "action-items/id" -> "actionItem";
            case "problems/ref" -> "problem";
            default -> null;
        };
        assertThat(found).as("the fixture knows what {" + param + "} in " + path + " names").isNotNull();
        return found;
    }

    /** An existing id for a body property of that name, or null when the name says nothing. */
    Object idFor(String property) {
        return switch (property) {
            case "serviceId" -> ids.get("service");
            case "owningTeamId", "teamId" -> ids.get("team");
            case "userId", "ownerId", "fromUserId", "toUserId" -> ids.get("user");
            case "scheduleId", "primaryScheduleId" -> ids.get("schedule");
            case "policyId", "escalationPolicyId" -> ids.get("policy");
            case "productId" -> ids.get("product");
            case "contactMethodId" -> ids.get("myMethod");
            case "productIds" -> ids.get("product");
            case "participants" -> ids.get("user");
            case "correctsEntryId" -> Long.parseLong(ids.get("entry"));
            case "actionItemId" -> ids.get("actionItem");
            default -> null;
        };
    }

    static String email() {
        return "bad.input." + UNIQUE.incrementAndGet() + "@test.local";
    }

    static String unique(String prefix) {
        return prefix + " " + UNIQUE.incrementAndGet();
    }

    static String code(String text) {
        var m = CODE.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static String created(Api.Response response) {
        JsonNode json = response.expect(201).json();
        return json.get("id").asString();
    }

    @Override
    public String toString() {
        var all = new HashMap<>(ids);
        all.putAll(keys);
        return all.toString();
    }
}
