package io.tocsin.alerts.internal.format;

import java.util.ArrayList;
import java.util.List;

/**
 * What Tocsin had to change in a payload to store it, recorded field by field and written into the alert's
 * details ({@code tocsin.adjusted}), so the alert says it was truncated rather than being silently altered.
 * Allocates nothing until something is adjusted: most payloads need no change.
 */
public final class Adjustments {

    /** Kinds of change; the alert page names them in the reader's language. */
    public enum Kind {
        /** Longer than its limit: cut, ending in {@link Text#MARKER}. */
        TRUNCATED,
        /** Characters PostgreSQL cannot store (NUL, unpaired surrogates) replaced by U+FFFD. */
        CHARACTERS_REPLACED,
        /** A dedup key longer than its limit: its start kept, the rest replaced by a hash of the whole key. */
        KEY_SHORTENED,
        /** A date outside 1970..9999 moved to the nearest end of that range. */
        DATE_CLAMPED,
        /** A date that could not be read; stored without it. */
        DATE_IGNORED,
        /** A member alert of a group that could not be read; the others were stored. */
        MEMBER_SKIPPED,
        /** Entries left out (links beyond the 20th, details too large to keep). */
        OMITTED
    }

    /** One change; {@code length} and {@code kept} are characters (or counts), {@code reason} says why. */
    public record Adjustment(String field, Kind kind, Integer length, Integer kept, String reason) {
    }

    private List<Adjustment> list;

    public void add(String field, Kind kind, Integer length, Integer kept, String reason) {
        if (list == null) {
            list = new ArrayList<>(2);
        }
        list.add(new Adjustment(field, kind, length, kept, reason));
    }

    public boolean isEmpty() {
        return list == null;
    }

    public List<Adjustment> list() {
        return list == null ? List.of() : List.copyOf(list);
    }
}
