package io.tocsin.alerts.internal.format;

import static io.tocsin.alerts.internal.format.FormatFixtures.PAGERDUTY;
import static io.tocsin.alerts.internal.format.FormatFixtures.accepted;
import static io.tocsin.alerts.internal.format.FormatFixtures.adjusted;
import static io.tocsin.alerts.internal.format.FormatFixtures.assertFits;
import static io.tocsin.alerts.internal.format.FormatFixtures.fixture;
import static io.tocsin.alerts.internal.format.FormatFixtures.json;
import static io.tocsin.alerts.internal.format.FormatFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.internal.SeverityOverrides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PagerDuty Events API v2 payloads to signals or errors (issues 10 and 17; integrations.md section 1; R4). */
class PagerDutyFormatTest {

    private static final SeverityOverrides NONE = SeverityOverrides.NONE;

    /** A trigger with one field replaced: {@code "summary":"s"} etc. are the places tests swap. */
    private static String trigger(String replace, String with) {
        return ("{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"dedup_key\":\"d\",\"payload\":"
                + "{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"critical\"}}").replace(replace, with);
    }

    static Stream<Arguments> capturedAlertmanagerBodies() {
        return Stream.of(
                // fixture, action, dedup key, summary, severity
                Arguments.of("pagerduty-trigger.json", EventAction.TRIGGER,
                        "97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb",
                        "[FIRING:1] HighErrorRate checkout (prod checkout-1:8080 critical)", "critical"),
                Arguments.of("pagerduty-trigger.raw.json", EventAction.TRIGGER,
                        "e2f8d8f07e7ff3d39084f0f3f57c92fa746be2d101700a0abe3606c64a6075a0",
                        "[FIRING:1] DiskFull db (db-1 warning)", "warning"),
                Arguments.of("pagerduty-resolve.json", EventAction.RESOLVE,
                        "97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb", null, null),
                Arguments.of("pagerduty-resolve.raw.json", EventAction.RESOLVE,
                        "e2f8d8f07e7ff3d39084f0f3f57c92fa746be2d101700a0abe3606c64a6075a0", null, null));
    }

    @ParameterizedTest
    @MethodSource("capturedAlertmanagerBodies")
    void capturedAlertmanagerBodiesMapAsSent(String fixture, EventAction action, String dedupKey, String summary,
            String severity) {
        var root = json(fixture(fixture));
        assertThat(PagerDutyFormat.routingKey(root)).isEqualTo("0123456789abcdef0123456789abcdef");
        var event = accepted(PAGERDUTY.event(root, NONE));
        assertThat(event.action()).isEqualTo(action);
        assertThat(event.dedupKey()).isEqualTo(dedupKey);
        if (summary == null) {
            assertThat(event.signal()).isNull();
            return;
        }
        var s = event.signal();
        assertFits(s);
        assertThat(s.summary()).isEqualTo(summary);
        assertThat(s.source()).isEqualTo("Alertmanager");
        assertThat(s.sourceSeverity()).isEqualTo(severity);
        assertThat(s.severity()).as("no integration mapping: left to the service").isNull();
        assertThat(s.details()).contains("\"custom_details\"", "\"num_firing\":\"1\"", "\"client\":\"Alertmanager\"");
        assertThat(adjusted(s.details())).isEmpty();
    }

    static Stream<Arguments> refusedForGood() {
        return Stream.of(
                // body, field named in the error
                Arguments.of(trigger("\"event_action\":\"trigger\"", "\"event_action\":null"), "event_action"),
                Arguments.of(trigger("\"event_action\":\"trigger\",", ""), "event_action"),
                Arguments.of(trigger("\"trigger\"", "\"explode\""), "event_action"),
                Arguments.of(trigger("\"trigger\"", "{}"), "event_action"),
                Arguments.of(trigger("\"trigger\",\"dedup_key\":\"d\"", "\"resolve\""), "dedup_key"),
                Arguments.of(trigger("\"trigger\",\"dedup_key\":\"d\"", "\"acknowledge\",\"dedup_key\":\" \""),
                        "dedup_key"),
                Arguments.of(trigger("\"dedup_key\":\"d\"", "\"dedup_key\":5"), "dedup_key"),
                Arguments.of(trigger(",\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"critical\"}",
                        ""), "payload"),
                Arguments.of(trigger("\"summary\":\"s\"", "\"summary\":\" \""), "payload.summary"),
                Arguments.of(trigger("\"summary\":\"s\"", "\"summary\":{\"a\":1}"), "payload.summary"),
                Arguments.of(trigger("\"source\":\"h\",", ""), "payload.source"),
                Arguments.of(trigger("\"critical\"", "\"major\""), "payload.severity"),
                Arguments.of(trigger("\"critical\"", "5"), "payload.severity"),
                Arguments.of(trigger("\"critical\"}", "\"critical\",\"timestamp\":\"yesterday\"}"),
                        "payload.timestamp"),
                Arguments.of(trigger("}}", "},\"links\":\"http://x\"}"), "links"),
                Arguments.of(trigger("}}", "},\"links\":[{\"text\":\"no href\"}]}"), "links"),
                Arguments.of(trigger("}}", "},\"images\":{}}"), "images"),
                Arguments.of(trigger("\"severity\"", "\"component\":[1],\"severity\""), "payload.component"));
    }

