package io.tocsin.alerts.internal.format;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.tocsin.alerts.internal.Members;
import io.tocsin.alerts.internal.SecretKeys;
import io.tocsin.alerts.internal.Signal;
import io.tocsin.alerts.internal.SeverityOverrides;
import io.tocsin.alerts.internal.format.Adjustments.Kind;
import tools.jackson.databind.JsonNode;

/**
 * Prometheus Alertmanager webhook (version 4) and Grafana unified alerting (version 1, the same group shape plus
 * {@code title}, {@code state}, {@code message}). A group is one alert, deduplicated by the SHA-256 of its
 * {@code groupKey} (the key Alertmanager's own PagerDuty integration sends); members are tracked by fingerprint.
 * Only a group that cannot be read is refused; a member that cannot be read is skipped and noted, so one bad
 * member never costs the group its good ones.
 */
public final class AlertmanagerFormat {

    private static final String[] KEPT = {"receiver", "groupLabels", "commonLabels", "commonAnnotations",
        "externalURL", "truncatedAlerts", "alerts", "message", "orgId"};

    /** One group: its dedup key, whether it fires, the signal for a firing group, and its readable members. */
    public record Group(String dedupKey, boolean firing, Signal signal, List<Members.Member> members) {
    }

    private final Json json;

    public AlertmanagerFormat(Json json) {
        this.json = json;
    }

