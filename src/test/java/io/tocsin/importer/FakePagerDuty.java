package io.tocsin.importer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake of the PagerDuty REST API v2 endpoints the importer uses, on loopback, loaded with
 * src/test/resources/importer/pagerduty.json: {@code GET /users}, {@code /users/{id}/contact_methods}, {@code /teams}, {@code /teams/{id}/members},
 * {@code /schedules}, {@code /escalation_policies} (classic pagination, at most {@link #PAGE} a page, with
 * {@code more}), {@code /schedules/{id}} (layers, and with {@code since}/{@code until} the
 * {@code final_schedule.rendered_schedule_entries} by PagerDuty's rules in {@link VendorSemantics}),
 * {@code /schedules/{id}/overrides}, {@code /oncalls}, {@code /services} (paged, integrations as references)
 * and {@code /services/{id}/integrations/{id}} (with its {@code integration_key});
 * {@code Authorization: Token token=}; errors as
 * {@code {"error": {"message", "code"}}}.
 */
final class FakePagerDuty extends FakeVendorApi {

    static final String KEY = "pd-ro-key-u+8a2c";
    static final int PAGE = 4;

    FakePagerDuty() {
        super(ImportFixtures.pagerDuty(), KEY);
    }

    @Override
    String expectedAuthorization() {
        return "Token token=" + apiKey;
    }

    @Override
    JsonNode error(int status, String message) {
        ObjectNode body = object();
        body.putObject("error").put("message", message).put("code", status == 401 ? 2006 : status == 429 ? 2020
                : 2001);
        return body;
    }

    @Override
    JsonNode answer(String path, Map<String, List<String>> query) {
        var parts = path.split("/");
        int offset = Integer.parseInt(first(query, "offset", "0"));
        int limit = Integer.parseInt(first(query, "limit", "25"));
        switch (path) {
            case "/users":
                return page("users", data.get("users"), offset, limit);
            case "/teams":
                return page("teams", data.get("teams"), offset, limit);
            case "/schedules": {
                ArrayNode summaries = ImportFixtures.JSON.createArrayNode();
                data.get("schedules").forEach(s -> summaries.add(((ObjectNode) s.deepCopy()).without("schedule_layers")));
                return page("schedules", summaries, offset, limit);
            }
            case "/escalation_policies":
                return page("escalation_policies", data.get("escalation_policies"), offset, limit);
            case "/services": {
                // The list holds integration references; GET /services/{id}/integrations/{id} has the key.
                ArrayNode summaries = ImportFixtures.JSON.createArrayNode();
                data.get("services").forEach(s -> {
                    ObjectNode copy = (ObjectNode) s.deepCopy();
                    ArrayNode refs = copy.putArray("integrations");
                    s.get("integrations").forEach(i -> refs.addObject().put("id", i.get("id").asString())
                            .put("type", i.get("type").asString() + "_reference")
                            .put("summary", i.get("summary").asString()));
                    summaries.add(copy);
                });
                return page("services", summaries, offset, limit);
            }
            case "/oncalls":
                return oncalls(query);
            default:
                break;
        }
        if (parts.length == 4 && parts[1].equals("users") && parts[3].equals("contact_methods")) {
            JsonNode methods = data.get("contact_methods").get(parts[2]);
            if (methods == null) {
                return null;
            }
            ObjectNode body = object();
            body.set("contact_methods", methods);
            return body;
        }
        if (parts.length == 4 && parts[1].equals("teams") && parts[3].equals("members")) {
            JsonNode team = find(data.get("teams"), parts[2]);
            if (team == null) {
                return null;
            }
            ArrayNode members = ImportFixtures.JSON.createArrayNode();
            team.get("members").forEach(k -> members.addObject().put("role", "responder").putObject("user")
                    .put("id", "PD" + k.asString().toUpperCase()).put("type", "user_reference"));
            return page("members", members, offset, limit);
        }
        if (parts.length == 5 && parts[1].equals("services") && parts[3].equals("integrations")) {
            JsonNode service = find(data.get("services"), parts[2]);
            JsonNode integration = service == null ? null : find(service.get("integrations"), parts[4]);
            if (integration == null) {
                return null;
            }
            ObjectNode copy = (ObjectNode) integration.deepCopy();
            copy.putObject("service").put("id", parts[2]).put("type", "service_reference");
            ObjectNode body = object();
            body.set("integration", copy);
            return body;
        }
        if (parts.length == 3 && parts[1].equals("schedules")) {
            JsonNode schedule = find(data.get("schedules"), parts[2]);
            if (schedule == null) {
                return null;
            }
            ObjectNode copy = (ObjectNode) schedule.deepCopy();
            String since = first(query, "since", null);
            String until = first(query, "until", null);
            if (since != null && until != null) {
                ArrayNode entries = copy.putObject("final_schedule").put("name", "Final Schedule")
                        .putArray("rendered_schedule_entries");
                for (var e : rendered(parts[2], instant(since), instant(until))) {
                    entries.addObject().put("start", e.start().toString()).put("end", e.end().toString())
                            .putObject("user").put("id", e.who()).put("type", "user_reference");
                }
            }
            ObjectNode body = object();
            body.set("schedule", copy);
            return body;
        }
        if (parts.length == 4 && parts[1].equals("schedules") && parts[3].equals("overrides")) {
            JsonNode overrides = data.get("overrides").get(parts[2]);
            if (overrides == null) {
                return null;
            }
            Instant since = instant(first(query, "since", "1970-01-01T00:00:00Z"));
            Instant until = instant(first(query, "until", "2100-01-01T00:00:00Z"));
            ArrayNode out = ImportFixtures.JSON.createArrayNode();
            overrides.forEach(o -> {
                if (instant(o.get("end").asString()).isAfter(since) && instant(o.get("start").asString()).isBefore(until)) {
                    out.add(o);
                }
            });
            ObjectNode body = object();
            body.set("overrides", out);
            return body;
        }
        return null;
    }

    private List<io.tocsin.importer.internal.Equivalence.Entry> rendered(String scheduleId, Instant from, Instant to) {
        JsonNode schedule = find(data.get("schedules"), scheduleId);
        var overrides = ImportFixtures.list(data.get("overrides").get(scheduleId));
        return VendorSemantics.render(at -> VendorSemantics.single(VendorSemantics.pagerDuty(schedule, overrides,
                at)), from, to);
    }

    private JsonNode oncalls(Map<String, List<String>> query) {
        var ids = query.getOrDefault("schedule_ids[]", List.of());
        Instant since = instant(first(query, "since", "1970-01-01T00:00:00Z"));
        Instant until = instant(first(query, "until", "1970-01-02T00:00:00Z"));
        ArrayNode out = ImportFixtures.JSON.createArrayNode();
        for (String id : ids) {
            if (find(data.get("schedules"), id) == null) {
                continue;
            }
            for (var e : rendered(id, since, until)) {
                ObjectNode oncall = out.addObject();
                oncall.putObject("user").put("id", e.who()).put("type", "user_reference");
                oncall.putObject("schedule").put("id", id).put("type", "schedule_reference");
                oncall.put("escalation_level", 1).put("start", e.start().toString()).put("end", e.end().toString());
            }
        }
        ObjectNode body = object();
        body.set("oncalls", out);
        return body.put("limit", 100).put("offset", 0).put("more", false);
    }

    private JsonNode page(String field, JsonNode all, int offset, int limit) {
        int size = Math.min(Math.max(1, limit), PAGE);
        ObjectNode body = object();
        ArrayNode items = body.putArray(field);
        for (int i = offset; i < Math.min(all.size(), offset + size); i++) {
            items.add(all.get(i));
        }
        return body.put("limit", size).put("offset", offset).put("more", offset + size < all.size()).putNull("total");
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asString().equals(id)) {
                return n;
            }
        }
        return null;
    }

    private static Instant instant(String s) {
        return OffsetDateTime.parse(s).toInstant();
    }
}
