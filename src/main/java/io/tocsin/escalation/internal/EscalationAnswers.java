package io.tocsin.escalation.internal;

import io.tocsin.identity.Actor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.notify.Answer;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.AnswerHandler;
import io.tocsin.notify.AnswerOutcome;
import org.springframework.stereotype.Component;

/**
 * Answers from any channel (e-mail link, SMS reply, keypress), already authenticated by notify: acknowledge stops
 * every pending page of the subject's runs for everyone; resolve ends them (R12, issue point 6).
 */
@Component
class EscalationAnswers implements AnswerHandler {

    private final Escalator escalator;
    private final Identity identity;

    EscalationAnswers(Escalator escalator, Identity identity) {
        this.escalator = escalator;
        this.identity = identity;
    }

    @Override
    public boolean handles(String subjectType) {
        return "alert".equals(subjectType) || "incident".equals(subjectType);
    }

    @Override
    public AnswerOutcome answer(Answer answer) {
        var actor = identity.findUser(answer.userId()).map(User::asActor)
                .orElse(new Actor(answer.userId(), "unknown"));
        return escalator.answer(answer.subjectType(), answer.subjectId(), answer.action() == AnswerAction.RESOLVE,
                actor, answer.channel().name());
    }
}
