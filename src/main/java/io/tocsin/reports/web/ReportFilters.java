package io.tocsin.reports.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.incidents.Priority;
import io.tocsin.reports.ReportQuery;
import io.tocsin.reports.ReportSection;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;

/**
 * The filters of a report as the page and the API take them: {@code from} and {@code to} as dates (the whole last
 * day included, in the reader's time zone) or instants; {@code team}, {@code service} ids; {@code severity} 1..3 and
 * {@code priority} P1..P5, each repeatable. Bad values name their field (RFC 9457); the default period is the 30 days
 * before today.
 */
record ReportFilters(String from, String to, String team, String service, List<String> severity,
        List<String> priority) {

    ReportQuery toQuery(Instant now) {
        ZoneId zone = zone();
        var violations = new ArrayList<FieldViolation>();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant start = parse(from, false, zone, violations, "from");
        Instant end = parse(to, true, zone, violations, "to");
        if (end == null && violations.stream().noneMatch(v -> v.field().equals("to"))) {
            end = today.plusDays(1).atStartOfDay(zone).toInstant();
        }
        if (start == null && violations.stream().noneMatch(v -> v.field().equals("from"))) {
            start = today.minusDays(29).atStartOfDay(zone).toInstant();
        }
        UUID teamId = uuid(team, "team", violations);
        UUID serviceId = uuid(service, "service", violations);
        Set<Integer> severities = new LinkedHashSet<>();
        for (var s : severity == null ? List.<String>of() : severity) {
            if (s == null || s.isBlank()) {
                continue;
            }
            try {
                int v = Integer.parseInt(s.strip());
                if (v < 1 || v > 3) {
                    throw new NumberFormatException();
                }
                severities.add(v);
            } catch (NumberFormatException e) {
                violations.add(new FieldViolation("severity", "must be 1, 2 or 3"));
            }
        }
        Set<Priority> priorities = new LinkedHashSet<>();
        for (var p : priority == null ? List.<String>of() : priority) {
            if (p == null || p.isBlank()) {
                continue;
            }
            try {
                priorities.add(Priority.valueOf(p.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("priority", "must be one of P1..P5"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (!start.isBefore(end)) {
            throw new InvalidInputException("to", "the period must end after it starts");
        }
        return new ReportQuery(start, end, teamId, serviceId, severities, priorities, zone);
    }

    static ZoneId zone() {
        return CurrentActor.principal().map(p -> p.zone()).orElse(ZoneOffset.UTC);
    }

    static ReportSection.Reader reader(Locale locale) {
        boolean people = CurrentActor.principal().map(p -> p.role() != Role.STAKEHOLDER).orElse(false);
        return new ReportSection.Reader(locale, people);
    }

    private static Instant parse(String value, boolean end, ZoneId zone, List<FieldViolation> violations,
            String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.strip().length() == 10) {
                var date = LocalDate.parse(value.strip());
                return (end ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value.strip());
        } catch (DateTimeException e) {
            violations.add(new FieldViolation(field, "must be a date (2026-03-01) or an instant (2026-03-01T00:00:00Z)"));
            return null;
        }
    }

    private static UUID uuid(String value, String field, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(field, "must be an id"));
            return null;
        }
    }
}
