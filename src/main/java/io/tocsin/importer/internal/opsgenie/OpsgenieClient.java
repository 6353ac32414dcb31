package io.tocsin.importer.internal.opsgenie;

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
 * Opsgenie's REST API v2 with an API key ({@code Authorization: GenieKey <key>}): users (paged by
 * {@code paging.next}), teams and their members, schedules with rotations, each schedule's overrides,
 * escalations, each user's contacts ({@code GET /v2/users/{id}/contacts}), services ({@code GET /v1/services},
 * paged), integrations ({@code GET /v2/integrations}), heartbeats ({@code GET /v2/heartbeats}), and a schedule's
 * final timeline for the equivalence check.
 */
public final class OpsgenieClient implements SourceClient {

    private static final int PAGE = 100;
    private final SourceHttp http;

    public OpsgenieClient(String apiKey, ImporterSettings settings, SourceHttp.Pause pause) {
        this.http = new SourceHttp("Opsgenie", settings.getOpsgenieUrl(), Map.of("Authorization", "GenieKey " + apiKey,
                "Accept", "application/json"), settings, pause);
    }

    @Override
    public SourceData fetch(Instant asOf) {
        var users = new ArrayList<SourceData.User>();
        for (JsonNode u : pages("v2/users?limit=" + PAGE + "&offset=0&sort=username&order=asc")) {
            users.add(new SourceData.User(Json.text(u, "id"), Json.text(u, "fullName"), Json.text(u, "username"),
                    Json.text(u, "timeZone"), Json.text(u, "locale")));
        }
        var teams = new ArrayList<SourceData.Team>();
        for (JsonNode t : Json.array(http.get("v2/teams"), "data")) {
            JsonNode team = http.get("v2/teams/" + encode(Json.text(t, "id"), UTF_8) + "?identifierType=id").get("data");
            var members = Json.array(team, "members").stream().map(m -> Json.text(m, "user", "id")).toList();
            teams.add(new SourceData.Team(Json.text(t, "id"), Json.text(t, "name"), Json.text(t, "description"),
                    members));
        }
        var schedules = Json.array(http.get("v2/schedules?expand=rotation"), "data");
        var overrides = new LinkedHashMap<String, List<JsonNode>>();
        for (JsonNode s : schedules) {
            String id = Json.text(s, "id");
            overrides.put(id, Json.array(http.get("v2/schedules/" + encode(id, UTF_8)
                    + "/overrides?scheduleIdentifierType=id"), "data"));
        }
        var escalations = Json.array(http.get("v2/escalations"), "data");
        var contacts = new LinkedHashMap<String, List<SourceData.Contact>>();
        for (var u : users) {
            contacts.put(u.id(), Json.array(http.get("v2/users/" + encode(u.id(), UTF_8) + "/contacts"), "data")
                    .stream().map(OpsgenieClient::contact).toList());
        }
        var services = pages("v1/services?limit=" + PAGE + "&offset=0").stream().map(OpsgenieClient::service)
                .toList();
        var integrations = Json.array(http.get("v2/integrations"), "data").stream().map(OpsgenieClient::integration)
                .toList();
        var heartbeats = Json.array(http.get("v2/heartbeats").get("data"), "heartbeats").stream()
                .map(OpsgenieClient::heartbeat).toList();
        return new SourceData(ImportSource.OPSGENIE, users, teams, schedules, overrides, escalations, contacts,
                services, integrations, heartbeats);
    }

    /** A user's contact ({@code method}, {@code to}), phones in international form. */
    static SourceData.Contact contact(JsonNode c) {
        return new SourceData.Contact(Json.text(c, "id"), Json.text(c, "method"), phone(Json.text(c, "method"),
                Json.text(c, "to")));
    }

    static SourceData.Service service(JsonNode s) {
        return new SourceData.Service(Json.text(s, "id"), Json.text(s, "name"), Json.text(s, "description"),
                Json.text(s, "teamId"), null);
    }

    /** An integration; its team is {@code teamId} (list answers) or {@code ownerTeam.id} (single answers). */
    static SourceData.Inbound integration(JsonNode i) {
        String team = Json.text(i, "teamId") != null ? Json.text(i, "teamId") : Json.text(i, "ownerTeam", "id");
        return new SourceData.Inbound(Json.text(i, "id"), Json.text(i, "name"), Json.text(i, "type"), null, team,
                null, !i.has("enabled") || i.get("enabled").asBoolean());
    }

    /** A heartbeat: {@code interval} in {@code intervalUnit} (minutes, hours, days). */
    static SourceData.Heartbeat heartbeat(JsonNode h) {
        long amount = Json.number(h, "interval", 0);
        Duration interval = switch (String.valueOf(Json.text(h, "intervalUnit"))) {
            case "hours" -> Duration.ofHours(amount);
            case "days" -> Duration.ofDays(amount);
            default -> Duration.ofMinutes(amount);
        };
        return new SourceData.Heartbeat(Json.text(h, "name"), Json.text(h, "description"), interval,
                !h.has("enabled") || h.get("enabled").asBoolean(), Json.text(h, "ownerTeam", "id"));
    }

    /** Every item of a list Opsgenie pages by {@code paging.next}. */
    private List<JsonNode> pages(String first) {
        var all = new ArrayList<JsonNode>();
        JsonNode page = http.get(first);
        while (true) {
            var items = Json.array(page, "data");
            all.addAll(items);
            String next = Json.text(page, "paging", "next");
            if (next == null || next.isBlank() || items.isEmpty()) {
                return all;
            }
            page = http.getLink(next);
        }
    }

    /** Opsgenie writes phone numbers as {@code <country code>-<number>}, e.g. {@code 49-1701234567}. */
    private static String phone(String method, String to) {
        if (to == null || !("sms".equals(method) || "voice".equals(method)) || to.startsWith("+")) {
            return to;
        }
        return "+" + to.replace("-", "");
    }

    /** {@code GET /v2/schedules/{id}/timeline}: the final timeline's periods of every rotation (and overrides). */
    @Override
    public List<Equivalence.Entry> onCall(String scheduleId, Instant from, Instant to) {
        long weeks = Math.max(1, (Duration.between(from, to).toDays() + 6) / 7);
        JsonNode data = http.get("v2/schedules/" + encode(scheduleId, UTF_8) + "/timeline?identifierType=id"
                + "&interval=" + weeks + "&intervalUnit=weeks&date=" + encode(from.toString(), UTF_8)).get("data");
        var entries = new ArrayList<Equivalence.Entry>();
        JsonNode timeline = data == null ? null : data.get("finalTimeline");
        for (JsonNode rotation : Json.array(timeline, "rotations")) {
            for (JsonNode p : Json.array(rotation, "periods")) {
                JsonNode recipient = p.get("recipient");
                if (!"user".equals(Json.text(recipient, "type"))) {
                    continue;
                }
                Instant start = Json.instant(p, "startDate");
                Instant end = Json.instant(p, "endDate");
                if (start != null && end != null && end.isAfter(start)) {
                    entries.add(new Equivalence.Entry(start, end, Json.text(recipient, "id")));
                }
            }
        }
        return entries;
    }

    @Override
    public int requests() {
        return http.requests();
    }
}
