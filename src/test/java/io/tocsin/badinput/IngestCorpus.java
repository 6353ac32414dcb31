package io.tocsin.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.tocsin.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input for the compatibility endpoints monitoring tools call (PagerDuty Events v2, Opsgenie, Alertmanager,
 * Grafana, the generic webhook, heartbeats): each starts from a real payload of that tool, and every leaf of it
 * is spoilt in turn, plus broken bodies, odd content types and bad keys. These endpoints answer in the sender's
 * own error shape, so the cases expect no particular status: never a 5xx, and nothing written when refused.
 */
final class IngestCorpus {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Fixture fixture;

    IngestCorpus(Fixture fixture) {
        this.fixture = fixture;
    }

    /** A target: how to call it (key in the query, in a header, or none) and a real payload. */
    private record Endpoint(String target, String method, String uri, Map<String, String> headers, JsonNode sample) {
    }

    List<Case> cases() {
        var cases = new ArrayList<Case>();
        for (var endpoint : endpoints()) {
            addCases(endpoint, cases);
        }
        for (String token : List.of("%00", "a%00b", "%C3%28", BadValues.LONG_SEGMENT, "%20")) {
            cases.add(Case.of("GET /heartbeats/{token}", "bad-id", token.length() > 20 ? "long token" : token, "GET",
                    "/heartbeats/" + token, null, null));
            cases.add(Case.of("POST /heartbeats/{token}", "bad-id", token.length() > 20 ? "long token" : token, "POST",
                    "/heartbeats/" + token, "application/json", "{}"));
        }
        cases.add(Case.of("POST /heartbeats/{token}", "content-type", "multipart/form-data", "POST",
                fixture.heartbeatPath, "multipart/form-data", "junk"));
        cases.add(Case.of("GET /heartbeats/{token}", "malformed-query", "undecodable query string", "GET",
                fixture.heartbeatPath + "?%zz=1", null, null));
        for (String id : List.of("%00", "not-a-uuid", BadValues.LONG_SEGMENT, "%C3%28")) {
            String label = id.length() > 20 ? "long id" : id;
            cases.add(Case.of("GET /v2/alerts/requests/{requestId}", "bad-id", label, "GET",
                    "/v2/alerts/requests/" + id, null, null).withHeaders(genieKey()));
            cases.add(Case.of("GET /v2/alerts/{identifier}", "bad-id", label, "GET", "/v2/alerts/" + id, null, null)
                    .withHeaders(genieKey()));
        }
        for (String type : List.of("alias", "tiny", "id", "NO_SUCH_TYPE", "%00", "%zz")) {
            cases.add(Case.of("GET /v2/alerts/{identifier}", "bad-enum", "identifierType=" + type, "GET",
                    "/v2/alerts/" + fixture.opsgenieAlias + "?identifierType=" + type, null, null)
                    .withHeaders(genieKey()));
        }
        return cases;
    }