    public Mapped<Group> group(JsonNode root, String origin, SeverityOverrides overrides) {
        var in = new Payload();
        String groupKey = in.string(root, "groupKey", "groupKey");
        if (groupKey == null || groupKey.isBlank()) {
            in.error("groupKey", "is required");
        }
        String status = in.string(root, "status", "status");
        boolean firing = "firing".equals(status) || "alerting".equals(status);
        if (!firing && !"resolved".equals(status) && !"ok".equals(status)) {
            in.error("status", "must be firing or resolved");
        }
        var alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            in.error("alerts", "must be an array");
        }
        if (!in.ok()) {
            return Mapped.of(null, in.errors);
        }
        var members = new ArrayList<Members.Member>(alerts.size());
        var links = new Json.Links(in.adjustments);
        var annotations = root.get("commonAnnotations");
        links.add(annotations != null && annotations.isObject() ? text(annotations.get("runbook_url")) : null,
                "Runbook", "commonAnnotations.runbook_url");
        int i = 0;
        for (var a : alerts) {
            var member = member(a, "alerts[" + i + "]", in.adjustments);
            if (member != null) {
                members.add(member);
                var url = a.get("generatorURL");
                links.add(url != null && url.isString() ? url.asString() : null, "Source",
                        "alerts[" + i + "].generatorURL");
            }
            i++;
        }
        String dedupKey = SecretKeys.sha256Hex(groupKey);
        Signal signal = firing ? signal(root, dedupKey, origin, members, links, overrides, in.adjustments) : null;
        return Mapped.of(new Group(dedupKey, firing, signal, members), List.of());
    }

    /** A member, or null (noted) when it has no fingerprint or status that Tocsin can track it by. */
    private static Members.Member member(JsonNode a, String field, Adjustments adjustments) {
        if (!a.isObject()) {
            adjustments.add(field, Kind.MEMBER_SKIPPED, null, null, "not an object");
            return null;
        }
        var fpNode = a.get("fingerprint");
        var statusNode = a.get("status");
        if (fpNode == null || !fpNode.isString() || fpNode.asString().isBlank()) {
            adjustments.add(field, Kind.MEMBER_SKIPPED, null, null, "no fingerprint");
            return null;
        }
        String status = statusNode != null && statusNode.isString() ? statusNode.asString() : null;
        if (!"firing".equals(status) && !"resolved".equals(status)) {
            adjustments.add(field, Kind.MEMBER_SKIPPED, null, null, "status is neither firing nor resolved");
            return null;
        }
        String fingerprint = Text.key(fpNode.asString(), Limits.FINGERPRINT, field + ".fingerprint", adjustments);
        var labels = a.get("labels");
        var nameNode = labels != null && labels.isObject() ? labels.get("alertname") : null;
        String name = nameNode != null && nameNode.isString() && !nameNode.asString().isBlank()
                ? Text.fit(nameNode.asString(), Limits.MEMBER_NAME, field + ".labels.alertname", adjustments)
                : fingerprint;
        Instant starts = date(a, "startsAt", field, adjustments);
        var endsNode = a.get("endsAt");
        // Firing members carry Go's zero time as endsAt.
        Instant ends = endsNode != null && endsNode.isString() && endsNode.asString().startsWith("0001-") ? null
                : date(a, "endsAt", field, adjustments);
        return new Members.Member(fingerprint, status, name, starts, ends);
    }

    private static Instant date(JsonNode a, String name, String field, Adjustments adjustments) {
        var node = a.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        String path = field + "." + name;
        if (!node.isString()) {
            adjustments.add(path, Kind.DATE_IGNORED, null, null, "not a string");
            return null;
        }
        var moment = Text.moment(node.asString(), path, adjustments);
        if (moment instanceof Text.Moment.Unreadable) {
            adjustments.add(path, Kind.DATE_IGNORED, null, null, "not an RFC 3339 timestamp");
        }
        return moment instanceof Text.Moment.At(Instant at) ? at : null;
    }

    private Signal signal(JsonNode root, String dedupKey, String origin, List<Members.Member> members,
            Json.Links links, SeverityOverrides overrides, Adjustments adjustments) {
        var annotations = root.get("commonAnnotations");
        String summary = text(root.get("title"));
        if (summary == null || summary.isBlank()) {
            summary = "[FIRING:" + firingCount(root, members) + "] " + labelsText(root.get("groupLabels"));
            String annotation = annotations != null && annotations.isObject() ? text(annotations.get("summary")) : null;
            if (annotation != null) {
                summary += " - " + annotation;
            }
        }
        summary = Text.fit(summary.strip(), Limits.SUMMARY, "summary", adjustments);
        var common = root.get("commonLabels");
        String severity = common != null && common.isObject()
                ? Text.fit(text(common.get("severity")), Limits.SOURCE_SEVERITY, "commonLabels.severity", adjustments)
                : null;
        String linksText = json.links(links.done(), adjustments);
        String external = text(root.get("externalURL"));
        String source = external == null || external.isBlank() ? origin
                : Text.fit(external, Limits.SOURCE, "externalURL", adjustments);
        var details = new LinkedHashMap<String, Object>();
        for (String f : KEPT) {
            if (root.has(f)) {
                details.put(f, root.get(f));
            }
        }
        return new Signal(origin, dedupKey, summary, source, severity, overrides.decide(severity),
                json.details(details, adjustments, Limits.DETAILS), linksText, null);
    }

    /**
     * How many of the group fire: the firing members sent, plus those Alertmanager left out of the body
     * ({@code truncatedAlerts}, when {@code max_alerts} is set), so the count matches the {@code [FIRING:n]} that
     * Alertmanager's PagerDuty and Opsgenie paths send for the same group (they see every alert).
     */
    private static long firingCount(JsonNode root, List<Members.Member> members) {
        long firing = members.stream().filter(m -> m.status().equals("firing")).count();
        var truncated = root.get("truncatedAlerts");
        if (truncated != null && truncated.isIntegralNumber() && truncated.canConvertToLong()
                && truncated.asLong() > 0) {
            firing += truncated.asLong();
        }
        return firing;
    }

    private static String labelsText(JsonNode labels) {
        if (labels == null || !labels.isObject() || labels.isEmpty()) {
            return "alert group";
        }
        var parts = new StringBuilder();
        for (var e : labels.properties()) {
            if (parts.length() > Limits.SUMMARY) {
                break;
            }
            if (!parts.isEmpty()) {
                parts.append(' ');
            }
            parts.append(e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
        }
        return parts.toString();
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }
}
