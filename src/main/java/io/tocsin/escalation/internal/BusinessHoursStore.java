package io.tocsin.escalation.internal;

import io.tocsin.escalation.BusinessHours;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.catalog.Catalog;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Business hours per service (R13), kept in escalation's own table keyed by the catalog's service id. */
@Component
@Transactional
public class BusinessHoursStore {

    public static final int MAX_HOLIDAYS = 200;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    BusinessHoursStore(JdbcClient jdbc, Catalog catalog, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** As submitted: zone "Europe/Berlin", days ["MONDAY", ...], "09:00", "17:00", holidays ["2026-12-24"]. */
    @Schema(name = "BusinessHoursDraft")
    public record Draft(String timeZone, List<String> days, String start, String end, List<String> holidays) {
    }

    @Transactional(readOnly = true)
    public Optional<BusinessHours> of(UUID serviceId) {
        return jdbc.sql("select zone, days, start_time, end_time, holidays from service_business_hours where service_id = ?")
                .param(serviceId).query((rs, n) -> new BusinessHours(ZoneId.of(rs.getString(1)),
                        split(rs.getString(2)).stream().map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                        LocalTime.parse(rs.getString(3)), LocalTime.parse(rs.getString(4)),
                        split(rs.getString(5)).stream().map(LocalDate::parse).collect(Collectors.toSet())))
                .optional();
    }

    /** The business hours of a service that must exist (404 otherwise); empty when none are set: always open. */
    @Transactional(readOnly = true)
    public Optional<BusinessHours> ofService(UUID serviceId) {
        catalog.service(serviceId);
        return of(serviceId);
    }

    public BusinessHours put(UUID serviceId, Draft draft) {
        var service = catalog.configurable(serviceId);
        var hours = validate(draft);
        var before = of(serviceId);
        var now = Timestamp.from(clock.instant());
        String days = hours.days().stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
        String holidays = new TreeSet<>(hours.holidays()).stream().map(LocalDate::toString).collect(Collectors.joining(","));
        if (jdbc.sql("update service_business_hours set zone = ?, days = ?, start_time = ?, end_time = ?, holidays = ?,"
                        + " updated_at = ?, version = version + 1 where service_id = ?")
                .params(hours.zone().getId(), days, hours.start().toString(), hours.end().toString(), holidays, now,
                        serviceId).update() == 0) {
            jdbc.sql("insert into service_business_hours (service_id, zone, days, start_time, end_time, holidays,"
                    + " updated_at, version) values (?, ?, ?, ?, ?, ?, ?, 0)")
                    .params(serviceId, hours.zone().getId(), days, hours.start().toString(), hours.end().toString(),
                            holidays, now).update();
        }
        audit.record(CurrentActor.get(), "business-hours.set", "service", serviceId, service.name() + ": "
                + changes(before.orElse(null), hours));
        return hours;
    }

    public void delete(UUID serviceId) {
        var service = catalog.configurable(serviceId);
        var before = of(serviceId);
        jdbc.sql("delete from service_business_hours where service_id = ?").param(serviceId).update();
        audit.record(CurrentActor.get(), "business-hours.removed", "service", serviceId, service.name() + ": "
                + changes(before.orElse(null), null));
    }

    /** Before and after for the audit log (issue 15 point 4); null: no business hours. */
    private static String changes(BusinessHours was, BusinessHours is) {
        return io.tocsin.identity.Changes.of()
                .field("zone", was == null ? null : was.zone().getId(), is == null ? null : is.zone().getId())
                .field("days", was == null ? null : new TreeSet<>(was.days()), is == null ? null : new TreeSet<>(is.days()))
                .field("hours", was == null ? null : was.start() + "-" + was.end(),
                        is == null ? null : is.start() + "-" + is.end())
                .field("holidays", was == null ? null : new TreeSet<>(was.holidays()),
                        is == null ? null : new TreeSet<>(is.holidays()))
                .toString();
    }

    private static BusinessHours validate(Draft d) {
        var violations = new ArrayList<FieldViolation>();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(d.timeZone() == null ? "" : d.timeZone().strip());
        } catch (DateTimeException e) {
            violations.add(new FieldViolation("timeZone", "must be an IANA time zone such as Europe/Berlin"));
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (d.days() == null || d.days().isEmpty()) {
            violations.add(new FieldViolation("days", "at least one weekday"));
        } else {
            for (var day : d.days()) {
                try {
                    days.add(DayOfWeek.valueOf(String.valueOf(day).strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    violations.add(new FieldViolation("days", "'" + day + "' is not a weekday (MONDAY ... SUNDAY)"));
                }
            }
        }
        LocalTime start = time(d.start(), "start", violations);
        LocalTime end = time(d.end(), "end", violations);
        if (start != null && end != null && !end.isAfter(start)) {
            violations.add(new FieldViolation("end", "must be after start"));
        }
        var holidays = new TreeSet<LocalDate>();
        var given = d.holidays() == null ? List.<String>of() : d.holidays();
        if (given.size() > MAX_HOLIDAYS) {
            violations.add(new FieldViolation("holidays", "at most " + MAX_HOLIDAYS + " dates"));
        } else {
            for (var h : given) {
                try {
                    holidays.add(LocalDate.parse(String.valueOf(h).strip()));
                } catch (DateTimeParseException e) {
                    violations.add(new FieldViolation("holidays", "'" + h + "' is not a date (YYYY-MM-DD)"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new BusinessHours(zone, days, start, end, holidays);
    }

    private static LocalTime time(String value, String field, List<FieldViolation> violations) {
        try {
            return LocalTime.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "must be a time such as 09:00"));
            return null;
        }
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split(","));
    }
}
