package io.tocsin.incidents;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Which incidents a list shows. Empty sets and nulls mean "any". */
public record IncidentFilter(Set<IncidentStatus> statuses, Set<Integer> severities, UUID serviceId, String text,
        Instant declaredFrom, Instant declaredTo, int limit, int offset) {

    public static IncidentFilter open() {
        return new IncidentFilter(Set.of(IncidentStatus.NEW, IncidentStatus.FIXING), Set.of(), null, null, null, null,
                200, 0);
    }
}
