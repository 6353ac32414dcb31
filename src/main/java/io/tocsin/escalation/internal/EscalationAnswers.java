package io.tocsin.escalation.internal;

import java.util.List;
import java.util.UUID;

import io.tocsin.alerts.AlertAnswers;
import io.tocsin.identity.Actor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.notify.Answer;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.AnswerHandler;
import io.tocsin.notify.AnswerOutcome;
import org.springframework.stereotype.Component;

/**
 * Answers from any channel (e-mail link, SMS reply, keypress), already authenticated by notify (R12, issue 10).
 * One acknowledgement is one acknowledgement: it stops every pending page of the subject's runs for everyone and
 * acknowledges the alert itself (for an incident's page: its triggered alerts), so the alert page, the incident
 * page and the run never disagree. Resolve resolves the alert (an incident's page: its open alerts), and with
 * the last open alert the incident when the service's rule allows it; when the incident stays open the answer
 * says that paging stopped ({@link AnswerOutcome#PAGING_STOPPED}) instead of claiming it is resolved.
 */
@Component
class EscalationAnswers implements AnswerHandler {

    private final Escalator escalator;
    private final Identity identity;
    private final AlertAnswers alerts;
    private final Incidents incidents;

    EscalationAnswers(Escalator escalator, Identity identity, AlertAnswers alerts, Incidents incidents) {
        this.escalator = escalator;
        this.identity = identity;
        this.alerts = alerts;
        this.incidents = incidents;
    }

    @Override
    public boolean handles(String subjectType) {
        return "alert".equals(subjectType) || "incident".equals(subjectType);
    }

    @Override
    public AnswerOutcome answer(Answer answer) {
        var actor = identity.findUser(answer.userId()).map(User::asActor)
                .orElse(new Actor(answer.userId(), "unknown"));
        boolean resolve = answer.action() == AnswerAction.RESOLVE;
        // The runs first, so the timeline names the channel; the alert's own event then finds them answered.
        var runs = escalator.answer(answer.subjectType(), answer.subjectId(), resolve, actor, answer.channel().name());
        UUID id = UUID.fromString(answer.subjectId());
        boolean alert = "alert".equals(answer.subjectType());
        List<AlertAnswers.Change> changes = alert
                ? List.of(resolve ? alerts.resolve(id, actor.name()) : alerts.acknowledge(id, actor.name()))
                : resolve ? alerts.resolveOfIncident(id, actor.name()) : alerts.acknowledgeOfIncident(id, actor.name());
        boolean changed = runs == AnswerOutcome.APPLIED || changes.stream().anyMatch(AlertAnswers.Change::changed);
        if (!changed) {
            return runs;
        }
        if (!resolve) {
            return AnswerOutcome.APPLIED;
        }
        UUID incidentId = alert ? changes.getFirst().incidentId() : id;
        boolean incidentOpen = incidentId != null
                && incidents.find(incidentId).map(Incident::status).filter(s -> s.open()).isPresent();
        return incidentOpen ? AnswerOutcome.PAGING_STOPPED : AnswerOutcome.APPLIED;
    }
}
