package io.tocsin.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Priority from urgency and impact (R6): the ITIL default and a custom matrix. */
class PriorityMatrixTest {

    @ParameterizedTest(name = "impact {0}, urgency {1} -> {2}")
    @CsvSource({
            "HIGH, HIGH, P1", "HIGH, MEDIUM, P2", "HIGH, LOW, P3",
            "MEDIUM, HIGH, P2", "MEDIUM, MEDIUM, P3", "MEDIUM, LOW, P4",
            "LOW, HIGH, P3", "LOW, MEDIUM, P4", "LOW, LOW, P5"})
    void itilDefault(Impact impact, Urgency urgency, Priority expected) {
        assertThat(PriorityMatrix.ITIL.priority(urgency, impact)).isEqualTo(expected);
    }

    @Test
    void organisationsConfigureTheirOwn() {
        var strict = new PriorityMatrix(Map.of(
                Impact.HIGH, List.of(Priority.P1, Priority.P1, Priority.P2),
                Impact.MEDIUM, List.of(Priority.P2, Priority.P2, Priority.P3),
                Impact.LOW, List.of(Priority.P3, Priority.P4, Priority.P5)));
        assertThat(strict.priority(Urgency.MEDIUM, Impact.HIGH)).isEqualTo(Priority.P1);
        assertThat(strict.priority(Urgency.LOW, Impact.MEDIUM)).isEqualTo(Priority.P3);
    }

    @Test
    void anIncompleteMatrixIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new PriorityMatrix(Map.of(Impact.HIGH, List.of(Priority.P1, Priority.P2, Priority.P3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MEDIUM");
        assertThatThrownBy(() -> new PriorityMatrix(Map.of(
                Impact.HIGH, List.of(Priority.P1, Priority.P2),
                Impact.MEDIUM, List.of(Priority.P2, Priority.P3, Priority.P4),
                Impact.LOW, List.of(Priority.P3, Priority.P4, Priority.P5))))
                .hasMessageContaining("HIGH");
    }

    @Test
    void defaultUrgencyAndImpactFollowSeverity() {
        assertThat(PriorityMatrix.ITIL.priority(Incidents.defaultUrgency(1), Incidents.defaultImpact(1))).isEqualTo(Priority.P1);
        assertThat(PriorityMatrix.ITIL.priority(Incidents.defaultUrgency(2), Incidents.defaultImpact(2))).isEqualTo(Priority.P2);
        assertThat(PriorityMatrix.ITIL.priority(Incidents.defaultUrgency(3), Incidents.defaultImpact(3))).isEqualTo(Priority.P4);
    }
}