    private List<Endpoint> endpoints() {
        String pagerDuty = fixture.keys.get("PAGERDUTY");
        var trigger = object(Map.of("routing_key", pagerDuty, "event_action", "trigger",
                "dedup_key", "bad-input-" + System.nanoTime(), "payload", Map.of("summary", "Checkout errors",
                        "source", "lb-1", "severity", "critical", "timestamp", fixture.now.toString(), "component", "lb",
                        "group", "web", "class", "http", "custom_details", Map.of("rate", 0.07, "hosts", List.of("a"))),
                "links", List.of(Map.of("href", "https://example.org/run", "text", "runbook")),
                "images", List.of(Map.of("src", "https://example.org/g.png", "href", "https://example.org", "alt", "g")),
                "client", "Prometheus", "client_url", "https://example.org"));
        var change = object(Map.of("routing_key", pagerDuty, "payload", Map.of("summary", "Deployed v2",
                "timestamp", fixture.now.toString(), "source", "ci", "custom_details", Map.of("sha", "abc")),
                "links", List.of(Map.of("href", "https://example.org/pr/1", "text", "PR"))));
        var opsgenie = (ObjectNode) object(Map.of("message", "Disk full", "alias", "bad-input-disk",
                "description", "97%", "responders", List.of(Map.of("type", "team", "name", "ops")),
                "visibleTo", List.of(), "actions", List.of("restart"), "tags", List.of("disk"),
                "details", Map.of("host", "db-1"), "entity", "db-1", "source", "zabbix"));
        opsgenie.put("priority", "P2").put("user", "monitor").put("note", "n");
        var opsgenieAction = object(Map.of("user", "monitor", "source", "zabbix", "note", "looking"));
        var alertmanager = alertmanagerGroup();
        var webhook = object(Map.of("action", "trigger", "dedupKey", "bad-input-webhook", "summary", "Queue backlog",
                "severity", "warning", "source", "rabbit", "details", Map.of("depth", 12000),
                "links", List.of(Map.of("href", "https://example.org/q", "text", "queue"))));
        String alias = fixture.opsgenieAlias;
        return List.of(
                new Endpoint("POST /v2/enqueue", "POST", "/v2/enqueue", Map.of(), trigger),
                new Endpoint("POST /v2/change/enqueue", "POST", "/v2/change/enqueue", Map.of(), change),
                new Endpoint("POST /v2/alerts", "POST", "/v2/alerts", genieKey(), opsgenie),
                new Endpoint("POST /v2/alerts/{identifier}/acknowledge", "POST",
                        "/v2/alerts/" + alias + "/acknowledge?identifierType=alias", genieKey(), opsgenieAction),
                new Endpoint("POST /v2/alerts/{identifier}/close", "POST",
                        "/v2/alerts/" + alias + "/close?identifierType=alias", genieKey(), opsgenieAction),
                new Endpoint("POST /integrations/alertmanager", "POST",
                        "/integrations/alertmanager?key=" + fixture.keys.get("ALERTMANAGER"), Map.of(), alertmanager),
                new Endpoint("POST /integrations/grafana", "POST",
                        "/integrations/grafana?key=" + fixture.keys.get("GRAFANA"), Map.of(), alertmanager),
                new Endpoint("PUT /integrations/grafana", "PUT",
                        "/integrations/grafana?key=" + fixture.keys.get("GRAFANA"), Map.of(), alertmanager),
                new Endpoint("PUT /v2/alerts/{identifier}/message", "PUT",
                        "/v2/alerts/" + alias + "/message?identifierType=alias", genieKey(),
                        object(Map.of("message", "Disk full again"))),
                new Endpoint("PUT /v2/alerts/{identifier}/description", "PUT",
                        "/v2/alerts/" + alias + "/description?identifierType=alias", genieKey(),
                        object(Map.of("description", "97% and rising"))),
                new Endpoint("POST /integrations/webhook", "POST", "/integrations/webhook",
                        Map.of("Authorization", "Bearer " + fixture.keys.get("WEBHOOK")), webhook),
                new Endpoint("POST /heartbeats/{token}", "POST", fixture.heartbeatPath, Map.of(), object(Map.of())));
    }

    private Map<String, String> genieKey() {
        return Map.of("Authorization", "GenieKey " + fixture.keys.get("OPSGENIE"));
    }

    private void addCases(Endpoint e, List<Case> cases) {
        String json = BadValues.WRITER.writeValueAsString(e.sample());
        BadValues.malformedBodies().forEach((label, bytes) -> cases.add(new Case(e.target(), "malformed-json", label,
                e.method(), e.uri(), "application/json", bytes, e.headers(), null)));
        BadValues.wrongShapes().forEach((label, body) -> cases.add(Case.of(e.target(), "wrong-type", "body is " + label,
                e.method(), e.uri(), "application/json", body).withHeaders(e.headers())));
        BadValues.deepNesting().forEach((label, body) -> cases.add(Case.of(e.target(), "deep-nesting", label,
                e.method(), e.uri(), "application/json", body).withHeaders(e.headers())));
        BadValues.oddContentTypes(json).forEach((type, body) -> cases.add(Case.of(e.target(), "content-type",
                type.isEmpty() ? "no content type" : type, e.method(), e.uri(), type.isEmpty() ? null : type, body)
                .withHeaders(e.headers())));
        if (e.sample() instanceof ObjectNode object) {
            var huge = object.deepCopy();
            huge.put("padding", "z".repeat(RestCorpus.BODY_LIMIT + 1));
            cases.add(Case.of(e.target(), "huge-body", "just over 1 MB", e.method(), e.uri(), "application/json",
                    BadValues.WRITER.writeValueAsString(huge)).withHeaders(e.headers()));
            var nulKey = object.deepCopy();
            nulKey.put("bad\u0000key", "x");
            cases.add(Case.of(e.target(), "nul-character", "NUL in a property name", e.method(), e.uri(),
                    "application/json", BadValues.WRITER.writeValueAsString(nulKey)).withHeaders(e.headers()));
        }
        String separator = e.uri().contains("?") ? "&" : "?";
        for (String bad : List.of("%00", "a%00b", "%zz", "%C3%28")) {
            String kind = bad.contains("00") ? "nul-character" : "malformed-query";
            String keyed = e.uri().contains("key=") ? e.uri().replaceAll("key=[^&]*", "key=" + bad)
                    : e.uri() + separator + "key=" + bad;
            cases.add(Case.of(e.target(), kind, "key=" + bad, e.method(), keyed, "application/json", json)
                    .withHeaders(e.headers()));
            cases.add(Case.of(e.target(), kind, "extra=" + bad, e.method(), e.uri() + separator + "extra=" + bad,
                    "application/json", json).withHeaders(e.headers()));
        }
        leaves(e.sample(), "", (path, leaf) -> {
            JsonNode schema = pseudoSchema(path, leaf);
            for (var bad : BadValues.forProperty(schema)) {
                var body = RestCorpus.set(e.sample().deepCopy(), path, bad.json());
                cases.add(Case.of(e.target(), bad.kind(), path + ": " + bad.label(), e.method(), e.uri(),
                        "application/json", BadValues.WRITER.writeValueAsString(body)).withHeaders(e.headers()));
            }
        });
    }

