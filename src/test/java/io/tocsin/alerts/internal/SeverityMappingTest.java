package io.tocsin.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.alerts.AlertSeverity;
import org.junit.jupiter.api.Test;

/** Source severities onto Tocsin's scale (R4): PagerDuty words, Opsgenie priorities, labels, service overrides. */
class SeverityMappingTest {

    @Test
    void pagerDutyWordsMapOneToOne() {
        assertThat(SeverityMapping.map("critical", Map.of())).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(SeverityMapping.map("error", Map.of())).isEqualTo(AlertSeverity.ERROR);
        assertThat(SeverityMapping.map("warning", Map.of())).isEqualTo(AlertSeverity.WARNING);
        assertThat(SeverityMapping.map("info", Map.of())).isEqualTo(AlertSeverity.INFO);
    }

    @Test
    void opsgeniePrioritiesAndCaseAndSpaces() {
        assertThat(SeverityMapping.map("P1", Map.of())).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(SeverityMapping.map("P2", Map.of())).isEqualTo(AlertSeverity.ERROR);
        assertThat(SeverityMapping.map(" p3 ", Map.of())).isEqualTo(AlertSeverity.WARNING);
        assertThat(SeverityMapping.map("P5", Map.of())).isEqualTo(AlertSeverity.INFO);
        assertThat(SeverityMapping.map("CRIT", Map.of())).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void missingOrUnknownIsErrorAsAlertmanagerDefaults() {
        assertThat(SeverityMapping.map(null, Map.of())).isEqualTo(AlertSeverity.ERROR);
        assertThat(SeverityMapping.map("", null)).isEqualTo(AlertSeverity.ERROR);
        assertThat(SeverityMapping.map("purple", Map.of())).isEqualTo(AlertSeverity.ERROR);
    }

    @Test
    void theServiceMapWins() {
        var map = Map.of("warning", AlertSeverity.CRITICAL, "disaster", AlertSeverity.INFO);
        assertThat(SeverityMapping.map("Warning", map)).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(SeverityMapping.map("disaster", map)).isEqualTo(AlertSeverity.INFO);
        assertThat(SeverityMapping.map("critical", map)).isEqualTo(AlertSeverity.CRITICAL);
    }
}
