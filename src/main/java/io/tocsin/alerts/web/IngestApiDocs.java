package io.tocsin.alerts.web;

import static io.tocsin.shared.ApiSchemas.arrayOf;
import static io.tocsin.shared.ApiSchemas.header;
import static io.tocsin.shared.ApiSchemas.integer;
import static io.tocsin.shared.ApiSchemas.json;
import static io.tocsin.shared.ApiSchemas.map;
import static io.tocsin.shared.ApiSchemas.number;
import static io.tocsin.shared.ApiSchemas.object;
import static io.tocsin.shared.ApiSchemas.oneOf;
import static io.tocsin.shared.ApiSchemas.operation;
import static io.tocsin.shared.ApiSchemas.path;
import static io.tocsin.shared.ApiSchemas.query;
import static io.tocsin.shared.ApiSchemas.responses;
import static io.tocsin.shared.ApiSchemas.string;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.tags.Tag;
import io.tocsin.shared.ApiSchemas.Answer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The ingest compatibility endpoints in the OpenAPI document, each under its own tag with the vendor's request
 * and response shapes: they are how monitoring tools reach Tocsin, and a team moving over looks for them here
 * (docs/integrations.md says how to point each tool at them).
 */
@Component
class IngestApiDocs implements OpenApiCustomizer {

    static final String PAGERDUTY = "Compatibility: PagerDuty Events API v2";
    static final String OPSGENIE = "Compatibility: Opsgenie Alert API v2";
    static final String ALERTMANAGER = "Compatibility: Prometheus Alertmanager and Grafana";
    static final String WEBHOOK = "Integrations: generic webhook and heartbeats";

    @Override
    public void customise(OpenAPI api) {
        api.addTagsItem(new Tag().name(PAGERDUTY).description("What PagerDuty's Events API v2 accepts, at the same paths:"
                + " point a sender's PagerDuty URL at Tocsin and keep its routing key format (32 characters)."));
        api.addTagsItem(new Tag().name(OPSGENIE).description("Opsgenie's Alert API v2 as its clients and Alertmanager's"
                + " opsgenie_configs use it: set api_url to Tocsin, send the integration key as `GenieKey <key>`."));
        api.addTagsItem(new Tag().name(ALERTMANAGER).description("Alertmanager's webhook_config (version 4) and Grafana's"
                + " webhook contact point; the key as query parameter, Bearer or Basic password."));
        api.addTagsItem(new Tag().name(WEBHOOK).description("Tocsin's own simple webhook for scripts, and heartbeats"
                + " (R14) for cron jobs."));
        pagerDuty(api);
        opsgenie(api);
        alertmanagerAndGrafana(api);
        webhookAndHeartbeats(api);
    }

    private static void pagerDuty(OpenAPI api) {
        var link = object("A link shown with the alert", List.of("href"), "href", string("URL"), "text", string("label"));
        var image = object("An image shown with the alert", List.of("src"), "src", string("image URL"),
                "href", string("link"), "alt", string("alternative text"));
        var event = object("An Events API v2 event", List.of("routing_key", "event_action"),
                "routing_key", string("the integration key", 32),
                "event_action", oneOf("what to do", "trigger", "acknowledge", "resolve"),
                "dedup_key", string("groups events into one alert; generated for a trigger without one", 255),
                "payload", object("required for trigger", List.of("summary", "source", "severity"),
                        "summary", string("one line", 1024), "source", string("host or FQDN"),
                        "severity", oneOf("mapped to Tocsin's severities per integration", "critical", "error",
                                "warning", "info"),
                        "timestamp", string("ISO 8601"), "component", string(""), "group", string(""),
                        "class", string(""), "custom_details", map("any JSON")),
                "images", arrayOf("", image), "links", arrayOf("", link),
                "client", string("the sending tool"), "client_url", string("link back to it"));
        var accepted = object("accepted", List.of(), "status", string("success"), "message", string("Event processed"),
                "dedup_key", string("the alert's key"));
        var invalid = object("refused: do not retry", List.of(), "status", string("invalid event"),
                "message", string("Event object is invalid"), "errors", arrayOf("what is wrong", string("")));
        api.path("/v2/enqueue", new PathItem().post(operation(PAGERDUTY, "pagerDutyEnqueue", "Send an alert event",
                "Same routing key and dedup_key update the open alert (a repeat); after it resolved, a trigger opens a"
                        + " new one; acknowledge/resolve for an unknown key are dropped.")
                .requestBody(json(event))
                .responses(responses("202", Answer.of("Event processed (committed before the answer)", accepted),
                        "400", Answer.of("Invalid event", invalid), "413", Answer.of("Body over 512 KB"),
                        "429", Answer.of("Rate limit of the key exceeded; retry after Retry-After"),
                        "503", Answer.of("Temporarily unable to store; retry")))));
        var change = object("A change event (a deployment, a configuration change)", List.of("routing_key", "payload"),
                "routing_key", string("the integration key", 32),
                "payload", object("", List.of("summary"), "summary", string("", 1024), "source", string(""),
                        "timestamp", string("ISO 8601"), "custom_details", map("any JSON")),
                "links", arrayOf("", link));
        api.path("/v2/change/enqueue", new PathItem().post(operation(PAGERDUTY, "pagerDutyChangeEnqueue",
                "Record a change event", "Lands on the timeline of the service's open incidents and of incidents"
                        + " opened shortly after (\"did it start with a deployment?\").")
                .requestBody(json(change))
                .responses(responses("202", Answer.of("Change recorded", accepted), "400", Answer.of("Invalid event",
                        invalid)))));
    }

