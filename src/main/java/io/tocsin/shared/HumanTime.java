package io.tocsin.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Moments and lengths of time as people read them (ui.md): "Tue 2 Dec 2026 09:00 CET" in the reader's zone and
 * language, durations as "1 h 23 min". Pure, so the web layer, the timeline and messages render alike.
 */
public final class HumanTime {

    private HumanTime() {
    }

    public static String dateTime(Instant instant, Locale locale, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        // "z" names the zone as it is at that instant (CEST in summer), not its generic name (CET all year).
        String pattern = german(locale) ? "EEE dd.MM.yyyy HH:mm z" : "EEE d MMM yyyy HH:mm z";
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(zone).format(instant);
    }

    public static String duration(Duration d, Locale locale) {
        if (d == null) {
            return "–";
        }
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return d.toSeconds() + " s";
        }
        long days = minutes / (24 * 60);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        var sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append(' ').append(german(locale) ? "T" : "d").append(' ');
        }
        if (hours > 0 || days > 0) {
            sb.append(hours).append(" h ");
        }
        if (days == 0) {
            sb.append(mins).append(" min");
        }
        return sb.toString().strip();
    }

    private static boolean german(Locale locale) {
        return locale != null && locale.getLanguage().equals("de");
    }
}
