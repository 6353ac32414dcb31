package io.tocsin.incidents;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Priority from impact (rows) and urgency (columns HIGH, MEDIUM, LOW), as an organisation configures it (R6).
 * The default is the common ITIL matrix.
 */
public final class PriorityMatrix {

    public static final PriorityMatrix ITIL = new PriorityMatrix(Map.of(
            Impact.HIGH, List.of(Priority.P1, Priority.P2, Priority.P3),
            Impact.MEDIUM, List.of(Priority.P2, Priority.P3, Priority.P4),
            Impact.LOW, List.of(Priority.P3, Priority.P4, Priority.P5)));

    private final Map<Impact, List<Priority>> rows;

    public PriorityMatrix(Map<Impact, List<Priority>> rows) {
        var copy = new EnumMap<Impact, List<Priority>>(Impact.class);
        for (Impact impact : Impact.values()) {
            var row = rows.get(impact);
            if (row == null || row.size() != Urgency.values().length || row.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("The priority matrix needs a row of " + Urgency.values().length
                        + " priorities (urgency HIGH, MEDIUM, LOW) for impact " + impact + ", got " + row);
            }
            copy.put(impact, List.copyOf(row));
        }
        this.rows = copy;
    }

    public Priority priority(Urgency urgency, Impact impact) {
        return rows.get(impact).get(urgency.ordinal());
    }

    /** The matrix as rows by impact, columns by urgency, for display and the API. */
    public Map<Impact, List<Priority>> rows() {
        return java.util.Collections.unmodifiableMap(rows);
    }
}
