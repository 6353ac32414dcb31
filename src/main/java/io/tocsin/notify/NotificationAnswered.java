package io.tocsin.notify;

/** Published after a person answered a page from any channel, with what came of it. */
public record NotificationAnswered(Answer answer, AnswerOutcome outcome) {
}