    /** Every property path of a payload down to its leaves (first array elements only). */
    private static void leaves(JsonNode node, String prefix, BiConsumer<String, JsonNode> visitor) {
        for (var p : node.properties()) {
            String path = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
            JsonNode value = p.getValue();
            visitor.accept(path, value);
            if (value.isObject()) {
                leaves(value, path, visitor);
            } else if (value.isArray() && !value.isEmpty()) {
                visitor.accept(path + "[0]", value.get(0));
                if (value.get(0).isObject()) {
                    leaves(value.get(0), path + "[0]", visitor);
                }
            }
        }
    }

    /** What a payload value is, as a schema: its JSON type, and a date-time format for the tools' timestamps. */
    private static JsonNode pseudoSchema(String path, JsonNode value) {
        var schema = NODES.objectNode();
        schema.put("type", value.isNumber() ? "number" : value.isBoolean() ? "boolean" : value.isArray() ? "array"
                : value.isObject() ? "object" : "string");
        String name = path.substring(path.lastIndexOf('.') + 1);
        if (name.endsWith("At") || name.equals("timestamp")) {
            schema.put("format", "date-time");
        }
        return schema;
    }

    /**
     * Alertmanager's webhook payload as Alertmanager 0.25 sends it (the capture in the alerts tests' fixtures; kept
     * here so the corpus does not depend on where those live), with a second, good member in the group.
     */
    private JsonNode alertmanagerGroup() {
        var group = (ObjectNode) Api.JSON.readTree("""
                {"receiver":"incident-app","status":"firing","alerts":[{"status":"firing",
                 "labels":{"alertname":"HighErrorRate","env":"prod","instance":"checkout-1:8080","service":"checkout",
                  "severity":"critical"},
                 "annotations":{"description":"checkout-1 returns 7.3% HTTP 5xx over 5m",
                  "runbook_url":"https://runbooks.example.org/checkout/high-error-rate",
                  "summary":"5xx rate above 5% on checkout"},
                 "startsAt":"2026-11-22T00:37:21Z","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"http://prometheus.example.org:9090/graph?g0.expr=rate%28http_5xx%5B5m%5D%29+%3E+0.05",
                 "fingerprint":"c99eb7baa1f5803c"}],
                 "groupLabels":{"alertname":"HighErrorRate","service":"checkout"},
                 "commonLabels":{"alertname":"HighErrorRate","env":"prod","instance":"checkout-1:8080",
                  "service":"checkout","severity":"critical"},
                 "commonAnnotations":{"description":"checkout-1 returns 7.3% HTTP 5xx over 5m",
                  "runbook_url":"https://runbooks.example.org/checkout/high-error-rate",
                  "summary":"5xx rate above 5% on checkout"},
                 "externalURL":"http://127.0.0.1:9093","version":"4",
                 "groupKey":"{}:{alertname=\\"HighErrorRate\\", service=\\"checkout\\"}","truncatedAlerts":0}""");
        var second = (ObjectNode) group.get("alerts").get(0).deepCopy();
        second.put("fingerprint", "bad0input" + Long.toHexString(System.nanoTime()));
        ((ObjectNode) second.get("labels")).put("instance", "checkout-2:8080");
        group.withArray("alerts").add(second);
        return group;
    }

    private static JsonNode object(Map<String, ?> value) {
        return Api.JSON.valueToTree(value);
    }
}
