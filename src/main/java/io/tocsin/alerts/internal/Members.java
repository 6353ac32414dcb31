package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Member alerts of an Alertmanager group, tracked by fingerprint on the group's alert. */
@Component
public class Members {

    private final JdbcClient jdbc;
    private final AlertEventLog log;
    private final Clock clock;

    Members(JdbcClient jdbc, AlertEventLog log, Clock clock) {
        this.jdbc = jdbc;
        this.log = log;
        this.clock = clock;
    }

    public record Member(String fingerprint, String status, String name, Instant startsAt, Instant endsAt) {
    }

    /** Upserts one member; a change of its status goes into the alert's history. */
    public void track(UUID alertId, Member m) {
        var now = clock.instant();
        var previous = jdbc.sql("select status from alert_member where alert_id = ? and fingerprint = ?")
                .params(alertId, m.fingerprint()).query(String.class).optional();
        if (previous.isEmpty()) {
            jdbc.sql("insert into alert_member (alert_id, fingerprint, status, name, starts_at, ends_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?)")
                    .params(alertId, m.fingerprint(), m.status(), m.name(), ts(m.startsAt()), ts(m.endsAt()),
                            Timestamp.from(now))
                    .update();
        } else {
            jdbc.sql("update alert_member set status = ?, name = ?, starts_at = ?, ends_at = ?, updated_at = ?"
                    + " where alert_id = ? and fingerprint = ?")
                    .params(m.status(), m.name(), ts(m.startsAt()), ts(m.endsAt()), Timestamp.from(now), alertId,
                            m.fingerprint())
                    .update();
        }
        if (previous.isEmpty() || !previous.get().equals(m.status())) {
            var kind = AlertHistoryKind.member(m.status());
            log.record(alertId, kind, "alertmanager", m.name() + " [" + m.fingerprint() + "]"
                    + (kind == AlertHistoryKind.MEMBER_CHANGED ? ": " + m.status() : ""), now);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
