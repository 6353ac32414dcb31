package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.util.List;

import io.tocsin.identity.Actor;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes one bundle of a storm's alerts ({@link StormBundles}) to the incident's timeline once its minute is over,
 * dated at the first alert it counts, and drops the bundle row: in the timer's transaction, so exactly once.
 */
@Component
class StormBundleTimer implements TimerHandler {

    static final String KIND = "alerts.bundle";

    private final Timeline timeline;
    private final JdbcClient jdbc;

    StormBundleTimer(Timeline timeline, JdbcClient jdbc) {
        this.timeline = timeline;
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return KIND;
    }

    private record Bundle(String incidentKey, String sourceName, long alerts, java.time.Instant firstAt) {
    }

    @Override
    public void fire(Timer timer) {
        var key = StormBundles.Key.ofTimer(timer.key());
        var params = new Object[] {key.incidentId(), key.sourceId(), Timestamp.from(key.windowStart())};
        var bundle = jdbc.sql("""
                select incident_key, source_name, alert_count, first_at from alert_bundle
                where incident_id = ? and source_id = ? and window_start = ? for update""")
                .params(params)
                .query((rs, n) -> new Bundle(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
        if (bundle.isEmpty()) {
            return;
        }
        var b = bundle.get();
        timeline.recordSystem(key.incidentId(), b.incidentKey(), "alerts.bundled", List.of(
                TimelineArg.count(b.alerts()), TimelineArg.text(b.sourceName()), TimelineArg.at(key.windowStart())),
                Actor.SYSTEM, b.firstAt());
        jdbc.sql("delete from alert_bundle where incident_id = ? and source_id = ? and window_start = ?")
                .params(params).update();
    }
}
