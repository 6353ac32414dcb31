package io.tocsin.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The incident aggregate guards the response workflow (R15), severity changes (R18) and its times (R26). */
class IncidentWorkflowTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final Actor ANN = new Actor(UUID.randomUUID(), "Ann");
    static final UUID BOB = UUID.randomUUID();

    static Incident declared(int severity) {
        var d = new Incident.Declaration("Checkout down", "all customers", "ann@example.org", severity, UUID.randomUUID(),
                Set.of(), Urgency.HIGH, Impact.HIGH, null, "manual", T0.minus(Duration.ofMinutes(10)), T0);
        return Incident.declare(7, "INC-7", d, Priority.P1, ANN, T0);
    }

    /** Issue 13: times nobody gave stay unknown; no TTD of zero from a declaration made "now". */
    @Test
    void aDeclarationWithoutTimesLeavesThemUnknown() {
        var d = new Incident.Declaration("Checkout down", null, null, 2, UUID.randomUUID(), Set.of(), null, null, null,
                "manual", null, null);
        var incident = Incident.declare(8, "INC-8", d, Priority.P2, ANN, T0);
        assertThat(incident.impactStartedAt()).isNull();
        assertThat(incident.detectedAt()).isNull();
        assertThat(incident.times().timeToDetect()).isEmpty();
        incident.assignManager(BOB, "Bob", ANN, T0);
        incident.resolve(null, null, ANN, T0.plus(Duration.ofMinutes(42)));
        assertThat(incident.times().timeToRecover()).as("counted from the declaration").contains(Duration.ofMinutes(42));
        incident.correctTimes(T0.minus(Duration.ofMinutes(8)), null, null, "from the logs", ANN, T0.plus(Duration.ofHours(1)));
        assertThat(incident.times().timeToDetect()).as("still no detection time").isEmpty();
        assertThat(incident.times().timeToRecover()).contains(Duration.ofMinutes(50));
    }

    @Test
    void aNewIncidentWaitsForAnIncidentManager() {
        var incident = declared(1);
        assertThat(incident.status()).isEqualTo(IncidentStatus.NEW);
        assertThat(incident.incidentManagerId()).isNull();
        assertThat(incident.allowedActions()).containsExactly(WorkflowAction.ASSIGN);
        assertThat(incident.major()).isTrue();
        assertThat(incident.detectedAt()).isEqualTo(T0);
        assertThat(incident.times().timeToDetect()).contains(Duration.ofMinutes(10));
        assertThat(incident.recordedEvents()).singleElement().isInstanceOf(IncidentEvents.Declared.class);
    }

    @Test
    void onlyAssigningAnIncidentManagerStartsTheFix() {
        var incident = declared(2);
        assertThatThrownBy(() -> incident.resolve(null, null, ANN, T0))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Cannot resolve INC-7 while it is NEW; allowed now: assign");
        incident.assignManager(BOB, "Bob", ANN, T0.plusSeconds(60));
        assertThat(incident.status()).isEqualTo(IncidentStatus.FIXING);
        assertThat(incident.incidentManagerId()).isEqualTo(BOB);
        assertThat(incident.assignedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(incident.recordedEvents()).extracting(Object::getClass).containsExactly(
                IncidentEvents.Declared.class, IncidentEvents.ManagerAssigned.class, IncidentEvents.StatusChanged.class);
    }

    @Test
    void handingOverKeepsTheStatusAndTheFirstAssignmentTime() {
        var incident = declared(2);
        incident.assignManager(BOB, "Bob", ANN, T0.plusSeconds(60));
        var carol = UUID.randomUUID();
        incident.assignManager(carol, "Carol", ANN, T0.plusSeconds(600));
        assertThat(incident.status()).isEqualTo(IncidentStatus.FIXING);
        assertThat(incident.incidentManagerId()).isEqualTo(carol);
        assertThat(incident.assignedAt()).isEqualTo(T0.plusSeconds(60));
        var handover = (IncidentEvents.ManagerAssigned) incident.recordedEvents().stream()
                .filter(e -> e instanceof IncidentEvents.ManagerAssigned m && m.managerId().equals(carol)).findFirst()
                .orElseThrow();
        assertThat(handover.previousManagerId()).isEqualTo(BOB);
    }

    @Test
    void resolveReopenAndClose() {
        var incident = declared(1);
        incident.assignManager(BOB, "Bob", ANN, T0);
        incident.resolve(null, null, ANN, T0.plus(Duration.ofMinutes(50)));
        assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incident.times().timeToRecover()).contains(Duration.ofMinutes(60));
        assertThat(incident.allowedActions()).containsExactly(WorkflowAction.ASSIGN, WorkflowAction.REOPEN,
                WorkflowAction.CLOSE);

        assertThatThrownBy(() -> incident.reopen(" ", ANN, T0.plus(Duration.ofHours(1))))
                .isInstanceOf(InvalidInputException.class);
        incident.reopen("errors are back", ANN, T0.plus(Duration.ofHours(1)));
        assertThat(incident.status()).isEqualTo(IncidentStatus.FIXING);
        assertThat(incident.resolvedAt()).isNull();
        assertThatThrownBy(() -> incident.close(null, ANN, T0.plus(Duration.ofHours(1))))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("allowed now: assign, resolve");

        incident.resolve(null, null, ANN, T0.plus(Duration.ofHours(2)));
        incident.close("post-incident review done", ANN, T0.plus(Duration.ofDays(2)));
        assertThat(incident.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(incident.closedAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(incident.allowedActions()).isEmpty();
    }

    @Test
    void aClosedIncidentRefusesEveryChange() {
        var incident = declared(3);
        incident.assignManager(BOB, "Bob", ANN, T0);
        incident.resolve(null, null, ANN, T0.plusSeconds(60));
        incident.close(null, ANN, T0.plusSeconds(120));
        assertThatThrownBy(() -> incident.assignManager(UUID.randomUUID(), "X", ANN, T0.plusSeconds(180)))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> incident.reopen("again", ANN, T0.plusSeconds(180)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> incident.changeSeverity(1, "worse", ANN, T0.plusSeconds(180)))
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> incident.correctTimes(null, null, null, "typo", ANN, T0.plusSeconds(180)))
                .hasMessageContaining("closed");
    }

    @Test
    void resolvedCannotBeBeforeTheImpactStartedNorInTheFuture() {
        var incident = declared(2);
        incident.assignManager(BOB, "Bob", ANN, T0);
        assertThatThrownBy(() -> incident.resolve(T0.minus(Duration.ofHours(1)), null, ANN, T0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("resolvedAt");
        assertThatThrownBy(() -> incident.resolve(T0.plusSeconds(5), null, ANN, T0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("future");
        incident.resolve(T0.minus(Duration.ofMinutes(2)), "fixed before anyone noticed the ticket", ANN, T0);
        assertThat(incident.times().timeToRecover()).contains(Duration.ofMinutes(8));
    }

    @Test
    void severityNeedsAReasonOnceAssessed() {
        var incident = declared(3);
        incident.changeSeverity(2, null, ANN, T0);
        assertThat(incident.severity()).isEqualTo(2);
        incident.assess(new Assessment("slow", "spinner", AffectedScope.SOME, null, 3, null, null,
                ChangeCorrelation.UNKNOWN, null, null, null), null, ANN, T0.plusSeconds(30));
        assertThat(incident.assessment().done()).isTrue();
        assertThatThrownBy(() -> incident.changeSeverity(1, "", ANN, T0.plusSeconds(60)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("severityReason");
        incident.changeSeverity(1, "data loss confirmed", ANN, T0.plusSeconds(60));
        var event = incident.recordedEvents().stream().filter(e -> e instanceof IncidentEvents.SeverityChanged)
                .map(IncidentEvents.SeverityChanged.class::cast).reduce((a, b) -> b).orElseThrow();
        assertThat(event.from()).isEqualTo(2);
        assertThat(event.to()).isEqualTo(1);
        assertThat(event.reason()).isEqualTo("data loss confirmed");
        assertThatThrownBy(() -> incident.changeSeverity(7, "x", ANN, T0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void assessmentMovesTheImpactStartAndNeedsACountForNumber() {
        var incident = declared(2);
        assertThatThrownBy(() -> incident.assess(new Assessment(null, null, AffectedScope.NUMBER, null, null, null,
                null, null, null, null, null), null, ANN, T0)).hasMessageContaining("affectedCount");
        incident.assess(new Assessment(null, null, AffectedScope.NUMBER, 120, null, "SECURITY,DATA_LOSS", null,
                ChangeCorrelation.YES, "deploy 42", null, null), T0.minus(Duration.ofMinutes(45)), ANN, T0);
        assertThat(incident.impactStartedAt()).isEqualTo(T0.minus(Duration.ofMinutes(45)));
        assertThat(incident.times().timeToDetect()).contains(Duration.ofMinutes(45));
        assertThat(incident.assessment().factors()).containsExactly(OtherFactor.SECURITY, OtherFactor.DATA_LOSS);
        assertThatThrownBy(() -> incident.assess(Assessment.empty(), T0.plusSeconds(1), ANN, T0))
                .hasMessageContaining("future");
    }

    @Test
    void correctingTimesNeedsAReasonAndKeepsTheOrder() {
        var incident = declared(2);
        incident.assignManager(BOB, "Bob", ANN, T0);
        incident.resolve(null, null, ANN, T0.plus(Duration.ofMinutes(30)));
        assertThatThrownBy(() -> incident.correctTimes(T0.minus(Duration.ofHours(1)), null, null, null, ANN,
                T0.plus(Duration.ofHours(1)))).hasMessageContaining("reason");
        assertThatThrownBy(() -> incident.correctTimes(null, T0.minus(Duration.ofHours(1)), null, "typo", ANN,
                T0.plus(Duration.ofHours(1)))).hasMessageContaining("detectedAt");
        incident.correctTimes(T0.minus(Duration.ofHours(1)), null, T0.plus(Duration.ofMinutes(20)), "from logs", ANN,
                T0.plus(Duration.ofHours(1)));
        assertThat(incident.times().timeToDetect()).contains(Duration.ofHours(1));
        assertThat(incident.times().timeToRecover()).contains(Duration.ofMinutes(80));
    }

    @Test
    void editsRecordOnlyWhatChanged() {
        var incident = declared(2);
        incident.clearDomainEventsForTest();
        incident.edit(new Incident.Edit("Checkout down", null, null, null, null, null, null, null), Priority.P1, ANN, T0);
        assertThat(incident.recordedEvents()).isEmpty();
        incident.edit(new Incident.Edit("Checkout down in EU", null, null, null, null, Urgency.MEDIUM, null, null),
                Priority.P2, ANN, T0);
        var updated = (IncidentEvents.Updated) incident.recordedEvents().getFirst();
        assertThat(updated.changes()).extracting(FieldChange::field).containsExactly("summary", "urgency", "priority");
    }
}
