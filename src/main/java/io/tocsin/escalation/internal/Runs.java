package io.tocsin.escalation.internal;

import java.util.List;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.notify.AnswerOutcome;
import io.tocsin.notify.SubjectType;
import io.tocsin.shared.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reading runs and answering them from the web and the API. */
@Component
@Transactional
public class Runs {

    private final RunStore store;
    private final Escalator escalator;

    Runs(RunStore store, Escalator escalator) {
        this.store = store;
        this.escalator = escalator;
    }

    @Transactional(readOnly = true)
    public Run run(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("escalation run", id));
    }

    @Transactional(readOnly = true)
    public List<Run> ofSubject(SubjectType subjectType, String subjectId) {
        return store.ofSubject(subjectType, subjectId);
    }

    @Transactional(readOnly = true)
    public List<Run> ofIncident(UUID incidentId) {
        return store.ofIncident(incidentId);
    }

    @Transactional(readOnly = true)
    public List<Run.Page> pages(UUID runId) {
        return store.pages(runId);
    }

    /** Acknowledges (or resolves) the run's subject: every run about it stops paging. */
    public AnswerOutcome answer(UUID runId, boolean resolve, Actor actor) {
        var run = run(runId);
        return escalator.answer(run.subject().type(), run.subject().id(), resolve, actor, "WEB");
    }
}
