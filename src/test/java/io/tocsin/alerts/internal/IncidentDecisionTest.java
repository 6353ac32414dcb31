package io.tocsin.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;
import org.junit.jupiter.api.Test;

/** The alert-to-incident rules as a pure calculation (R4, R13). */
class IncidentDecisionTest {

    private static final UUID SERVICE = UUID.randomUUID();
    private static final UUID OPEN = UUID.randomUUID();
    private final AlertRule defaults = AlertRule.defaults(SERVICE);

    @Test
    void maintenanceSuppressesEvenCriticalAndEvenWithAnOpenIncident() {
        var d = IncidentDecision.decide(defaults, AlertSeverity.CRITICAL, true, OPEN, 100);
        assertThat(d.kind()).isEqualTo(IncidentDecision.Kind.SUPPRESSED);
        assertThat(d.reason()).isEqualTo("maintenance");
    }

    @Test
    void anOpenIncidentOfTheServiceIsJoinedInsteadOfOpeningAnother() {
        for (var severity : AlertSeverity.values()) {
            var d = IncidentDecision.decide(defaults, severity, false, OPEN, 1);
            assertThat(d.kind()).isEqualTo(IncidentDecision.Kind.ATTACH);
            assertThat(d.incidentId()).isEqualTo(OPEN);
        }
    }

    @Test
    void withoutAttachingACriticalOpensItsOwnIncident() {
        var rule = new AlertRule(SERVICE, true, 1, 5, 10, 3, false, false, Map.of(), 0);
        var d = IncidentDecision.decide(rule, AlertSeverity.CRITICAL, false, OPEN, 1);
        assertThat(d.kind()).isEqualTo(IncidentDecision.Kind.OPEN);
        assertThat(d.incidentSeverity()).isEqualTo(1);
    }

    @Test
    void criticalOpensAtTheRuleSeverity() {
        var d = IncidentDecision.decide(defaults, AlertSeverity.CRITICAL, false, null, 1);
        assertThat(d.kind()).isEqualTo(IncidentDecision.Kind.OPEN);
        assertThat(d.incidentSeverity()).isEqualTo(2);
        assertThat(d.reason()).isEqualTo("critical");
    }

    @Test
    void criticalStaysAnAlertWhenTheRuleSaysSo() {
        var rule = new AlertRule(SERVICE, false, 2, 0, 10, 3, true, false, Map.of(), 0);
        assertThat(IncidentDecision.decide(rule, AlertSeverity.CRITICAL, false, null, 50).kind())
                .isEqualTo(IncidentDecision.Kind.ALERT_ONLY);
    }

    @Test
    void thresholdOpensExactlyAtNAlertsInMMinutes() {
        assertThat(IncidentDecision.decide(defaults, AlertSeverity.WARNING, false, null, 4).kind())
                .isEqualTo(IncidentDecision.Kind.ALERT_ONLY);
        var d = IncidentDecision.decide(defaults, AlertSeverity.WARNING, false, null, 5);
        assertThat(d.kind()).isEqualTo(IncidentDecision.Kind.OPEN);
        assertThat(d.incidentSeverity()).isEqualTo(3);
        assertThat(d.args()).containsExactly("5", "10");
        assertThat(IncidentDecision.decide(defaults, AlertSeverity.INFO, false, null, 6).kind())
                .isEqualTo(IncidentDecision.Kind.OPEN);
    }

    @Test
    void thresholdZeroIsOff() {
        var rule = new AlertRule(SERVICE, true, 2, 0, 10, 3, true, false, Map.of(), 0);
        assertThat(IncidentDecision.decide(rule, AlertSeverity.ERROR, false, null, 10_000).kind())
                .isEqualTo(IncidentDecision.Kind.ALERT_ONLY);
    }
}
