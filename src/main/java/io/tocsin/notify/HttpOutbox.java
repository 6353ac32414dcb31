package io.tocsin.notify;

import static io.tocsin.notify.internal.DeliveryRows.truncate;
import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tocsin.identity.SecretBox;
import io.tocsin.notify.internal.DeliveryWakeUp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes signed HTTP bodies into the outbox: a delivery row per request (the log) and its body and sealed secret
 * beside it until it went out. Once per idempotency key, like {@link MailOutbox}.
 */
@Component
@Transactional
class HttpOutbox {

    private final JdbcTemplate batch;
    private final Clock clock;
    private final SecretBox box;
    private final DeliveryWakeUp wakeUp;

    HttpOutbox(JdbcTemplate batch, Clock clock, SecretBox box, DeliveryWakeUp wakeUp) {
        this.batch = batch;
        this.clock = clock;
        this.box = box;
        this.wakeUp = wakeUp;
    }

    int insert(List<SignedHttpRequest> requests) {
        if (requests.isEmpty()) {
            return 0;
        }
        var now = ts(clock.instant());
        var rows = new ArrayList<Object[]>();
        var ids = new ArrayList<UUID>();
        for (var r : requests) {
            var id = UUID.randomUUID();
            ids.add(id);
            var s = r.about();
            rows.add(new Object[] {id, r.idempotencyKey(), r.kind().name(), truncate(r.url(), 500), s.type().code(),
                    s.id(), truncate(s.key(), 100), s.severity(), truncate(s.summary(), 500), truncate(s.link(), 2000),
                    truncate(r.event(), 1000), now, now});
        }
        int[] counts = batch.batchUpdate("""
                insert into notify_delivery (id, idempotency_key, kind, channel, destination, subject_type, subject_id,
                    subject_key, severity, summary, link, title, status, not_before, created_at, attempts)
                values (?, ?, ?, 'WEBHOOK', ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, 0) on conflict do nothing""", rows);
        var bodies = new ArrayList<Object[]>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            var r = requests.get(i);
            bodies.add(new Object[] {ids.get(i), r.url(), r.event(), r.body(), box.seal(r.secret(), io.tocsin.notify.internal.DeliveryRows.HTTP_SECRET_CONTEXT),
                    r.privateTargetAllowed(), r.echo()});
        }
        // A driver that does not count batched rows answers SUCCESS_NO_INFO (non-zero): insert only where the
        // delivery row is ours, so a key queued before keeps its body.
        int inserted = 0;
        if (!bodies.isEmpty()) {
            for (int n : batch.batchUpdate("""
                    insert into notify_http_body (delivery_id, url, event, body, secret, private_target_allowed, echo)
                    select ?, ?, ?, ?, ?, ?, ? from notify_delivery d where d.id = ?""",
                    bodies.stream().map(b -> new Object[] {b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[0]}).toList())) {
                inserted += n == 0 ? 0 : 1;
            }
        }
        if (inserted > 0) {
            wakeUp.queued();
        }
        return inserted;
    }
}
