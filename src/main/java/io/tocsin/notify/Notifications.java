package io.tocsin.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.notify.internal.DeliveryRows;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery outbox and its log. {@link #enqueue} and {@link #enqueueMail} write a delivery in the caller's
 * transaction, so a message and the state that caused it commit together (nothing goes out if it rolls back); a
 * worker sends it afterwards (at least once; a duplicate only if a node dies between the provider call and
 * recording its result, and that case is logged).
 */
@Component
@Transactional
public class Notifications {

    private final JdbcClient jdbc;
    private final ContactMethodRepository methods;
    private final ContactMethods contactMethods;
    private final Outbox outbox;
    private final MailOutbox mailOutbox;
    private final HttpOutbox httpOutbox;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<io.tocsin.notify.internal.Answers> answers;

    Notifications(JdbcClient jdbc, ContactMethodRepository methods, ContactMethods contactMethods, Outbox outbox,
            MailOutbox mailOutbox, HttpOutbox httpOutbox, Clock clock,
            org.springframework.beans.factory.ObjectProvider<io.tocsin.notify.internal.Answers> answers) {
        this.answers = answers;
        this.jdbc = jdbc;
        this.methods = methods;
        this.contactMethods = contactMethods;
        this.outbox = outbox;
        this.mailOutbox = mailOutbox;
        this.httpOutbox = httpOutbox;
        this.clock = clock;
    }

    /**
     * Queues one message. Idempotent by {@link DeliveryRequest#idempotencyKey()}: a second call with the same key
     * returns the delivery the first one created and sends nothing more. Pages need a verified contact method.
     */
    public Delivery enqueue(DeliveryRequest request) {
        var existing = outbox.findByKey(request.idempotencyKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        var method = methods.findById(request.contactMethodId())
                .orElseThrow(() -> new InvalidInputException("contactMethodId", "no contact method " + request.contactMethodId()));
        if (request.kind() != DeliveryKind.VERIFICATION && !method.usable()) {
            throw new InvalidInputException("contactMethodId", "contact method " + method.id()
                    + (method.optedOut() ? " has opted out" : " is not verified") + "; pages go only to verified methods");
        }
        return outbox.insert(request, method, null);
    }

    /**
     * Queues one e-mail to an address that need not be anyone's contact method (a stakeholder, a subscriber, a
     * meeting guest): one delivery in the log, retried with backoff while the SMTP server is unreachable, failed at
     * once when it refuses the address for good. Idempotent by {@link MailRequest#idempotencyKey()}: what the mail
     * is, and to whom. Refuses an address {@link MailRecipient#problem(String)} rejects.
     */
    public Delivery enqueueMail(MailRequest request) {
        enqueueMails(List.of(request));
        return outbox.findByKey(request.idempotencyKey()).orElseThrow();
    }

    /**
     * Queues many mails at once (one per recipient, e.g. every subscriber of a status page) in a few batched
     * statements; returns how many were new. Every address is checked first, so a bad one queues nothing.
     */
    public int enqueueMails(Collection<MailRequest> requests) {
        var list = List.copyOf(requests);
        var violations = new ArrayList<FieldViolation>();
        for (int i = 0; i < list.size(); i++) {
            int index = i;
            list.get(i).to().problem().ifPresent(p -> violations.add(new FieldViolation(
                    list.size() == 1 ? "to" : "to[" + index + "]", p)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        int queued = 0;
        for (int from = 0; from < list.size(); from += 1000) {
            queued += mailOutbox.insert(list.subList(from, Math.min(list.size(), from + 1000)));
        }
        return queued;
    }

    /**
     * Queues signed JSON bodies to POST (issue 11 point 6: a status page's webhook subscribers), once per
     * idempotency key, in the caller's transaction; returns how many were new. Every URL is checked by scheme and
     * form first, so a bad one queues nothing; the SSRF guard checks the addresses when it sends.
     */
    public int enqueueSignedHttp(Collection<SignedHttpRequest> requests) {
        var list = List.copyOf(requests);
        var violations = new ArrayList<FieldViolation>();
        for (int i = 0; i < list.size(); i++) {
            try {
                io.tocsin.notify.internal.WebhookTargetGuard.parse(list.get(i).url());
            } catch (io.tocsin.notify.internal.WebhookTargetGuard.Refused e) {
                violations.add(new FieldViolation(list.size() == 1 ? "url" : "url[" + i + "]", e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        int queued = 0;
        for (int from = 0; from < list.size(); from += 1000) {
            queued += httpOutbox.insert(list.subList(from, Math.min(list.size(), from + 1000)));
        }
        return queued;
    }

    /**
     * Pages a person through every active notification rule: each rule's method after its delay. The key of each
     * delivery is {@code attemptKey + ":" + method + ":" + delay}, so paging the same attempt twice sends nothing
     * more. Returns the deliveries (empty when the person has no verified method: check
     * {@link ContactMethods#usersWithoutVerifiedMethod}).
     */
    public List<Delivery> pageUser(UUID userId, Subject subject, String attemptKey) {
        var now = clock.instant();
        var result = new ArrayList<Delivery>();
        for (var rule : contactMethods.activeRules(userId)) {
            String key = attemptKey + ":" + rule.contactMethodId() + ":" + rule.delayMinutes();
            result.add(enqueue(new DeliveryRequest(key, rule.contactMethodId(), DeliveryKind.PAGE, subject,
                    now.plus(Duration.ofMinutes(rule.delayMinutes())))));
        }
        return result;
    }

    /**
     * An answer from a channel that authenticated the person itself (a chat tool's signed callback, issue 14): applied
     * like any other channel's answer, so it stops the escalation (R12). Recorded with its outcome.
     */
    public AnswerOutcome answer(Answer answer) {
        return answers.getObject().answer(answer);
    }

    /**
     * An answer to one page, given through a button on that page: the delivery must have been a page sent through
     * {@code channel} to {@code destination} (the account the signed callback names). Empty when it was not, so a
     * button pressed by someone else answers nothing.
     */
    public java.util.Optional<AnswerOutcome> answerDelivery(UUID deliveryId, AnswerAction action,
            ContactMethodType channel, String destination) {
        var delivery = find(deliveryId);
        if (delivery.isEmpty() || delivery.get().channel() != channel || delivery.get().subjectType() == null
                || !delivery.get().destination().equals(destination)) {
            return java.util.Optional.empty();
        }
        var d = delivery.get();
        return java.util.Optional.of(answer(new Answer(d.subjectType(), d.subjectId(), d.subjectKey(), action,
                d.userId(), channel, d.id(), clock.instant())));
    }

    /**
     * Withdraws every page about the subject that has not gone out yet; returns how many. Mail to addresses about
     * it (stakeholder updates, reminders) is not a page and stays: an acknowledged incident still has its news.
     */
    public int cancelPending(SubjectType subjectType, String subjectId) {
        return jdbc.sql("""
                update notify_delivery set status = 'CANCELLED', last_error = 'withdrawn before sending'
                where subject_type = ? and subject_id = ? and status = 'PENDING' and contact_method_id is not null""")
                .params(subjectType.code(), subjectId).update();
    }

    /** Withdraws pending pages about the subject to one person only. */
    public int cancelPending(SubjectType subjectType, String subjectId, UUID userId) {
        return jdbc.sql("""
                update notify_delivery set status = 'CANCELLED', last_error = 'withdrawn before sending'
                where subject_type = ? and subject_id = ? and user_id = ? and status = 'PENDING'
                and contact_method_id is not null""")
                .params(subjectType.code(), subjectId, userId).update();
    }

    @Transactional(readOnly = true)
    public Delivery delivery(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("delivery", id));
    }

    @Transactional(readOnly = true)
    public Optional<Delivery> find(UUID id) {
        return jdbc.sql("select " + DeliveryRows.COLUMNS + " from notify_delivery where id = ?").param(id)
                .query(DeliveryRows::map).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Delivery> findByKey(String idempotencyKey) {
        return outbox.findByKey(idempotencyKey);
    }

    /**
     * The deliveries whose idempotency key starts with the prefix, newest first: the log of one recipient of a
     * module that keys its deliveries by recipient (a status page's webhook subscriber).
     */
    @Transactional(readOnly = true)
    public List<Delivery> withKeyPrefix(String prefix, int limit) {
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("select " + DeliveryRows.COLUMNS + " from notify_delivery where idempotency_key like ?"
                        + " escape '\\' order by created_at desc, id limit ?")
                .params(pattern, limit).query(DeliveryRows::map).list();
    }

    /** The delivery log of an alert or incident, oldest first. */
    @Transactional(readOnly = true)
    public List<Delivery> forSubject(SubjectType subjectType, String subjectId) {
        return jdbc.sql("select " + DeliveryRows.COLUMNS
                        + " from notify_delivery where subject_type = ? and subject_id = ? order by created_at, id")
                .params(subjectType.code(), subjectId).query(DeliveryRows::map).list();
    }

    /** The deliveries of one kind about an alert or incident (e.g. the stakeholder updates), oldest first. */
    @Transactional(readOnly = true)
    public List<Delivery> forSubject(SubjectType subjectType, String subjectId, DeliveryKind kind) {
        return jdbc.sql("select " + DeliveryRows.COLUMNS + " from notify_delivery where subject_type = ?"
                        + " and subject_id = ? and kind = ? order by created_at, id")
                .params(subjectType.code(), subjectId, kind.name()).query(DeliveryRows::map).list();
    }

    /** Every delivery about the subject with this id, whatever its type (ids are unique across types). */
    @Transactional(readOnly = true)
    public List<Delivery> forSubjectId(String subjectId) {
        return jdbc.sql("select " + DeliveryRows.COLUMNS + " from notify_delivery where subject_id = ? order by created_at, id")
                .param(subjectId).query(DeliveryRows::map).list();
    }

    /** A person's delivery log, newest first. */
    @Transactional(readOnly = true)
    public List<Delivery> forUser(UUID userId, int limit) {
        return jdbc.sql("select " + DeliveryRows.COLUMNS
                        + " from notify_delivery where user_id = ? order by created_at desc, id limit ?")
                .params(userId, Math.max(1, Math.min(limit, 500))).query(DeliveryRows::map).list();
    }

    /** Every provider call of a delivery with its outcome. */
    @Transactional(readOnly = true)
    public List<DeliveryAttempt> attempts(UUID deliveryId) {
        return jdbc.sql("select * from notify_delivery_attempt where delivery_id = ? order by attempt, id")
                .param(deliveryId).query(DeliveryRows::mapAttempt).list();
    }
}