    @ParameterizedTest
    @MethodSource("refusedForGood")
    void whatCanNeverBeAnEventIsRefusedNamingTheField(String body, String field) {
        assertThat(refused(PAGERDUTY.event(json(body), NONE))).extracting(FieldError::field).contains(field);
    }

    static Stream<Arguments> acceptedAndNormalised() {
        String nul = "\\u0000";
        return Stream.of(
                // body, what the details note
                Arguments.of(trigger("\"summary\":\"s\"", "\"summary\":\"" + "x".repeat(2000) + "\""),
                        "payload.summary:TRUNCATED"),
                Arguments.of(trigger("\"summary\":\"s\"", "\"summary\":\"a" + nul + "b\""),
                        "payload.summary:CHARACTERS_REPLACED"),
                Arguments.of(trigger("\"source\":\"h\"", "\"source\":\"h" + nul + "\""),
                        "payload.source:CHARACTERS_REPLACED"),
                Arguments.of(trigger("\"source\":\"h\"", "\"source\":\"" + "h".repeat(300) + "\""),
                        "payload.source:TRUNCATED"),
                Arguments.of(trigger("\"dedup_key\":\"d\"", "\"dedup_key\":\"d" + nul + "\""),
                        "dedup_key:CHARACTERS_REPLACED"),
                Arguments.of(trigger("\"dedup_key\":\"d\"", "\"dedup_key\":\"" + "k".repeat(300) + "\""),
                        "dedup_key:KEY_SHORTENED"),
                Arguments.of(trigger("\"critical\"}", "\"critical\",\"timestamp\":\"+999999999-12-31T23:59:59Z\"}"),
                        "payload.timestamp:DATE_CLAMPED"),
                Arguments.of(trigger("\"critical\"}", "\"critical\",\"component\":\"" + "c".repeat(5000) + "\"}"),
                        "payload.component:TRUNCATED"),
                Arguments.of(trigger("}}", "},\"client_url\":\"http://" + "u".repeat(100_000) + "\"}"),
                        "client_url:TRUNCATED"),
                Arguments.of(trigger("}}", "},\"links\":[{\"href\":\"http://" + "l".repeat(100_000) + "\"}]}"),
                        "links[0].href:TRUNCATED"),
                Arguments.of(trigger("}}", "},\"links\":[" + "{\"href\":\"http://x\"},".repeat(30)
                        + "{\"href\":\"http://y\"}]}"), "links:OMITTED"),
                Arguments.of(trigger("}}", "},\"links\":[{\"href\":\"h\",\"text\":\"\\ud800\"}]}"),
                        "links[0].text:CHARACTERS_REPLACED"));
    }

    @ParameterizedTest
    @MethodSource("acceptedAndNormalised")
    void contentThatCannotBeStoredAsSentIsNormalisedAndNoted(String body, String note) {
        var s = accepted(PAGERDUTY.event(json(body), NONE)).signal();
        assertFits(s);
        assertThat(adjusted(s.details())).contains(note);
    }

    @Test
    void theIntegrationsMappingDecidesTheSeverity() {
        var overrides = new SeverityOverrides(Map.of("error", AlertSeverity.CRITICAL), AlertSeverity.WARNING);
        // Alertmanager's pagerduty_configs sends severity "error" unless told otherwise.
        assertThat(accepted(PAGERDUTY.event(json(trigger("\"critical\"", "\"error\"")), overrides)).signal().severity())
                .isEqualTo(AlertSeverity.CRITICAL);
        assertThat(accepted(PAGERDUTY.event(json(trigger("\"critical\"", "\"info\"")), overrides)).signal().severity())
                .as("a word the integration does not map is left to the service").isNull();
    }

    @Test
    void timestampsWithoutTheOffsetColonAreRead() {
        var s = accepted(PAGERDUTY.event(json(trigger("\"critical\"}",
                "\"critical\",\"timestamp\":\"2015-07-17T08:42:58.315+0000\"}")), NONE)).signal();
        assertThat(s.occurredAt()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
    }

    @Test
    void changeEventsFitTheirColumnsToo() {
        var change = accepted(PAGERDUTY.change(json("{\"routing_key\":\"k\",\"payload\":{\"summary\":\"Deployed\\u0000 "
                + "x".repeat(2000) + "\",\"source\":\"ci\",\"timestamp\":\"+999999999-12-31T23:59:59Z\","
                + "\"custom_details\":{\"blob\":\"" + "b".repeat(200_000) + "\"}},\"links\":[{\"href\":\"http://"
                + "l".repeat(100_000) + "\"}]}")));
        assertThat(change.summary()).hasSize(Limits.SUMMARY).endsWith(Text.MARKER);
        assertThat(Text.storable(change.summary())).isTrue();
        assertThat(change.occurredAt()).isEqualTo(Text.LATEST);
        assertThat(change.details().length()).isLessThanOrEqualTo(Limits.CHANGE_DETAILS);
        assertThat(adjusted(change.details())).contains("details:OMITTED", "payload.summary:TRUNCATED",
                "links[0].href:TRUNCATED");
        assertThat(change.links().length()).isLessThanOrEqualTo(Limits.LINKS);
        assertThat(refused(PAGERDUTY.change(json("{\"payload\":{\"source\":\"ci\"}}"))))
                .extracting(FieldError::field).containsExactly("payload.summary");
        assertThat(refused(PAGERDUTY.change(json("{\"payload\":[]}")))).extracting(FieldError::field)
                .containsExactly("payload");
    }
}
