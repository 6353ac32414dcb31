package io.tocsin.alerts.internal;

import java.time.Clock;
import java.util.UUID;

import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Fires when a heartbeat's deadline passed without a ping: raises the missed-heartbeat alert on its service. */
@Component
class HeartbeatMissedHandler implements TimerHandler {

    private final JdbcClient jdbc;
    private final AlertIngest ingest;
    private final Clock clock;

    HeartbeatMissedHandler(JdbcClient jdbc, AlertIngest ingest, Clock clock) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return Heartbeats.TIMER_KIND;
    }

    /** The deadline passed without a ping (the timer is rescheduled by every ping, so it is a real miss). */
    @Override
    public void fire(Timer timer) {
        var hb = jdbc.sql("select * from heartbeat where id = ? for update").param(UUID.fromString(timer.key()))
                .query(Heartbeats::map).optional();
        if (hb.isEmpty() || hb.get().state() == Heartbeats.State.DOWN) {
            return;
        }
        var h = hb.get();
        jdbc.sql("update heartbeat set state = 'DOWN', version = version + 1 where id = ?").param(h.id()).update();
        String last = h.lastPingAt() == null ? "never" : h.lastPingAt().toString();
        // Joins the timer's transaction (TransactionTemplate propagation REQUIRED): alert and state commit together.
        ingest.trigger(Heartbeats.route(h), new Signal("heartbeat", Heartbeats.DEDUP_KEY, "Heartbeat '" + h.name() + "' missed: no ping since "
                + last + " (expected every " + h.interval().toSeconds() + " s + " + h.grace().toSeconds() + " s grace)",
                "heartbeat:" + h.name(), "error", null, null, clock.instant()));
    }

}
