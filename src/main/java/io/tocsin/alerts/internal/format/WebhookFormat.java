package io.tocsin.alerts.internal.format;

import io.tocsin.alerts.internal.Signal;
import io.tocsin.alerts.internal.SeverityOverrides;
import tools.jackson.databind.JsonNode;

/**
 * The generic JSON webhook: {@code action} (default trigger), {@code dedupKey}, {@code summary},
 * {@code severity}, {@code source}, {@code details} (any JSON), {@code links} ({@code [{href, text}]}).
 */
public final class WebhookFormat {

    /** An event; {@code signal} is set for triggers only. */
    public record Event(EventAction action, String dedupKey, Signal signal) {
    }

    private final Json json;

    public WebhookFormat(Json json) {
        this.json = json;
    }

    public Mapped<Event> event(JsonNode root, SeverityOverrides overrides) {
        var in = new Payload();
        String word = in.string(root, "action", "action");
        EventAction action = word == null ? EventAction.TRIGGER : EventAction.of(word);
        if (action == null) {
            in.error("action", "must be one of trigger, acknowledge, resolve");
        }
        String dedupKey = in.string(root, "dedupKey", "dedupKey");
        dedupKey = dedupKey == null || dedupKey.isBlank() ? null
                : Text.key(dedupKey, Limits.PAGERDUTY_DEDUP_KEY, "dedupKey", in.adjustments);
        String summary = in.nonBlank(root, "summary", "summary", Limits.SUMMARY);
        String severity = in.nonBlank(root, "severity", "severity", Limits.SOURCE_SEVERITY);
        String source = in.text(root, "source", "source", Limits.SOURCE);
        if (action == EventAction.TRIGGER && summary == null) {
            in.error("summary", "is required for trigger");
        }
        if (action != null && action != EventAction.TRIGGER && dedupKey == null) {
            in.error("dedupKey", "is required for " + word);
        }
        var links = in.array(root, "links", "links");
        if (!in.ok()) {
            return Mapped.of(null, in.errors);
        }
        Signal signal = null;
        if (action == EventAction.TRIGGER) {
            var kept = new Json.Links(in.adjustments);
            if (links != null) {
                int i = 0;
                for (var link : links) {
                    var href = link.isObject() ? link.get("href") : null;
                    var text = link.isObject() ? link.get("text") : null;
                    kept.add(href != null && href.isString() ? href.asString() : null,
                            text != null && text.isString() ? text.asString() : null, "links[" + i++ + "]");
                }
            }
            String linksText = json.links(kept.done(), in.adjustments);
            signal = new Signal("webhook", dedupKey, summary, source, severity, overrides.decide(severity),
                    json.anyDetails(root.get("details"), in.adjustments, Limits.DETAILS), linksText, null);
        }
        return Mapped.of(new Event(action, dedupKey, signal), in.errors);
    }
}
