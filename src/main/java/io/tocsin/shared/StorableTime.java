package io.tocsin.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The instants and dates the application accepts from anyone: years 1 to 9999. Java parses far wider ranges (year
 * +999999999), which overflow on the way into the database or in date arithmetic; nobody schedules a shift or
 * an alert outside four-digit years, so such input is refused with the field named.
 */
public final class StorableTime {

    public static final Instant MIN = LocalDate.of(1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    public static final Instant MAX = LocalDate.of(9999, 12, 31).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
            .minusNanos(1);
    public static final String PROBLEM = "must be between 0001-01-01 and 9999-12-31";

    private StorableTime() {
    }

    /** Whether a value of one of the java.time types we take is inside the range (other values pass). */
    public static boolean storable(Object value) {
        return switch (value) {
            case null -> true;
            case Instant i -> !i.isBefore(MIN) && !i.isAfter(MAX);
            case OffsetDateTime o -> storable(o.toInstant());
            case ZonedDateTime z -> storable(z.toInstant());
            case LocalDateTime l -> l.getYear() >= 1 && l.getYear() <= 9999;
            case LocalDate d -> d.getYear() >= 1 && d.getYear() <= 9999;
            default -> true;
        };
    }
}
