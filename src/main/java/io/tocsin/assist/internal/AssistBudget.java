package io.tocsin.assist.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-hour budget of model calls (issue 18 point 4): one row per clock hour with the calls taken, so every node
 * counts against the same figure. Taking is one statement that only counts below the limit.
 */
@Component
class AssistBudget {

    private final JdbcClient jdbc;

    AssistBudget(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes one call of this hour's budget; false when {@code limit} calls were already taken. */
    boolean take(Instant now, int limit) {
        var hour = Timestamp.from(hourOf(now));
        String sql = """
                merge into assist_budget b
                using (select cast(? as timestamp with time zone) as h) s
                on b.hour_start = s.h
                when matched and b.calls < ? then update set calls = b.calls + 1
                when not matched then insert (hour_start, calls) values (s.h, 1)
                """;
        try {
            return jdbc.sql(sql).params(hour, limit).update() > 0;
        } catch (DuplicateKeyException anotherNodeOpenedTheHour) {
            return jdbc.sql(sql).params(hour, limit).update() > 0;
        }
    }

    int used(Instant now) {
        return jdbc.sql("select calls from assist_budget where hour_start = ?").param(Timestamp.from(hourOf(now)))
                .query(Integer.class).optional().orElse(0);
    }

    static Instant hourOf(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    static long secondsToNextHour(Instant now) {
        return Math.max(1, Duration.between(now, hourOf(now).plus(Duration.ofHours(1))).toSeconds());
    }
}
