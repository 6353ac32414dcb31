package io.tocsin.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.tocsin.statuspage.internal.Indicator;
import io.tocsin.statuspage.internal.UptimeBars;
import io.tocsin.statuspage.internal.UptimeBars.Change;
import org.junit.jupiter.api.Test;

/** The 90-day bars, the page indicator and components following incidents as pure decisions (issue 11 points 2, 5). */
class UptimeBarsTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final ComponentStatus OK = ComponentStatus.OPERATIONAL;

    @Test
    void eachDayHasItsWorstStateAndItsUptime() {
        var changes = List.of(new Change(NOW.minus(Duration.ofDays(10)), OK),
                new Change(Instant.parse("2026-11-29T10:00:00Z"), ComponentStatus.MAJOR_OUTAGE),
                new Change(Instant.parse("2026-11-29T12:24:00Z"), OK),
                new Change(Instant.parse("2026-11-30T00:00:00Z"), ComponentStatus.PARTIAL_OUTAGE),
                new Change(Instant.parse("2026-11-30T12:00:00Z"), ComponentStatus.DEGRADED_PERFORMANCE),
                new Change(Instant.parse("2026-12-01T00:00:00Z"), OK));
        var days = UptimeBars.days(changes, NOW, ZoneOffset.UTC, 90);
        assertThat(days).hasSize(90);
        assertThat(days.getLast().date()).hasToString("2026-12-01");
        var byDate = days.stream().collect(java.util.stream.Collectors.toMap(d -> d.date().toString(), d -> d));
        // 2 h 24 min of major outage is a tenth of the day.
        assertThat(byDate.get("2026-11-29").worst()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(byDate.get("2026-11-29").uptimePercent()).isEqualTo(90.0);
        // Half a day of partial outage counts 30 % of it as down.
        assertThat(byDate.get("2026-11-30").worst()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(byDate.get("2026-11-30").uptimePercent()).isEqualTo(85.0);
        assertThat(byDate.get("2026-12-01").worst()).isEqualTo(OK);
        assertThat(byDate.get("2026-12-01").uptimePercent()).isEqualTo(100.0);
        assertThat(byDate.get("2026-11-20").noData()).isTrue();
        assertThat(byDate.get("2026-11-22").noData()).isFalse();
        assertThat(UptimeBars.overall(days)).isBetween(97.0, 99.0);
    }

    @Test
    void aChangeAtThisVeryInstantColoursToday() {
        var days = UptimeBars.days(List.of(new Change(NOW, OK), new Change(NOW, ComponentStatus.PARTIAL_OUTAGE)), NOW,
                ZoneOffset.UTC, 90);
        assertThat(days.getLast().worst()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(days.get(88).noData()).isTrue();
    }

    @Test
    void daysFollowThePagesTimeZone() {
        // 23:30 UTC on 30 Nov is already 1 Dec in Berlin.
        var changes = List.of(new Change(NOW.minus(Duration.ofDays(5)), OK),
                new Change(Instant.parse("2026-11-30T23:30:00Z"), ComponentStatus.MAJOR_OUTAGE),
                new Change(Instant.parse("2026-11-30T23:40:00Z"), OK));
        var berlin = UptimeBars.days(changes, NOW, ZoneId.of("Europe/Berlin"), 90);
        assertThat(berlin.getLast().worst()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(berlin.get(88).worst()).isEqualTo(OK);
        var utc = UptimeBars.days(changes, NOW, ZoneOffset.UTC, 90);
        assertThat(utc.get(88).worst()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void aComponentTakesTheWorstStateItsOpenIncidentsMapTo() {
        var map = io.tocsin.statuspage.internal.ComponentFollowing.DEFAULT;
        record Row(List<Integer> severities, ComponentStatus expected) {
        }
        for (var row : List.of(new Row(List.of(), OK), new Row(List.of(3), ComponentStatus.DEGRADED_PERFORMANCE),
                new Row(List.of(2), ComponentStatus.PARTIAL_OUTAGE), new Row(List.of(1), ComponentStatus.MAJOR_OUTAGE),
                new Row(List.of(3, 2, 3), ComponentStatus.PARTIAL_OUTAGE), new Row(List.of(3, 1), ComponentStatus.MAJOR_OUTAGE),
                new Row(List.of(7), ComponentStatus.DEGRADED_PERFORMANCE))) {
            assertThat(io.tocsin.statuspage.internal.ComponentFollowing.stateFor(row.severities(), map))
                    .as(row.toString()).isEqualTo(row.expected());
        }
        assertThat(io.tocsin.statuspage.internal.ComponentFollowing.stateFor(List.of(2),
                java.util.Map.of(2, ComponentStatus.MAJOR_OUTAGE))).as("configured mapping").isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void theIndicatorTakesTheWorstComponentOrOpenImpact() {
        record Row(List<ComponentStatus> components, List<String> impacts, String indicator, String description) {
        }
        var rows = List.of(
                new Row(List.of(OK, OK), List.of(), "none", "All Systems Operational"),
                new Row(List.of(OK, ComponentStatus.UNDER_MAINTENANCE), List.of(), "none", "Service Under Maintenance"),
                new Row(List.of(ComponentStatus.DEGRADED_PERFORMANCE), List.of(), "minor", "Minor Service Outage"),
                new Row(List.of(ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.DEGRADED_PERFORMANCE), List.of(),
                        "major", "Partial System Outage"),
                new Row(List.of(ComponentStatus.MAJOR_OUTAGE), List.of("minor"), "critical", "Major System Outage"),
                new Row(List.of(OK), List.of("major"), "major", "Partial System Outage"),
                new Row(List.of(OK), List.of("none"), "none", "All Systems Operational"),
                new Row(List.of(), List.of("critical"), "critical", "Major System Outage"));
        for (var row : rows) {
            assertThat(Indicator.of(row.components(), row.impacts()))
                    .as(row.toString()).isEqualTo(new Indicator(row.indicator(), row.description()));
        }
    }
}
