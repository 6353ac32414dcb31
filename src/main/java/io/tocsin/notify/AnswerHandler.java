package io.tocsin.notify;

/**
 * SPI: applies answers to the subjects they are about. The escalation module implements it (acknowledge stops the
 * run for everyone, resolve ends it); notify calls the first handler that {@link #handles} the subject type, in the
 * answering request's transaction, then publishes {@link NotificationAnswered}. With no handler, the answer is
 * recorded with {@link AnswerOutcome#NOTHING_TO_ANSWER}.
 */
public interface AnswerHandler {

    boolean handles(SubjectType subjectType);

    AnswerOutcome answer(Answer answer);
}
