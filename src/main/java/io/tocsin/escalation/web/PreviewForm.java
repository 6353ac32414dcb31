package io.tocsin.escalation.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tocsin.escalation.internal.Preview;
import io.tocsin.escalation.internal.Run;

/**
 * The policy page's "what if" form (issue 10): when the alert arrives ({@code at}, a datetime-local value in the
 * viewer's zone; blank: now), its severity (1 critical .. 4 info) and, optionally, one of the services using the
 * policy, whose business hours and owning team then apply. Raw strings are kept so a refused value is shown as
 * typed; {@code errors} names each field at fault by message key, and the preview falls back to now, severity 1.
 */
record PreviewForm(String at, String severity, String service, Instant instant, int severityValue, UUID serviceId,
        Map<String, String> errors) {

    static final int MIN_SEVERITY = 1;
    static final int MAX_SEVERITY = 4;

    static PreviewForm parse(String at, String severity, String service, ZoneId zone, Instant now,
            Set<UUID> servicesUsingPolicy) {
        var errors = new LinkedHashMap<String, String>();
        Instant instant = now;
        if (at != null && !at.isBlank()) {
            try {
                instant = LocalDateTime.parse(at.strip()).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                errors.put("at", "escalation.ui.preview.error.at");
            }
        }
        int severityValue = MIN_SEVERITY;
        if (severity != null && !severity.isBlank()) {
            try {
                severityValue = Integer.parseInt(severity.strip());
            } catch (NumberFormatException e) {
                severityValue = 0;
            }
            if (severityValue < MIN_SEVERITY || severityValue > MAX_SEVERITY) {
                errors.put("severity", "escalation.ui.preview.error.severity");
                severityValue = MIN_SEVERITY;
            }
        }
        UUID serviceId = null;
        if (service != null && !service.isBlank()) {
            try {
                serviceId = UUID.fromString(service.strip());
            } catch (IllegalArgumentException e) {
                serviceId = null;
            }
            if (serviceId == null || !servicesUsingPolicy.contains(serviceId)) {
                errors.put("service", "escalation.ui.preview.error.service");
                serviceId = null;
            }
        }
        return new PreviewForm(at, severity, service, instant, severityValue, serviceId, Map.copyOf(errors));
    }

    /**
     * What the page says above the levels when a service was chosen: whether this policy or the owning team would
     * be paged, and the wait for the service's business hours.
     */
    record Answer(String serviceName, boolean team, String routeName, boolean waits, Instant startsAt,
            Duration waitFor, String zone) {

        static Answer of(Preview.AlertPreview alert) {
            var route = alert.route().orElseThrow();
            return new Answer(alert.serviceName(), route.kind() == Run.Kind.TEAM, alert.routeName(), route.waits(),
                    route.startsAt(), alert.waits(), alert.businessHours().map(h -> h.zone().getId()).orElse(null));
        }
    }

    /** Whether the viewer asked about another instant than now. */
    public boolean dated() {
        return at != null && !at.isBlank() && !errors.containsKey("at");
    }
}
