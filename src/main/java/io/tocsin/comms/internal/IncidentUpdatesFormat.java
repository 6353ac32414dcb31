package io.tocsin.comms.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times in timeline arguments and reminders: exact, in UTC, language-neutral. */
final class IncidentUpdatesFormat {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private IncidentUpdatesFormat() {
    }

    static String time(Instant at) {
        return UTC.format(at);
    }
}
