package io.tocsin.incidents.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

import io.tocsin.incidents.AffectedScope;
import io.tocsin.incidents.ChangeCorrelation;
import io.tocsin.incidents.CleanupTaskStatus;
import io.tocsin.incidents.Impact;
import io.tocsin.incidents.OtherFactor;
import io.tocsin.incidents.TimelineEntryKind;
import io.tocsin.incidents.Urgency;
import io.tocsin.shared.InvalidInputException;

/** The HTML forms of the incident pages, as submitted. Times arrive as local date-times in the viewer's zone. */
final class IncidentForms {

    private IncidentForms() {
    }

    record DeclareForm(String summary, String description, String reporterContact, Integer severity, UUID serviceId,
            Set<UUID> productIds, Urgency urgency, Impact impact, String category, String impactStartedAt,
            String detectedAt) {

        static DeclareForm empty() {
            return new DeclareForm("", "", "", null, null, Set.of(), null, null, null, "", "");
        }
    }

    record EntryForm(TimelineEntryKind kind, String body, String outcome, String rollbackPlan, Long correctsEntryId) {
    }

    record SeverityForm(Integer severity, String reason, Long version) {
    }

    record ReasonForm(String reason, Long version) {
    }

    record AssessmentForm(String customerImpact, String customersSee, AffectedScope affectedScope,
            Integer affectedCount, String startedAt, Integer supportTicketCount, Set<OtherFactor> otherFactors,
            String otherFactorsNote, ChangeCorrelation changeCorrelation, String changeReference, Long version) {
    }

    record TimesForm(String impactStartedAt, String detectedAt, String resolvedAt, String reason, Long version) {
    }

    record TicketForm(String system, String externalId, String customer, String url) {
    }

    record TaskForm(String title, UUID ownerId, LocalDate dueDate) {
    }

    record TaskStatusForm(CleanupTaskStatus status, Long version) {
    }

    /** A datetime-local value read in the viewer's zone; blank means "not given". */
    static Instant instant(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "is not a date and time");
        }
    }
}
