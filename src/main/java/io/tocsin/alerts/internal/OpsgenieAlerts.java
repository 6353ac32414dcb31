package io.tocsin.alerts.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.alerts.internal.format.Adjustments;
import io.tocsin.alerts.internal.format.Json;
import io.tocsin.alerts.internal.format.Limits;
import io.tocsin.alerts.internal.format.OpsgenieFormat.Identifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alerts as the Opsgenie API names and changes them: by id, alias (open alerts only, as in Opsgenie) or tiny id
 * (a short number handed out per alert), and the message and description updates Alertmanager sends with
 * {@code update_alerts: true}. An identifier only ever finds alerts of the integration that asks.
 */
@Component
@Transactional
public class OpsgenieAlerts {

    private final AlertRepository alerts;
    private final AlertEventLog log;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    OpsgenieAlerts(AlertRepository alerts, AlertEventLog log, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.alerts = alerts;
        this.log = log;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** The alert an identifier names for this integration, if any. */
    @Transactional(readOnly = true)
    public Optional<Alert> find(AlertIngest.Route route, Identifier identifier) {
        Optional<Alert> found = switch (identifier) {
            case Identifier.ByAlias a -> alerts.findOpen(route.scopeId(), a.alias());
            case Identifier.ById i -> alerts.findById(i.id());
            case Identifier.ByTiny t -> jdbc.sql("select alert_id from opsgenie_tiny_id where tiny_id = ?")
                    .param(t.tinyId()).query(UUID.class).optional().flatMap(alerts::findById);
            case Identifier.Unknown u -> Optional.empty();
        };
        return found.filter(a -> route.integrationId() != null && route.integrationId().equals(a.integrationId()));
    }

    /** The alert's tiny id, handed out on first use; the same alert always keeps the same one. */
    public long tinyId(UUID alertId) {
        for (int attempt = 0; ; attempt++) {
            var existing = jdbc.sql("select tiny_id from opsgenie_tiny_id where alert_id = ?").param(alertId)
                    .query(Long.class).optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                jdbc.sql("insert into opsgenie_tiny_id (alert_id) values (?)").param(alertId).update();
            } catch (DuplicateKeyException raced) {
                if (attempt > 0) {
                    throw raced;
                }
            }
        }
    }

    /** Sets the alert's summary (Opsgenie's message); false when the alert is gone. Unchanged text writes nothing. */
    public boolean updateMessage(UUID alertId, String message, String by) {
        var alert = alerts.lockById(alertId);
        if (alert.isEmpty()) {
            return false;
        }
        if (!message.equals(alert.get().summary())) {
            jdbc.sql("update alert set summary = ?, version = version + 1 where id = ?").params(message, alertId)
                    .update();
            log.record(alertId, AlertHistoryKind.MESSAGE_UPDATED, by, message, clock.instant());
        }
        return true;
    }

    /**
     * Sets (or, with null, removes) the description kept in the alert's details, with what had to be changed to
     * store it; false when the alert is gone. Unchanged text writes nothing.
     */
    public boolean updateDescription(UUID alertId, String description, Adjustments adjustments, String by) {
        var alert = alerts.lockById(alertId);
        if (alert.isEmpty()) {
            return false;
        }
        var details = details(alert.get().details());
        var before = details.get("description");
        if (description == null ? before == null : before != null && description.equals(before.asString())) {
            return true;
        }
        if (description == null) {
            details.remove("description");
        } else {
            details.put("description", description);
        }
        noteAdjustments(details, adjustments);
        String text = new Json(json).write(details);
        if (text.length() > Limits.DETAILS) {
            // Only with a body limit far above the default: keep the new description, say the rest was dropped.
            int length = text.length();
            details.removeAll();
            if (description != null) {
                details.put("description", description);
            }
            adjustments.add("details", Adjustments.Kind.OMITTED, length, Limits.DETAILS, "too large to keep");
            noteAdjustments(details, adjustments);
            text = new Json(json).write(details);
        }
        jdbc.sql("update alert set details = ?, version = version + 1 where id = ?").params(text, alertId).update();
        log.record(alertId, AlertHistoryKind.DESCRIPTION_UPDATED, by, null, clock.instant());
        return true;
    }

    private ObjectNode details(String text) {
        if (text != null) {
            var node = json.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
            var wrapped = json.createObjectNode();
            wrapped.set("value", node);
            return wrapped;
        }
        return json.createObjectNode();
    }

    /** Replaces the description's earlier notes in {@code tocsin.adjusted} by the new ones. */
    private void noteAdjustments(ObjectNode details, Adjustments adjustments) {
        var kept = new ArrayList<Object>();
        var tocsin = details.get(Json.TOCSIN);
        var adjusted = tocsin == null ? null : tocsin.get("adjusted");
        if (adjusted != null && adjusted.isArray()) {
            for (JsonNode entry : adjusted) {
                var field = entry.get("field");
                if (field == null || !field.isString() || !field.asString().equals("description")) {
                    kept.add(entry);
                }
            }
        }
        kept.addAll(adjustments.list());
        if (kept.isEmpty()) {
            details.remove(Json.TOCSIN);
            return;
        }
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("adjusted", List.copyOf(kept));
        details.set(Json.TOCSIN, json.valueToTree(note));
    }
}
