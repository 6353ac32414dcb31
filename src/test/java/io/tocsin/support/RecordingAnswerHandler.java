package io.tocsin.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tocsin.notify.Answer;
import io.tocsin.notify.AnswerHandler;
import io.tocsin.notify.AnswerOutcome;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.SubjectType;
import org.springframework.stereotype.Component;

/**
 * Stands in for an answering module in notify's tests: handles subjects of type {@link SubjectType#POSTMORTEM}
 * (which no module of Tocsin answers), applies the
 * first acknowledgement or resolution of each subject (and, like escalation will, withdraws its pending pages) and
 * reports later ones as already done.
 */
@Component
public class RecordingAnswerHandler implements AnswerHandler {

    public static final SubjectType TYPE = SubjectType.POSTMORTEM;

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Notifications notifications;

    public RecordingAnswerHandler(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public boolean handles(SubjectType subjectType) {
        return subjectType == TYPE;
    }

    @Override
    public AnswerOutcome answer(Answer answer) {
        answers.add(answer);
        if (!done.add(answer.subjectId() + ":" + answer.action())) {
            return AnswerOutcome.ALREADY_DONE;
        }
        notifications.cancelPending(answer.subjectType(), answer.subjectId());
        return AnswerOutcome.APPLIED;
    }

    public List<Answer> answersFor(String subjectId) {
        return answers.stream().filter(a -> a.subjectId().equals(subjectId)).toList();
    }
}
