package io.tocsin.alerts.internal;

import static io.tocsin.alerts.AlertSeverity.CRITICAL;
import static io.tocsin.alerts.AlertSeverity.ERROR;
import static io.tocsin.alerts.AlertSeverity.INFO;
import static io.tocsin.alerts.AlertSeverity.WARNING;
import static io.tocsin.alerts.internal.IncidentDecision.Reason.BELOW_THRESHOLD;
import static io.tocsin.alerts.internal.IncidentDecision.Reason.CRITICAL_DOES_NOT_OPEN;
import static io.tocsin.alerts.internal.IncidentDecision.Reason.MAINTENANCE;
import static io.tocsin.alerts.internal.IncidentDecision.Reason.OPEN_INCIDENT;
import static io.tocsin.alerts.internal.IncidentDecision.Reason.THRESHOLD_CROSSED;
import static io.tocsin.alerts.internal.IncidentDecision.Reason.THRESHOLD_OFF;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.internal.IncidentDecision.Kind;
import io.tocsin.alerts.internal.IncidentDecision.Reason;
import org.junit.jupiter.api.Test;

/** The alert-to-incident rules as a pure calculation (R4, R13; typed outcome and reason: issue 10). */
class IncidentDecisionTest {

    private static final UUID SERVICE = UUID.randomUUID();
    private static final UUID OPEN = UUID.randomUUID();

    /** Default: critical opens at 2, 5 alerts in 10 minutes open at 3, attach to the open incident. */
    private static final AlertRule DEFAULTS = AlertRule.defaults(SERVICE);
    private static final AlertRule NO_ATTACH_CRITICAL_AT_1 = rule(true, 1, 5, false);
    private static final AlertRule CRITICAL_OFF = rule(false, 2, 5, true);
    private static final AlertRule CRITICAL_OFF_THRESHOLD_OFF = rule(false, 2, 0, true);
    private static final AlertRule THRESHOLD_OFF_RULE = rule(true, 2, 0, true);

    private static AlertRule rule(boolean openOnCritical, int criticalSeverity, int thresholdCount, boolean attach) {
        return new AlertRule(SERVICE, openOnCritical, criticalSeverity, thresholdCount, 10, 3, attach, false,
                Map.of(), DedupScope.INTEGRATION, 0);
    }

    /** One row: the facts, and the reason and incident severity they must give (0: no incident opened). */
    private record Row(String name, AlertRule rule, AlertSeverity severity, boolean maintenance, UUID open,
            long recent, Reason reason, int incidentSeverity) {
    }

    private static final List<Row> TABLE = List.of(
            new Row("maintenance beats critical and an open incident", DEFAULTS, CRITICAL, true, OPEN, 100,
                    MAINTENANCE, 0),
            new Row("maintenance beats the threshold", DEFAULTS, WARNING, true, null, 100, MAINTENANCE, 0),
            new Row("critical joins the open incident", DEFAULTS, CRITICAL, false, OPEN, 1, OPEN_INCIDENT, 0),
            new Row("info joins the open incident", DEFAULTS, INFO, false, OPEN, 1, OPEN_INCIDENT, 0),
            new Row("without attaching, critical opens its own", NO_ATTACH_CRITICAL_AT_1, CRITICAL, false, OPEN, 1,
                    Reason.CRITICAL, 1),
            new Row("without attaching, a warning stays below", NO_ATTACH_CRITICAL_AT_1, WARNING, false, OPEN, 1,
                    BELOW_THRESHOLD, 0),
            new Row("critical opens at the rule's severity", DEFAULTS, CRITICAL, false, null, 1, Reason.CRITICAL, 2),
            new Row("critical opens even with the threshold off", THRESHOLD_OFF_RULE, CRITICAL, false, null, 0,
                    Reason.CRITICAL, 2),
            new Row("4 warnings of 5 stay alerts", DEFAULTS, WARNING, false, null, 4, BELOW_THRESHOLD, 0),
            new Row("the 5th warning opens at 3", DEFAULTS, WARNING, false, null, 5, THRESHOLD_CROSSED, 3),
            new Row("the 6th info opens at 3", DEFAULTS, INFO, false, null, 6, THRESHOLD_CROSSED, 3),
            new Row("threshold off: an error stays an alert", THRESHOLD_OFF_RULE, ERROR, false, null, 10_000,
                    THRESHOLD_OFF, 0),
            new Row("critical off: critical stays an alert", CRITICAL_OFF_THRESHOLD_OFF, CRITICAL, false, null, 50,
                    CRITICAL_DOES_NOT_OPEN, 0),
            new Row("critical off: critical still counts to the threshold", CRITICAL_OFF, CRITICAL, false, null, 5,
                    THRESHOLD_CROSSED, 3),
            new Row("critical off, below threshold", CRITICAL_OFF, CRITICAL, false, null, 4, CRITICAL_DOES_NOT_OPEN,
                    0));

