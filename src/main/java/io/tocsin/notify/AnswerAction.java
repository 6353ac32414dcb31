package io.tocsin.notify;

/** What a person answered to a page. */
public enum AnswerAction {
    ACKNOWLEDGE, RESOLVE
}
