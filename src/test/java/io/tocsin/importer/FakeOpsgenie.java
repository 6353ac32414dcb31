package io.tocsin.importer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake of the Opsgenie REST API v2 endpoints the importer uses, on loopback, loaded with
 * src/test/resources/importer/opsgenie.json: {@code GET /v2/users} (paged, at most {@link #PAGE} a page, with
 * {@code paging.next}), {@code /v2/users/{id}/contacts}, {@code /v2/teams}, {@code /v2/teams/{id}}, {@code /v2/schedules?expand=rotation},
 * {@code /v2/schedules/{id}/overrides}, {@code /v2/escalations}, {@code /v1/services} (paged like users),
 * {@code /v2/integrations}, {@code /v2/heartbeats} (as {@code data.heartbeats}) and
 * {@code /v2/schedules/{id}/timeline}
 * (the final timeline rendered by Opsgenie's rules in {@link VendorSemantics}); {@code Authorization: GenieKey};
 * errors as {@code {"message", "took", "requestId"}}.
 */
final class FakeOpsgenie extends FakeVendorApi {

    static final String KEY = "og-key-5f1c2a";
    static final int PAGE = 4;

    FakeOpsgenie() {
        super(ImportFixtures.opsgenie(), KEY);
    }

    @Override
    String expectedAuthorization() {
        return "GenieKey " + apiKey;
    }

    @Override
    JsonNode error(int status, String message) {
        return object().put("message", message).put("took", 0.002).put("requestId", UUID.randomUUID().toString());
    }

    @Override
    JsonNode answer(String path, Map<String, List<String>> query) {
        var parts = path.split("/");
        if (path.equals("/v2/users")) {
            return paged("/v2/users", data.get("users"), Integer.parseInt(first(query, "offset", "0")),
                    Integer.parseInt(first(query, "limit", "20")));
        }
        if (path.equals("/v1/services")) {
            return paged("/v1/services", data.get("services"), Integer.parseInt(first(query, "offset", "0")),
                    Integer.parseInt(first(query, "limit", "20")));
        }
        if (path.equals("/v2/integrations")) {
            return envelope(data.get("integrations"));
        }
        if (path.equals("/v2/heartbeats")) {
            ObjectNode list = object();
            list.set("heartbeats", data.get("heartbeats"));
            return envelope(list);
        }
        if (parts.length == 5 && path.startsWith("/v2/users/") && parts[4].equals("contacts")) {
            JsonNode contacts = data.get("contacts").get(parts[3]);
            return contacts == null ? null : envelope(contacts);
        }
        if (path.equals("/v2/teams")) {
            ArrayNode teams = ImportFixtures.JSON.createArrayNode();
            data.get("teams").forEach(t -> teams.add(((ObjectNode) t.deepCopy()).without("members")));
            return envelope(teams);
        }
        if (parts.length == 4 && path.startsWith("/v2/teams/")) {
            return find(data.get("teams"), parts[3]);
        }
        if (path.equals("/v2/schedules")) {
            boolean rotations = first(query, "expand", "").contains("rotation");
            ArrayNode out = ImportFixtures.JSON.createArrayNode();
            data.get("schedules").forEach(s -> out.add(rotations ? s.deepCopy()
                    : ((ObjectNode) s.deepCopy()).without("rotations")));
            return envelope(out);
        }
        if (parts.length == 5 && path.startsWith("/v2/schedules/") && parts[4].equals("overrides")) {
            JsonNode overrides = data.get("overrides").get(parts[3]);
            return overrides == null ? null : envelope(overrides);
        }
        if (parts.length == 5 && path.startsWith("/v2/schedules/") && parts[4].equals("timeline")) {
            return timeline(parts[3], query);
        }
        if (path.equals("/v2/escalations")) {
            return envelope(data.get("escalations"));
        }
        return null;
    }

    private JsonNode paged(String path, JsonNode all, int offset, int limit) {
        int size = Math.min(Math.max(1, limit), PAGE);
        ArrayNode page = ImportFixtures.JSON.createArrayNode();
        for (int i = offset; i < Math.min(all.size(), offset + size); i++) {
            page.add(all.get(i));
        }
        ObjectNode body = (ObjectNode) envelope(page);
        body.put("totalCount", all.size());
        ObjectNode paging = body.putObject("paging");
        paging.put("first", url() + path + "?limit=" + size + "&offset=0");
        if (offset + size < all.size()) {
            paging.put("next", url() + path + "?limit=" + size + "&offset=" + (offset + size));
        }
        return body;
    }

    /** The final timeline: one entry list per rotation, each rotation rendered with the overrides that apply. */
    private JsonNode timeline(String scheduleId, Map<String, List<String>> query) {
        JsonNode schedule = null;
        for (JsonNode s : data.get("schedules")) {
            if (s.get("id").asString().equals(scheduleId)) {
                schedule = s;
            }
        }
        if (schedule == null) {
            return null;
        }
        Instant from = OffsetDateTime.parse(first(query, "date", Instant.now().toString())).toInstant();
        long interval = Long.parseLong(first(query, "interval", "1"));
        Instant to = from.plus(interval * 7, ChronoUnit.DAYS);
        var overrides = ImportFixtures.list(data.get("overrides").get(scheduleId));
        ObjectNode body = object();
        ObjectNode d = body.putObject("data");
        d.putObject("_parent").put("id", scheduleId).put("name", schedule.get("name").asString()).put("enabled", true);
        d.put("startDate", from.toString()).put("endDate", to.toString());
        ArrayNode rotations = d.putObject("finalTimeline").putArray("rotations");
        for (JsonNode r : schedule.get("rotations")) {
            ObjectNode single = ((ObjectNode) schedule.deepCopy());
            single.putArray("rotations").add(r);
            ObjectNode rotation = rotations.addObject().put("id", r.get("id").asString())
                    .put("name", r.get("name").asString());
            ArrayNode periods = rotation.putArray("periods");
            for (var e : VendorSemantics.render(at -> VendorSemantics.opsgenie(single, overrides, at), from, to)) {
                periods.addObject().put("startDate", e.start().toString()).put("endDate", e.end().toString())
                        .put("type", "default").putObject("recipient").put("id", e.who()).put("type", "user");
            }
        }
        return body;
    }

    private JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asString().equals(id)) {
                return envelope(n);
            }
        }
        return null;
    }

    private JsonNode envelope(JsonNode data) {
        ObjectNode body = object();
        body.set("data", data);
        return body.put("took", 0.011).put("requestId", UUID.randomUUID().toString());
    }
}
