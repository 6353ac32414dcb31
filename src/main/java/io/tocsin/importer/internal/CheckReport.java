package io.tocsin.importer.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.importer.ImportSource;

/**
 * The equivalence check: for every imported schedule, who is on call per the source's own final schedule against
 * who is on call per Tocsin at every {@code stepMinutes} from {@code from} to {@code to}.
 */
public record CheckReport(ImportSource source, Instant from, Instant to, int stepMinutes,
        List<ScheduleCheck> schedules) {

    public CheckReport {
        schedules = List.copyOf(schedules);
    }

    /** One schedule: how it was mapped, how many instants were compared, and where the two disagree. */
    public record ScheduleCheck(String sourceId, String name, UUID scheduleId, Fidelity fidelity,
            List<String> reasons, long instants, int differences, List<Difference> firstDifferences) {

        public ScheduleCheck {
            reasons = List.copyOf(reasons);
            firstDifferences = List.copyOf(firstDifferences);
        }
    }

    /** An instant where they disagree, with the people each side names. */
    public record Difference(Instant at, List<String> source, List<String> tocsin) {

        public Difference {
            source = List.copyOf(source);
            tocsin = List.copyOf(tocsin);
        }
    }

    public int totalDifferences() {
        return schedules.stream().mapToInt(ScheduleCheck::differences).sum();
    }
}
