package io.tocsin.reports.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.tocsin.oncall.OnCall;
import io.tocsin.oncall.TimeRange;
import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import io.tocsin.shared.Timers;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the on-call shifts that have passed into {@code report_shift}, every hour on a durable timer (once across
 * nodes): shifts are computed from schedules, not stored as events, so the report keeps what the calculator said at
 * the time, and later edits of a schedule do not rewrite the past. A shift that runs across two recordings is one
 * row.
 */
@Component
public class ShiftRecorder implements TimerHandler {

    static final String KIND = "reports.shifts";
    static final String WATERMARK = "shifts";
    static final Duration EVERY = Duration.ofHours(1);
    /** How far back the first recording (and a rebuild) reaches. */
    static final Duration FIRST_LOOK_BACK = Duration.ofDays(366);

    private final OnCall onCall;
    private final ReportStore store;
    private final Timers timers;
    private final Clock clock;

    ShiftRecorder(OnCall onCall, ReportStore store, Timers timers, Clock clock) {
        this.onCall = onCall;
        this.store = store;
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void fire(Timer timer) {
        recordUntil(clock.instant());
        timers.schedule(KIND, "all", clock.instant().plus(EVERY), null);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void start() {
        if (timers.find(KIND, "all").isEmpty()) {
            timers.schedule(KIND, "all", clock.instant().plus(EVERY), null);
        }
    }

    /** Records every schedule's shifts from the watermark until {@code until}; returns how many pieces. */
    @Transactional
    public int recordUntil(Instant until) {
        var from = store.watermark(WATERMARK).orElse(until.minus(FIRST_LOOK_BACK));
        if (!until.isAfter(from)) {
            return 0;
        }
        int n = 0;
        // The calculator plans at most 400 days at a time.
        for (var start = from; start.isBefore(until); start = start.plus(Duration.ofDays(390))) {
            var end = start.plus(Duration.ofDays(390)).isBefore(until) ? start.plus(Duration.ofDays(390)) : until;
            var range = new TimeRange(start, end);
            for (var schedule : onCall.schedules()) {
                for (var shift : onCall.shifts(schedule.id(), range)) {
                    store.putShift(schedule.id(), shift.userId(), schedule.teamId(), shift.start(), shift.end());
                    n++;
                }
            }
        }
        store.setWatermark(WATERMARK, until);
        return n;
    }
}