    @Test
    void everyRowOfTheTable() {
        for (var row : TABLE) {
            var d = IncidentDecision.decide(row.rule(), row.severity(), row.maintenance(), row.open(), row.recent());
            assertThat(d.reason()).as(row.name()).isEqualTo(row.reason());
            assertThat(d.incidentSeverity()).as(row.name()).isEqualTo(row.incidentSeverity());
            assertThat(d.incidentId()).as(row.name()).isEqualTo(d.kind() == Kind.ATTACH ? OPEN : null);
            assertThat(d.recentAlerts()).as(row.name()).isEqualTo(row.recent());
        }
    }

    @Test
    void eachReasonBelongsToOneKind() {
        assertThat(MAINTENANCE.kind()).isEqualTo(Kind.SUPPRESSED);
        assertThat(OPEN_INCIDENT.kind()).isEqualTo(Kind.ATTACH);
        assertThat(List.of(Reason.CRITICAL, THRESHOLD_CROSSED)).allMatch(r -> r.kind() == Kind.OPEN);
        assertThat(List.of(CRITICAL_DOES_NOT_OPEN, BELOW_THRESHOLD, THRESHOLD_OFF))
                .allMatch(r -> r.kind() == Kind.ALERT_ONLY);
    }

    @Test
    void theHistoryEntrySaysWhatHappenedAndWhy() {
        var threshold = IncidentDecision.decide(DEFAULTS, WARNING, false, null, 5);
        var opened = new LinkOutcome(threshold, "INC-7");
        assertThat(opened.historyKind()).isEqualTo(AlertHistoryKind.INCIDENT_OPENED);
        assertThat(opened.historyMessage()).isEqualTo("opened incident INC-7 at severity 3 (5 alerts within 10 minutes)");

        var joined = new LinkOutcome(IncidentDecision.decide(DEFAULTS, INFO, false, OPEN, 1), "INC-7");
        assertThat(joined.historyKind()).isEqualTo(AlertHistoryKind.ATTACHED);
        assertThat(joined.historyMessage()).isEqualTo("joined open incident INC-7");

        var below = new LinkOutcome(IncidentDecision.decide(DEFAULTS, WARNING, false, null, 2), null);
        assertThat(below.historyKind()).isEqualTo(AlertHistoryKind.KEPT_AS_ALERT);
        assertThat(below.historyMessage()).isEqualTo("below the threshold of 5 alerts in 10 minutes");

        var suppressed = new LinkOutcome(IncidentDecision.decide(DEFAULTS, CRITICAL, true, null, 0), null);
        assertThat(suppressed.historyKind()).isEqualTo(AlertHistoryKind.SUPPRESSED);
        for (var reason : Reason.values()) {
            var d = new IncidentDecision(reason, OPEN, 2, 5, 5, 10);
            assertThat(new LinkOutcome(d, "INC-1").historyMessage()).as(reason.name()).isNotBlank();
        }
    }
}
