package io.tocsin.alerts.internal;

/**
 * What an entry of an alert's own history (R4) says happened; each has a message {@code alert.event.<name>} in the
 * bundles. Stored by name.
 */
public enum AlertHistoryKind {
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED,
    /** It joined the service's open incident. */
    ATTACHED,
    /** It opened an incident. */
    INCIDENT_OPENED,
    /** It stays an alert (below the threshold, or the rule opens nothing for it). */
    KEPT_AS_ALERT,
    /** Inside a maintenance window: no incident, no page. */
    SUPPRESSED,
    /** A person opened an incident from it. */
    PROMOTED,
    /** A member alert of an Alertmanager or Grafana group started firing. */
    MEMBER_FIRING,
    /** A member alert of the group resolved. */
    MEMBER_RESOLVED,
    /** A member alert reported a status other than firing or resolved (the message names it). */
    MEMBER_CHANGED,
    /** The service's dedup scope changed and the alert's key moved with it. */
    SCOPE_CHANGED,
    /** An alert with the same key in the new dedup scope was merged into this one. */
    DUPLICATE_MERGED,
    /** Merged into the alert that has the same key in the new dedup scope, and resolved. */
    MERGED_INTO,
    /** An Opsgenie client changed the alert's message (Alertmanager's update_alerts). */
    MESSAGE_UPDATED,
    /** An Opsgenie client changed the alert's description. */
    DESCRIPTION_UPDATED;

    /** A member's status as Alertmanager ({@code firing}, {@code resolved}) or Grafana ({@code alerting}) sends it. */
    static AlertHistoryKind member(String status) {
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "firing", "alerting" -> MEMBER_FIRING;
            case "resolved", "ok", "normal" -> MEMBER_RESOLVED;
            default -> MEMBER_CHANGED;
        };
    }

    /** Reads a stored name; member statuses recorded before this enum existed read as {@link #MEMBER_CHANGED}. */
    static AlertHistoryKind stored(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException unknown) {
            if (name.startsWith("MEMBER_")) {
                return MEMBER_CHANGED;
            }
            throw unknown;
        }
    }
}
