package io.tocsin.notify;

import static io.tocsin.notify.internal.DeliveryRows.ts;
import static io.tocsin.notify.internal.DeliveryRows.truncate;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.identity.SecretBox;
import io.tocsin.notify.internal.DeliveryRows;
import io.tocsin.notify.internal.DeliveryWakeUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes deliveries into the outbox table, once per idempotency key. */
@Component
@Transactional
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final DeliveryWakeUp wakeUp;
    private final SecretBox secrets;
    private final org.springframework.context.ApplicationEventPublisher events;

    Outbox(JdbcClient jdbc, Clock clock, DeliveryWakeUp wakeUp, SecretBox secrets,
            org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.wakeUp = wakeUp;
        this.secrets = secrets;
        this.events = events;
    }

    Delivery insert(DeliveryRequest request, ContactMethod method, String verificationCode) {
        var now = clock.instant();
        var subject = request.subject();
        Integer replyRef = request.kind() == DeliveryKind.PAGE && method.type().telephony()
                ? nextReplyRef(method.id()) : null;
        // ON CONFLICT DO NOTHING (no target: portable) keeps a racing second node from failing the caller's transaction.
        var id = UUID.randomUUID();
        int inserted = jdbc.sql("insert into notify_delivery (id, idempotency_key, kind, user_id, contact_method_id,"
                + " channel, destination, subject_type, subject_id, subject_key, severity, summary, link,"
                + " verification_code, reply_ref, status, not_before, created_at, attempts)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, 0) on conflict do nothing")
                .params(id, request.idempotencyKey(), request.kind().name(), method.userId(),
                        method.id(), method.type().name(), method.destination(),
                        subject == null ? null : subject.type().code(), subject == null ? null : subject.id(),
                        subject == null ? null : subject.key(), subject == null ? null : subject.severity(),
                        subject == null ? null : truncate(subject.summary(), 500),
                        subject == null ? null : truncate(subject.link(), 2000),
                        secrets.seal(verificationCode, DeliveryRows.CODE_CONTEXT), replyRef,
                        ts(request.notBefore() == null ? now : request.notBefore()), ts(now))
                .update();
        if (inserted == 0) {
            log.debug("Delivery {} already queued by someone else", request.idempotencyKey());
        } else {
            events.publishEvent(new DeliveryEvents.Queued(id, request.kind(), method.userId(), method.type(),
                    subject == null ? null : subject.type(), subject == null ? null : subject.id(), now));
        }
        if (inserted > 0 && (request.notBefore() == null || !request.notBefore().isAfter(now))) {
            wakeUp.queued();
        }
        return findByKey(request.idempotencyKey()).orElseThrow();
    }

    /** The next number (1..999, then around again) an SMS reply can quote for this contact method. */
    int nextReplyRef(UUID contactMethodId) {
        jdbc.sql("update contact_method set last_reply_ref = mod(last_reply_ref, 999) + 1 where id = ?")
                .param(contactMethodId).update();
        return jdbc.sql("select last_reply_ref from contact_method where id = ?").param(contactMethodId)
                .query(Integer.class).single();
    }

    Optional<Delivery> findByKey(String idempotencyKey) {
        return jdbc.sql("select " + DeliveryRows.COLUMNS + " from notify_delivery where idempotency_key = ?")
                .param(idempotencyKey).query(DeliveryRows::map).optional();
    }
}
