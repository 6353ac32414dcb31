package io.tocsin.importer.internal.pagerduty;

import static java.net.URLEncoder.encode;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.importer.ImportSource;
import io.tocsin.importer.internal.Equivalence;
import io.tocsin.importer.internal.ImporterSettings;
import io.tocsin.importer.internal.Json;
import io.tocsin.importer.internal.SourceClient;
import io.tocsin.importer.internal.SourceData;
import io.tocsin.importer.internal.SourceHttp;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty's REST API v2 with a read-only key ({@code Authorization: Token token=<key>}, {@code Accept:
 * application/vnd.pagerduty+json;version=2}), paged by {@code limit}/{@code offset} while {@code more} (the offset moves by what a page held, as
 * the API may cap the limit): users,
 * teams and their members, schedules (each read whole for its layers), their overrides, escalation policies, each
 * user's contact methods ({@code GET /users/{id}/contact_methods}), services with their escalation policy and
 * integrations ({@code GET /services}, each Events API v2 integration read whole for its key), and
 * a schedule's rendered final schedule for the equivalence check.
 */
public final class PagerDutyClient implements SourceClient {

    private static final int PAGE = 100;
    /** The integration type of PagerDuty's Events API v2, the one Tocsin serves at {@code /v2/enqueue}. */
    public static final String EVENTS_V2 = "events_api_v2_inbound_integration";
    /** How far ahead overrides are read. */
    private static final Duration OVERRIDES_AHEAD = Duration.ofDays(2 * 365);
    private final SourceHttp http;

    public PagerDutyClient(String apiKey, ImporterSettings settings, SourceHttp.Pause pause) {
        this.http = new SourceHttp("PagerDuty", settings.getPagerdutyUrl(), Map.of("Authorization", "Token token="
                + apiKey, "Accept", "application/vnd.pagerduty+json;version=2"), settings, pause);
    }

    @Override
    public SourceData fetch(Instant asOf) {
        var users = paged("users", "users").stream().map(u -> new SourceData.User(Json.text(u, "id"),
                Json.text(u, "name"), Json.text(u, "email"), Json.text(u, "time_zone"), Json.text(u, "locale")))
                .toList();
        var teams = new ArrayList<SourceData.Team>();
        for (JsonNode t : paged("teams", "teams")) {
            String id = Json.text(t, "id");
            var members = paged("teams/" + encode(id, UTF_8) + "/members", "members").stream()
                    .map(m -> Json.text(m, "user", "id")).toList();
            teams.add(new SourceData.Team(id, Json.text(t, "name"), Json.text(t, "description"), members));
        }
        var schedules = new ArrayList<JsonNode>();
        var overrides = new LinkedHashMap<String, List<JsonNode>>();
        String window = "since=" + encode(asOf.toString(), UTF_8) + "&until="
                + encode(asOf.plus(OVERRIDES_AHEAD).toString(), UTF_8);
        for (JsonNode s : paged("schedules", "schedules")) {
            String id = encode(Json.text(s, "id"), UTF_8);
            schedules.add(http.get("schedules/" + id).get("schedule"));
            overrides.put(Json.text(s, "id"), Json.array(http.get("schedules/" + id + "/overrides?" + window),
                    "overrides"));
        }
        var policies = paged("escalation_policies", "escalation_policies");
        var contacts = new LinkedHashMap<String, List<SourceData.Contact>>();
        for (var u : users) {
            contacts.put(u.id(), Json.array(http.get("users/" + encode(u.id(), UTF_8) + "/contact_methods"),
                    "contact_methods").stream().map(PagerDutyClient::contact).toList());
        }
        var services = new ArrayList<SourceData.Service>();
        var integrations = new ArrayList<SourceData.Inbound>();
        for (JsonNode s : paged("services", "services")) {
            String id = Json.text(s, "id");
            var teamsOf = Json.array(s, "teams");
            services.add(new SourceData.Service(id, Json.text(s, "name"), Json.text(s, "description"),
                    teamsOf.isEmpty() ? null : Json.text(teamsOf.getFirst(), "id"),
                    Json.text(s, "escalation_policy", "id")));
            for (JsonNode ref : Json.array(s, "integrations")) {
                integrations.add(integration(id, Json.text(ref, "id"), Json.text(ref, "type"),
                        Json.text(ref, "summary")));
            }
        }
        return new SourceData(ImportSource.PAGERDUTY, users, teams, schedules, overrides, policies, contacts,
                services, integrations, List.of());
    }

    /**
     * A service's integration: an Events API v2 one is read whole ({@code GET /services/{id}/integrations/{id}})
     * for its {@code integration_key}, which Tocsin then takes as it is; others only by their reference.
     */
    private SourceData.Inbound integration(String serviceId, String id, String referenceType, String summary) {
        String type = referenceType == null ? "" : referenceType.replaceFirst("_reference$", "");
        if (!EVENTS_V2.equals(type)) {
            return new SourceData.Inbound(id, summary, type, serviceId, null, null, true);
        }
        JsonNode full = http.get("services/" + encode(serviceId, UTF_8) + "/integrations/" + encode(id, UTF_8))
                .get("integration");
        return new SourceData.Inbound(id, Json.text(full, "name") == null ? summary : Json.text(full, "name"),
                Json.text(full, "type") == null ? type : Json.text(full, "type"), serviceId, null,
                Json.text(full, "integration_key"), true);
    }

    /** Phone and SMS methods hold the national number in {@code address} and the country in {@code country_code}. */
    private static SourceData.Contact contact(JsonNode c) {
        String type = Json.text(c, "type");
        String address = Json.text(c, "address");
        String country = Json.text(c, "country_code");
        boolean phone = "phone_contact_method".equals(type) || "sms_contact_method".equals(type);
        if (phone && address != null && country != null && !address.startsWith("+")) {
            address = "+" + country + address;
        }
        return new SourceData.Contact(Json.text(c, "id"), type, address);
    }

    /** {@code GET /schedules/{id}?since=&until=}: {@code final_schedule.rendered_schedule_entries}. */
    @Override
    public List<Equivalence.Entry> onCall(String scheduleId, Instant from, Instant to) {
        JsonNode schedule = http.get("schedules/" + encode(scheduleId, UTF_8) + "?since=" + encode(from.toString(),
                UTF_8) + "&until=" + encode(to.toString(), UTF_8) + "&time_zone=UTC").get("schedule");
        var entries = new ArrayList<Equivalence.Entry>();
        JsonNode finalSchedule = schedule == null ? null : schedule.get("final_schedule");
        for (JsonNode e : Json.array(finalSchedule, "rendered_schedule_entries")) {
            Instant start = Json.instant(e, "start");
            Instant end = Json.instant(e, "end");
            if (start != null && end != null && end.isAfter(start) && Json.text(e, "user", "id") != null) {
                entries.add(new Equivalence.Entry(start, end, Json.text(e, "user", "id")));
            }
        }
        return entries;
    }

    private List<JsonNode> paged(String path, String field) {
        var all = new ArrayList<JsonNode>();
        for (int offset = 0; ; ) {
            JsonNode page = http.get(path + (path.contains("?") ? "&" : "?") + "limit=" + PAGE + "&offset=" + offset);
            var items = Json.array(page, field);
            all.addAll(items);
            offset += items.size();
            if (items.isEmpty() || !page.path("more").asBoolean(false)) {
                return all;
            }
        }
    }

    @Override
    public int requests() {
        return http.requests();
    }
}
