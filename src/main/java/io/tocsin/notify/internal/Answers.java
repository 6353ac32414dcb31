package io.tocsin.notify.internal;

import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.util.List;
import java.util.UUID;

import io.tocsin.notify.Answer;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.AnswerHandler;
import io.tocsin.notify.AnswerOutcome;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.NotificationAnswered;
import io.tocsin.notify.SubjectType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands an authenticated answer to the {@link AnswerHandler} for its subject, records it with its outcome and
 * publishes {@link NotificationAnswered}. Without a handler the answer is still recorded.
 */
@Component
@Transactional
public class Answers {

    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private final ObjectProvider<AnswerHandler> handlers;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Answers(ObjectProvider<AnswerHandler> handlers, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.handlers = handlers;
        this.jdbc = jdbc;
        this.events = events;
    }

    public AnswerOutcome answer(Answer answer) {
        List<AnswerHandler> all = handlers.orderedStream().toList();
        var handler = all.stream().filter(h -> h.handles(answer.subjectType())).findFirst();
        var outcome = handler.map(h -> h.answer(answer)).orElse(AnswerOutcome.NOTHING_TO_ANSWER);
        jdbc.sql("""
                insert into notify_answer (id, subject_type, subject_id, subject_key, action, user_id, channel,
                delivery_id, received_at, outcome) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), answer.subjectType().code(), answer.subjectId(), answer.subjectKey(),
                        answer.action().name(), answer.userId(), answer.channel().name(), answer.deliveryId(),
                        ts(answer.at()), outcome.name())
                .update();
        log.info("{} by user {} via {} for {} {}: {}", answer.action(), answer.userId(), answer.channel(),
                answer.subjectType(), answer.subjectKey() == null ? answer.subjectId() : answer.subjectKey(), outcome);
        events.publishEvent(new NotificationAnswered(answer, outcome));
        return outcome;
    }

    /** One answer as recorded: who, what, through which channel, and what came of it. */
    public record Recorded(UUID userId, AnswerAction action, ContactMethodType channel, AnswerOutcome outcome) {
    }

    /** Answers recorded for a subject, oldest first. */
    @Transactional(readOnly = true)
    public List<Recorded> recorded(SubjectType subjectType, String subjectId) {
        return jdbc.sql("select user_id, action, channel, outcome from notify_answer where subject_type = ? and subject_id = ?"
                        + " order by received_at, id")
                .params(subjectType.code(), subjectId)
                .query((rs, n) -> new Recorded(rs.getObject(1, UUID.class), AnswerAction.valueOf(rs.getString(2)),
                        ContactMethodType.valueOf(rs.getString(3)), AnswerOutcome.valueOf(rs.getString(4))))
                .list();
    }
}
