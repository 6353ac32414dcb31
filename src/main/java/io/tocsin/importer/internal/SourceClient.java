package io.tocsin.importer.internal;

import java.time.Instant;
import java.util.List;

/** One vendor's API, read-only. */
public interface SourceClient {

    /** Reads everything to import; overrides ending after {@code asOf}. */
    SourceData fetch(Instant asOf);

    /**
     * Who is on call for the schedule between {@code from} and {@code to} by the source's own final schedule,
     * each entry naming the source's user id.
     */
    List<Equivalence.Entry> onCall(String scheduleId, Instant from, Instant to);

    /** Requests sent so far. */
    int requests();
}
