package io.tocsin.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The number of rows in every table of the schema, read in one statement, so a request refused with a 4xx can be
 * shown to have written nothing: not a row in any table. The exceptions are bookkeeping, not data: the shared
 * rate-limit state (a refused request still counts against its key's limit, so a sender cannot flood with bad
 * requests, and on PostgreSQL that count is a row) and the visitor's login session (Spring Session keeps it in the
 * database; a refused form post may start one, to hold its CSRF token).
 */
final class RowCounts {

    /** Bookkeeping a refused request rightly changes (issue 17 point 5: buckets and sessions shared across nodes). */
    private static final List<String> NOT_DATA = List.of("rate_limit_bucket", "spring_session",
            "spring_session_attributes");

    private final JdbcClient jdbc;
    private final List<String> tables;
    private final String query;

    RowCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.tables = jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name""")
                .query(String.class).list().stream().filter(t -> !NOT_DATA.contains(t.toLowerCase(java.util.Locale.ROOT)))
                .toList();
        this.query = "select " + tables.stream().map(t -> "(select count(*) from " + t + ")")
                .collect(Collectors.joining(", "));
    }

    int tables() {
        return tables.size();
    }

    /** Events published to module listeners that run after commit on their own thread, not yet done. */
    long pendingListeners() {
        return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class)
                .single();
    }

    /**
     * The counts once the listeners that the last accepted request started have finished (at most 5 s): they write
     * after its answer (report tables, say), and must not be taken for a write of the next, refused request.
     */
    long[] settledSnapshot(long pendingBefore) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pendingListeners() > pendingBefore && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        return snapshot();
    }

    long[] snapshot() {
        return jdbc.sql(query).query((rs, n) -> {
            long[] counts = new long[tables.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = rs.getLong(i + 1);
            }
            return counts;
        }).single();
    }

    /** The tables whose counts differ, with the change; empty when nothing was written. */
    List<String> changes(long[] before, long[] after) {
        var changes = new ArrayList<String>();
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                changes.add(tables.get(i) + " " + (after[i] > before[i] ? "+" : "") + (after[i] - before[i]));
            }
        }
        return changes;
    }
}
