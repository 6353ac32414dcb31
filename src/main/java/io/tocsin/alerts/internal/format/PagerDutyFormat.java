package io.tocsin.alerts.internal.format;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Set;

import io.tocsin.alerts.internal.Signal;
import io.tocsin.alerts.internal.SeverityOverrides;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty Events API v2: alert events ({@code /v2/enqueue}) and change events ({@code /v2/change/enqueue}).
 * Refused (PagerDuty's 400 "invalid event") only for what can never be an event: a missing or unknown
 * {@code event_action} (null included), a missing summary, source or severity on a trigger, fields of the wrong
 * type, an unreadable timestamp. Over-long text is cut and noted where PagerDuty itself would refuse it.
 */
public final class PagerDutyFormat {

    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final String[] PAYLOAD_TEXTS = {"component", "group", "class"};
    private static final String[] PAYLOAD_PATHS = {"payload.component", "payload.group", "payload.class"};

    /** An alert event; {@code signal} is set for triggers only. */
    public record Event(EventAction action, String dedupKey, Signal signal) {
    }

    /** A change event as {@code change_event} keeps it. */
    public record Change(String summary, String source, Instant occurredAt, String details, String links) {
    }

    private final Json json;

    public PagerDutyFormat(Json json) {
        this.json = json;
    }

    /** The routing key as sent, for authentication before anything else is read; null when not a string. */
    public static String routingKey(JsonNode root) {
        var key = root.get("routing_key");
        return key != null && key.isString() ? key.asString() : null;
    }

    public Mapped<Event> event(JsonNode root, SeverityOverrides overrides) {
        var in = new Payload();
        var actionNode = root.get("event_action");
        EventAction action = null;
        if (actionNode == null || actionNode.isNull()) {
            in.error("event_action", "is missing");
        } else if (!actionNode.isString() || (action = EventAction.of(actionNode.asString())) == null) {
            in.error("event_action", "must be one of trigger, acknowledge, resolve");
        }
        String dedupKey = in.string(root, "dedup_key", "dedup_key");
        dedupKey = dedupKey == null || dedupKey.isBlank() ? null
                : Text.key(dedupKey, Limits.PAGERDUTY_DEDUP_KEY, "dedup_key", in.adjustments);
        if (action != null && action != EventAction.TRIGGER && dedupKey == null) {
            in.error("dedup_key", "is required for " + actionNode.asString());
        }
        Signal signal = action == EventAction.TRIGGER ? trigger(root, dedupKey, overrides, in) : null;
        return Mapped.of(new Event(action, dedupKey, signal), in.errors);
    }

    private Signal trigger(JsonNode root, String dedupKey, SeverityOverrides overrides, Payload in) {
        var payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            in.error("payload", "is required for trigger and must be an object");
            return null;
        }
        String summary = in.nonBlank(payload, "summary", "payload.summary", Limits.SUMMARY);
        if (summary == null) {
            in.error("payload.summary", "is required");
        }
        String source = in.nonBlank(payload, "source", "payload.source", Limits.SOURCE);
        if (source == null) {
            in.error("payload.source", "is required");
        }
        var severityNode = payload.get("severity");
        String severity = severityNode != null && severityNode.isString() ? severityNode.asString() : null;
        if (severity == null || !SEVERITIES.contains(severity)) {
            in.error("payload.severity", "must be one of critical, error, warning, info");
        }
        Instant at = timestamp(payload, in);
        var details = new LinkedHashMap<String, Object>();
        for (int i = 0; i < PAYLOAD_TEXTS.length; i++) {
            putText(details, PAYLOAD_TEXTS[i], in.text(payload, PAYLOAD_TEXTS[i], PAYLOAD_PATHS[i],
                    Limits.PAGERDUTY_FIELD));
        }
        if (payload.has("custom_details")) {
            details.put("custom_details", payload.get("custom_details"));
        }
        String client = in.text(root, "client", "client", Limits.PAGERDUTY_FIELD);
        String clientUrl = in.text(root, "client_url", "client_url", Limits.LINK_HREF);
        if (client != null || clientUrl != null) {
            details.put("client", client);
            details.put("client_url", clientUrl);
        }
        var images = in.array(root, "images", "images");
        if (images != null) {
            details.put("images", images);
        }
        var links = links(root, in);
        if (!in.ok()) {
            return null;
        }
        return new Signal("pagerduty", dedupKey, summary, source, severity, overrides.decide(severity),
                json.details(details, in.adjustments, Limits.DETAILS), links, at);
    }

    public Mapped<Change> change(JsonNode root) {
        var in = new Payload();
        var payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            in.error("payload", "must be an object");
            return Mapped.of(null, in.errors);
        }
        String summary = in.nonBlank(payload, "summary", "payload.summary", Limits.SUMMARY);
        if (summary == null) {
            in.error("payload.summary", "is required");
        }
        String source = in.text(payload, "source", "payload.source", Limits.SOURCE);
        Instant at = timestamp(payload, in);
        String links = links(root, in);
        var details = new LinkedHashMap<String, Object>();
        var custom = payload.get("custom_details");
        if (custom != null && !custom.isNull()) {
            details.put("custom_details", custom);
        }
        return Mapped.of(in.ok() ? new Change(summary, source, at, json.details(details, in.adjustments,
                Limits.CHANGE_DETAILS), links) : null, in.errors);
    }

    private static Instant timestamp(JsonNode payload, Payload in) {
        var moment = Text.moment(in.string(payload, "timestamp", "payload.timestamp"), "payload.timestamp",
                in.adjustments);
        if (moment instanceof Text.Moment.Unreadable) {
            in.error("payload.timestamp", "must be an ISO 8601 timestamp");
        }
        return moment instanceof Text.Moment.At(Instant at) ? at : null;
    }

    private String links(JsonNode root, Payload in) {
        var links = in.array(root, "links", "links");
        if (links == null) {
            return null;
        }
        var kept = new Json.Links(in.adjustments);
        int i = 0;
        for (var link : links) {
            var href = link.isObject() ? link.get("href") : null;
            if (href == null || !href.isString()) {
                in.error("links", "each of 'links' needs an 'href' string");
                return null;
            }
            var text = link.get("text");
            kept.add(href.asString(), text != null && text.isString() ? text.asString() : null, "links[" + i++ + "]");
        }
        return json.links(kept.done(), in.adjustments);
    }

    private static void putText(LinkedHashMap<String, Object> details, String field, String value) {
        if (value != null) {
            details.put(field, value);
        }
    }
}
