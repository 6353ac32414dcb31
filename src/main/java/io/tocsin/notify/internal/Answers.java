package io.tocsin.notify.internal;

import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.util.List;
import java.util.UUID;

import io.tocsin.notify.Answer;
import io.tocsin.notify.AnswerHandler;
import io.tocsin.notify.AnswerOutcome;
import io.tocsin.notify.NotificationAnswered;
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
                .params(UUID.randomUUID(), answer.subjectType(), answer.subjectId(), answer.subjectKey(),
                        answer.action().name(), answer.userId(), answer.channel().name(), answer.deliveryId(),
                        ts(answer.at()), outcome.name())
                .update();
        log.info("{} by user {} via {} for {} {}: {}", answer.action(), answer.userId(), answer.channel(),
                answer.subjectType(), answer.subjectKey() == null ? answer.subjectId() : answer.subjectKey(), outcome);
        events.publishEvent(new NotificationAnswered(answer, outcome));
        return outcome;
    }

    /** Answers recorded for a subject, oldest first: (user, action, channel, outcome). */
    @Transactional(readOnly = true)
    public List<String[]> recorded(String subjectType, String subjectId) {
        return jdbc.sql("select user_id, action, channel, outcome from notify_answer where subject_type = ? and subject_id = ?"
                        + " order by received_at, id")
                .params(subjectType, subjectId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .list();
    }
}
