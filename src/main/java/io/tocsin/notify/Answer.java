package io.tocsin.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * A person's answer to a page, already authenticated by the channel (signed single-use token, SMS from their
 * verified number, keypress on the call placed to them). {@code deliveryId} is the message they answered.
 */
public record Answer(SubjectType subjectType, String subjectId, String subjectKey, AnswerAction action, UUID userId,
        ContactMethodType channel, UUID deliveryId, Instant at) {
}