    private static void opsgenie(OpenAPI api) {
        var auth = header("Authorization", "GenieKey <integration key>", true);
        var accepted = object("accepted asynchronously, as Opsgenie does", List.of(),
                "result", string("Request will be processed"), "took", number("seconds"),
                "requestId", string("look it up under /v2/alerts/requests/{requestId}"));
        var error = object("Opsgenie's error shape", List.of(), "message", string(""), "took", number(""),
                "requestId", string(""));
        var create = object("Create an alert (or count a repeat of the open alert with the same alias)",
                List.of("message"), "message", string("summary; longer text is cut to 130 and marked", 130),
                "alias", string("dedup key; a longer one keeps its start plus a hash", 512),
                "description", string("longer text is cut to 15,000 characters and marked, never refused"),
                "responders", arrayOf("", map("type and id/name/username")), "tags", arrayOf("", string("")),
                "details", map("string values"), "entity", string(""), "source", string(""),
                "priority", oneOf("mapped to Tocsin's severities per integration", "P1", "P2", "P3", "P4", "P5"),
                "user", string(""), "note", string(""));
        var note = object("", List.of(), "user", string(""), "source", string(""), "note", string(""));
        var type = query("identifierType", "how {identifier} is meant: id (default), alias or tiny", false);
        Schema<?> answer = accepted;
        api.path("/v2/alerts", new PathItem().post(operation(OPSGENIE, "opsgenieCreate", "Create an alert",
                "Every Opsgenie path is also served with a trailing slash, as the official Node SDK sends them.")
                .addParametersItem(auth).requestBody(json(create))
                .responses(responses("202", Answer.of("Request will be processed", answer), "400",
                        Answer.of("Malformed JSON", error), "401", Answer.of("Unknown key", error), "422",
                        Answer.of("Can never be accepted (no message, unknown priority)", error), "429",
                        Answer.of("Rate limit", error)))));
        for (String action : List.of("acknowledge", "close")) {
            api.path("/v2/alerts/{identifier}/" + action, new PathItem().post(operation(OPSGENIE, "opsgenie-" + action,
                    action.substring(0, 1).toUpperCase() + action.substring(1) + " an alert", null)
                    .addParametersItem(auth).addParametersItem(path("identifier", "alert id, alias or tiny id"))
                    .addParametersItem(type).requestBody(json(note).required(false))
                    .responses(responses("202", Answer.of("Request will be processed", answer), "401",
                            Answer.of("Unknown key", error)))));
        }
        for (String field : List.of("message", "description")) {
            api.path("/v2/alerts/{identifier}/" + field, new PathItem().put(operation(OPSGENIE, "opsgenie-update-" + field,
                    "Update an alert's " + field, "Sent by Alertmanager's opsgenie_configs with update_alerts: true.")
                    .addParametersItem(auth).addParametersItem(path("identifier", "alert id, alias or tiny id"))
                    .addParametersItem(type)
                    .requestBody(json(object(field.equals("message") ? "required, cut to 130 characters"
                            : "optional (an empty body clears it), cut to 15,000 characters",
                            field.equals("message") ? List.of(field) : List.of(), field, string("the new " + field))))
                    .responses(responses("202", Answer.of("Request will be processed (an unknown alert is a failed"
                            + " request, as in Opsgenie)", answer), "401", Answer.of("Unknown key", error), "422",
                            Answer.of("Unknown identifierType or no message", error)))));
        }
        api.path("/v2/alerts/{identifier}", new PathItem().get(operation(OPSGENIE, "opsgenieGetAlert",
                "Get an alert", "The alert in Opsgenie's shape, with its tinyId for identifierType=tiny.")
                .addParametersItem(auth).addParametersItem(path("identifier", "alert id, alias or tiny id"))
                .addParametersItem(type)
                .responses(responses("200", Answer.of("The alert", object("", List.of(), "data", object("",
                        List.of(), "id", string(""), "tinyId", string(""), "alias", string(""), "message", string(""),
                        "status", oneOf("", "open", "closed"), "acknowledged", string("true or false"),
                        "count", integer(""), "priority", string("")), "took", number(""), "requestId", string(""))),
                        "404", Answer.of("Alert does not exist", error)))));
        api.path("/v2/alerts/requests/{requestId}", new PathItem().get(operation(OPSGENIE, "opsgenieRequestStatus",
                "Outcome of an earlier request", null).addParametersItem(auth)
                .addParametersItem(path("requestId", "from a 202 answer"))
                .responses(responses("200", Answer.of("The request's outcome", object("", List.of(), "data",
                        object("", List.of(), "success", string("true or false"), "action", string(""),
                                "processedAt", string(""), "integrationId", string(""), "isSuccess", string(""),
                                "status", string(""), "alertId", string(""), "alias", string("")),
                        "took", number(""), "requestId", string(""))), "404", Answer.of("Unknown request", error)))));
    }

