package io.tocsin.alerts.internal.format;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

import io.tocsin.alerts.internal.SecretKeys;
import io.tocsin.alerts.internal.format.Adjustments.Kind;

/**
 * Inbound text and dates as both databases can always store them (issue 17): PostgreSQL refuses NUL in text and
 * cannot encode an unpaired UTF-16 surrogate, columns have lengths, and {@code java.sql.Timestamp} overflows for
 * years like 999999999. Every change is recorded in the {@link Adjustments} of the payload.
 */
public final class Text {

    /** Ends a truncated field, so a reader sees at once that text is missing. */
    public static final String MARKER = "…[truncated]";
    static final char REPLACEMENT = '\uFFFD';
    /** Hex characters of the SHA-256 that stand for the cut part of a shortened key (128 bits). */
    private static final int KEY_HASH = 32;

    /** The range a stored date is held to: anything outside is a sender's error, not a moment an alert happened. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    // ISO 8601 with or without the colon in the offset (PagerDuty's example: 2015-07-17T08:42:58.315+0000).
    private static final DateTimeFormatter LENIENT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter();

    private Text() {
    }

    /** Whether the database can store the text as it is (no NUL, no unpaired surrogate). */
    public static boolean storable(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The text with NUL and unpaired surrogates replaced by U+FFFD; the same instance when there are none. */
    public static String clean(String s, String field, Adjustments adjustments) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) != 0 && !Character.isSurrogate(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        var out = new StringBuilder(n).append(s, 0, i);
        int replaced = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
                replaced++;
            } else {
                out.append(c);
            }
        }
        if (replaced > 0 && adjustments != null) {
            adjustments.add(field, Kind.CHARACTERS_REPLACED, replaced, null, null);
        }
        return replaced == 0 ? s : out.toString();
    }

    /** Cleaned and at most {@code max} characters; a longer text is cut and ends in {@link #MARKER}. */
    public static String fit(String s, int max, String field, Adjustments adjustments) {
        if (s == null) {
            return null;
        }
        String clean = clean(s, field, adjustments);
        if (clean.length() <= max) {
            return clean;
        }
        int cut = max - MARKER.length();
        if (Character.isHighSurrogate(clean.charAt(cut - 1))) {
            cut--;
        }
        if (adjustments != null) {
            adjustments.add(field, Kind.TRUNCATED, clean.length(), max, null);
        }
        return clean.substring(0, cut) + MARKER;
    }

    /**
     * A dedup key that fits its column and still tells keys apart: a longer key keeps its start and ends in
     * {@code ~} and a hash of the whole key, so the same long key always maps to the same stored key (repeats,
     * acknowledges and resolves still find it) and two long keys with a common start stay two alerts.
     */
    public static String key(String s, int max, String field, Adjustments adjustments) {
        if (s == null) {
            return null;
        }
        String clean = clean(s, field, adjustments);
        if (clean.length() <= max) {
            return clean;
        }
        int cut = max - 1 - KEY_HASH;
        if (Character.isHighSurrogate(clean.charAt(cut - 1))) {
            cut--;
        }
        if (adjustments != null) {
            adjustments.add(field, Kind.KEY_SHORTENED, clean.length(), max, null);
        }
        return clean.substring(0, cut) + "~" + SecretKeys.sha256Hex(clean).substring(0, KEY_HASH);
    }

    /** How a date field reads: absent, unreadable, or an instant (clamped into the storable range). */
    public sealed interface Moment {
        record Absent() implements Moment {
        }

        record Unreadable() implements Moment {
        }

        record At(Instant instant) implements Moment {
        }
    }

    private static final Moment ABSENT = new Moment.Absent();
    private static final Moment UNREADABLE = new Moment.Unreadable();

    /** ISO 8601 / RFC 3339 with or without the offset colon; dates outside 1970..9999 are clamped and noted. */
    public static Moment moment(String text, String field, Adjustments adjustments) {
        if (text == null || text.isBlank()) {
            return ABSENT;
        }
        String t = text.strip();
        Instant at;
        try {
            at = OffsetDateTime.parse(t, LENIENT_OFFSET).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                at = Instant.parse(t);
            } catch (DateTimeParseException again) {
                return UNREADABLE;
            }
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            adjustments.add(field, Kind.DATE_CLAMPED, null, null, t.length() > 64 ? t.substring(0, 64) : t);
            at = at.isBefore(EARLIEST) ? EARLIEST : LATEST;
        }
        return new Moment.At(at);
    }
}
