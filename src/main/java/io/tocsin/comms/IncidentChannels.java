package io.tocsin.comms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentEvent;
import io.tocsin.incidents.IncidentEvents;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.RoleEvents;
import io.tocsin.incidents.SeverityScale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where the team talks about an incident (R17, seed 003): a chat room named after the key (INC-42 gives inc-42), a
 * video call from the configured pattern, and the status document page in Tocsin. The room topic (summary,
 * severity, roles with people, links) is regenerated on every change; when it changes, chat tools learn it from
 * {@link CommsEvents.RoomTopicChanged}.
 */
@Component
@Transactional
public class IncidentChannels {

    private final Incidents incidents;
    private final IncidentRoles roles;
    private final SeverityScale severities;
    private final MessageSource messages;
    private final CommsSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final String baseUrl;

    IncidentChannels(Incidents incidents, IncidentRoles roles, SeverityScale severities, MessageSource messages,
            CommsSettings settings, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events,
            @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.incidents = incidents;
        this.roles = roles;
        this.severities = severities;
        this.messages = messages;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public record Channels(String key, String room, String videoUrl, String incidentUrl, String statusDocumentUrl,
            String topic, Instant topicUpdatedAt) {
    }

    public static String room(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    @Transactional(readOnly = true)
    public Channels of(String ref) {
        var incident = incidents.get(ref);
        var stored = jdbc.sql("select topic_updated_at from incident_channel where incident_id = ?").param(incident.id())
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
        return new Channels(incident.key(), room(incident.key()), videoUrl(incident.key()), incidentUrl(incident.key()),
                statusDocumentUrl(incident.key()), topic(incident, settings.getDefaultLocale()), stored.orElse(null));
    }

    public String videoUrl(String key) {
        return settings.getVideoUrlPattern().replace("{room}", room(key)).replace("{key}", key);
    }

    public String incidentUrl(String key) {
        return baseUrl + "/incidents/" + key;
    }

    public String statusDocumentUrl(String key) {
        return baseUrl + "/incidents/" + key + "/status-document";
    }

    /** "INC-42 · SEV 1 Critical · Checkout fails | Incident manager: Ann | Technical lead: Bo, Cy | links". */
    @Transactional(readOnly = true)
    public String topic(Incident incident, Locale locale) {
        var parts = new ArrayList<String>();
        parts.add(incident.key() + " · " + messages.getMessage("comms.topic.severity",
                new Object[] {incident.severity(), severities.label(incident.severity(), locale)}, locale) + " · "
                + messages.getMessage("status." + incident.status().name(), null, incident.status().name(), locale)
                + " · " + incident.summary());
        roles.holderNames(incident.id()).forEach((code, names) -> parts.add(
                roles.roleName(incident.id(), code, locale) + ": " + String.join(", ", names)));
        parts.add(messages.getMessage("comms.topic.links", new Object[] {incidentUrl(incident.key()),
                statusDocumentUrl(incident.key()), videoUrl(incident.key())}, locale));
        return String.join(" | ", parts);
    }

    /** Whatever the topic shows may have changed: summary, severity, status, people in roles. */
    @EventListener(classes = {IncidentEvents.Declared.class, IncidentEvents.ManagerAssigned.class,
            IncidentEvents.SeverityChanged.class, IncidentEvents.StatusChanged.class, IncidentEvents.Updated.class,
            RoleEvents.RoleAssigned.class, RoleEvents.RoleReleased.class})
    void onChange(Object event) {
        refresh(switch (event) {
            case IncidentEvent e -> e.incidentId();
            case RoleEvents.RoleAssigned e -> e.incidentId();
            case RoleEvents.RoleReleased e -> e.incidentId();
            default -> throw new IllegalArgumentException("not a topic change: " + event);
        });
    }

    /** Regenerates the topic; stores and announces it only when it changed. */
    void refresh(UUID incidentId) {
        var incident = incidents.find(incidentId).orElse(null);
        if (incident == null) {
            return;
        }
        String topic = topic(incident, settings.getDefaultLocale());
        if (topic.length() > 4000) {
            topic = topic.substring(0, 3999) + "…";
        }
        var stored = jdbc.sql("select topic from incident_channel where incident_id = ?").param(incidentId)
                .query(String.class).optional();
        if (stored.isPresent() && stored.get().equals(topic)) {
            return;
        }
        var now = clock.instant();
        if (stored.isPresent()) {
            jdbc.sql("update incident_channel set topic = ?, topic_updated_at = ? where incident_id = ?")
                    .params(topic, Timestamp.from(now), incidentId).update();
        } else {
            jdbc.sql("insert into incident_channel (incident_id, topic, topic_updated_at) values (?, ?, ?)")
                    .params(incidentId, topic, Timestamp.from(now)).update();
        }
        events.publishEvent(new CommsEvents.RoomTopicChanged(incidentId, incident.key(), room(incident.key()), topic, now));
    }
}
