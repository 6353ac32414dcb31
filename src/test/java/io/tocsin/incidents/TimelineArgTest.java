package io.tocsin.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import tools.jackson.databind.json.JsonMapper;

/** Typed system timeline arguments (R19): stored as JSON, read back alike, rendered in the reader's language and zone. */
class TimelineArgTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-03-29T00:30:00Z");

    private final StaticMessageSource messages = messages();
    private final Timeline timeline = new Timeline(null, JSON, Clock.systemUTC(), null, messages);

    @Test
    void everyKindOfArgumentSurvivesTheRoundTrip() {
        var args = List.<TimelineArg>of(TimelineArg.text("disk full; 90 %"), TimelineArg.code("status.FIXING"),
                TimelineArg.at(AT), TimelineArg.count(1200), TimelineArg.span(Duration.ofMinutes(83)),
                new TimelineArg.Changes(List.of(new TimelineArg.Change("summary", TimelineArg.text("old"),
                        TimelineArg.text("new")), new TimelineArg.Change("detectedAt", null, TimelineArg.at(AT)))));
        assertThat(TimelineArgsJson.read(JSON, TimelineArgsJson.write(JSON, args))).isEqualTo(args);
        assertThat(TimelineArgsJson.write(JSON, List.of())).isNull();
    }

    @Test
    void entriesWrittenBeforeArgumentsWereTypedStillRead() {
        assertThat(TimelineArgsJson.read(JSON, "[\"#status.NEW\",\"Anna\",\"\"]")).containsExactly(
                TimelineArg.code("status.NEW"), TimelineArg.text("Anna"), TimelineArg.text(""));
        assertThat(TimelineArgsJson.read(JSON, null)).isEmpty();
    }

    @Test
    void theReaderSeesTheirLanguageZoneAndNumbers() {
        var entry = entry("sample", TimelineArg.code("status.FIXING"), TimelineArg.at(AT), TimelineArg.count(1200),
                TimelineArg.span(Duration.ofMinutes(83)));
        assertThat(timeline.text(entry, Locale.ENGLISH, ZoneId.of("Europe/Berlin")))
                .isEqualTo("Fixing since Sun 29 Mar 2026 01:30 CET, 1,200 alerts, 1 h 23 min");
        // The same instant is after the spring change in Berlin's summer time, and the previous evening in New York.
        assertThat(timeline.text(entry(("sample"), TimelineArg.code("status.FIXING"), TimelineArg.at(AT.plusSeconds(3600)),
                TimelineArg.count(1200), TimelineArg.span(Duration.ofMinutes(83))), Locale.GERMAN, ZoneId.of("Europe/Berlin")))
                .isEqualTo("In Arbeit seit So. 29.03.2026 03:30 MESZ, 1.200 Alarme, 1 h 23 min");
        assertThat(timeline.text(entry, Locale.ENGLISH, ZoneId.of("America/New_York")))
                .startsWith("Fixing since Sat 28 Mar 2026 20:30");
    }

    @Test
    void changesNameTheirFieldsByLabelAndShowMissingValuesAsADash() {
        var entry = entry("changed", new TimelineArg.Changes(List.of(
                new TimelineArg.Change("summary", TimelineArg.text("Checkout slow"), TimelineArg.text("Checkout down")),
                new TimelineArg.Change("category", null, TimelineArg.text("Availability")))));
        assertThat(timeline.text(entry, Locale.ENGLISH, ZoneId.of("UTC")))
                .isEqualTo("Changed: Summary: Checkout slow → Checkout down; category: – → Availability");
    }

    private static TimelineEntry entry(String event, TimelineArg... args) {
        return new TimelineEntry(1, UUID.randomUUID(), AT, AT, null, "Tocsin", TimelineEntryKind.SYSTEM, event,
                List.of(args), null, null, null, null);
    }

    private static StaticMessageSource messages() {
        var m = new StaticMessageSource();
        m.addMessage("timeline.event.sample", Locale.ENGLISH, "{0} since {1}, {2} alerts, {3}");
        m.addMessage("timeline.event.sample", Locale.GERMAN, "{0} seit {1}, {2} Alarme, {3}");
        m.addMessage("status.FIXING", Locale.ENGLISH, "Fixing");
        m.addMessage("status.FIXING", Locale.GERMAN, "In Arbeit");
        m.addMessage("timeline.event.changed", Locale.ENGLISH, "Changed: {0}");
        m.addMessage("timeline.field.summary", Locale.ENGLISH, "Summary");
        return m;
    }
}