    private static void alertmanagerAndGrafana(OpenAPI api) {
        var key = query("key", "the integration key (or send it as Bearer token or Basic password)", false);
        var member = object("One alert of the group", List.of(), "status", oneOf("", "firing", "resolved"),
                "labels", map(""), "annotations", map(""), "startsAt", string("RFC 3339"),
                "endsAt", string("RFC 3339; 0001-01-01T00:00:00Z while firing"), "generatorURL", string(""),
                "fingerprint", string("tracks the member across notifications"));
        var webhook = object("Alertmanager webhook, version 4 (Grafana adds orgId, title, state, message)",
                List.of("alerts"), "version", string("4"), "groupKey", string("the alert's dedup key (its SHA-256)"),
                "truncatedAlerts", integer("members left out of this notification"),
                "status", oneOf("", "firing", "resolved"), "receiver", string(""), "groupLabels", map(""),
                "commonLabels", map(""), "commonAnnotations", map(""), "externalURL", string(""),
                "alerts", arrayOf("", member));
        api.path("/integrations/alertmanager", new PathItem().post(operation(ALERTMANAGER, "alertmanagerWebhook",
                "Alertmanager webhook_config", "One alert per group; members tracked by fingerprint; the alert"
                        + " resolves when the group does. Every answer Alertmanager should retry is a 5xx (it treats"
                        + " every 4xx as final).")
                .addParametersItem(key).requestBody(json(webhook))
                .responses(responses("200", Answer.of("Stored"), "400", Answer.of("Can never be accepted (not retried)"),
                        "401", Answer.of("Unknown key"), "413", Answer.of("Body over 512 KB"),
                        "503", Answer.of("Temporarily unable to store, or rate limited; Alertmanager retries")))));
        var grafana = new PathItem();
        var op = operation(ALERTMANAGER, "grafanaWebhook", "Grafana webhook contact point",
                "Optional HMAC: X-Grafana-Alerting-Signature over the body, or over \"<timestamp>:<body>\" with the"
                        + " timestamp in X-Grafana-Alerting-Signature-Timestamp or X-Grafana-Alerting-Timestamp;"
                        + " the integration may name other headers (signatureHeader, timestampHeader). A timestamp"
                        + " more than 5 minutes from now is refused as a replay.")
                .addParametersItem(key).addParametersItem(header("X-Grafana-Alerting-Signature",
                        "hex HMAC-SHA256 when the integration has a secret", false))
                .addParametersItem(header("X-Grafana-Alerting-Timestamp",
                        "unix seconds signed with the body (or X-Grafana-Alerting-Signature-Timestamp)", false))
                .requestBody(json(webhook))
                .responses(responses("200", Answer.of("Stored"), "401", Answer.of("Unknown key or bad signature"),
                        "503", Answer.of("Temporarily unable to store; retry")));
        api.path("/integrations/grafana", grafana.post(op).put(op));
    }

    private static void webhookAndHeartbeats(OpenAPI api) {
        var key = query("key", "the integration key (or Bearer token, or Basic password)", false);
        var event = object("Tocsin's generic event", List.of("action"),
                "action", oneOf("", "trigger", "acknowledge", "resolve"), "dedupKey", string("groups events"),
                "summary", string(""), "severity", oneOf("", "critical", "error", "warning", "info"),
                "source", string(""), "details", map(""),
                "links", arrayOf("", object("", List.of("href"), "href", string(""), "text", string(""))));
        api.path("/integrations/webhook", new PathItem().post(operation(WEBHOOK, "genericWebhook", "Send an event",
                null).addParametersItem(key).requestBody(json(event))
                .responses(responses("202", Answer.of("Accepted", object("", List.of(), "status", string("accepted"),
                        "result", string(""), "dedupKey", string(""))), "400", Answer.of("Invalid event (problem+json)"),
                        "401", Answer.of("Unknown key")))));
        var ping = operation(WEBHOOK, "heartbeatPing", "Ping a heartbeat (R14)",
                "Call after every successful run; a missed deadline raises an alert, the next ping resolves it.")
                .addParametersItem(path("token", "the heartbeat's token"))
                .responses(responses("200", Answer.of("Recorded"), "404", Answer.of("Unknown token")));
        api.path("/heartbeats/{token}", new PathItem().get(ping).post(ping));
    }
}
