package io.tocsin.alerts.internal.format;

import static io.tocsin.alerts.internal.format.FormatFixtures.WEBHOOK;
import static io.tocsin.alerts.internal.format.FormatFixtures.accepted;
import static io.tocsin.alerts.internal.format.FormatFixtures.adjusted;
import static io.tocsin.alerts.internal.format.FormatFixtures.assertFits;
import static io.tocsin.alerts.internal.format.FormatFixtures.json;
import static io.tocsin.alerts.internal.format.FormatFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.internal.SeverityOverrides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The generic JSON webhook (issues 10 and 17; integrations.md; R4). */
class WebhookFormatTest {

    private static final SeverityOverrides NONE = SeverityOverrides.NONE;

    static Stream<Arguments> events() {
        return Stream.of(
                // body, action, dedup key
                Arguments.of("{\"summary\":\"Backup failed\"}", EventAction.TRIGGER, null),
                Arguments.of("{\"action\":\"trigger\",\"summary\":\"s\",\"dedupKey\":\"b\"}", EventAction.TRIGGER, "b"),
                Arguments.of("{\"action\":\"acknowledge\",\"dedupKey\":\"b\"}", EventAction.ACKNOWLEDGE, "b"),
                Arguments.of("{\"action\":\"resolve\",\"dedupKey\":\"b\\u0000\"}", EventAction.RESOLVE, "b\uFFFD"));
    }

    @ParameterizedTest
    @MethodSource("events")
    void actionsAndKeys(String body, EventAction action, String key) {
        var event = accepted(WEBHOOK.event(json(body), NONE));
        assertThat(event.action()).isEqualTo(action);
        assertThat(event.dedupKey()).isEqualTo(key);
        assertThat(event.signal() != null).isEqualTo(action == EventAction.TRIGGER);
    }

    static Stream<Arguments> refusedEvents() {
        return Stream.of(
                Arguments.of("{\"action\":\"explode\",\"summary\":\"s\"}", "action"),
                Arguments.of("{\"action\":7,\"summary\":\"s\"}", "action"),
                Arguments.of("{\"action\":\"resolve\"}", "dedupKey"),
                Arguments.of("{\"severity\":\"error\"}", "summary"),
                Arguments.of("{\"summary\":\"s\",\"links\":\"x\"}", "links"),
                Arguments.of("{\"summary\":[\"s\"]}", "summary"));
    }

    @ParameterizedTest
    @MethodSource("refusedEvents")
    void refusedNamingTheField(String body, String field) {
        assertThat(refused(WEBHOOK.event(json(body), NONE))).extracting(FieldError::field).contains(field);
    }

    static Stream<Arguments> normalised() {
        return Stream.of(
                Arguments.of("{\"summary\":\"" + "s".repeat(5000) + "\"}", "summary:TRUNCATED"),
                Arguments.of("{\"summary\":\"s\\u0000\"}", "summary:CHARACTERS_REPLACED"),
                Arguments.of("{\"summary\":\"s\",\"source\":\"\\u0000\"}", "source:CHARACTERS_REPLACED"),
                Arguments.of("{\"summary\":\"s\",\"dedupKey\":\"" + "k".repeat(400) + "\"}", "dedupKey:KEY_SHORTENED"),
                Arguments.of("{\"summary\":\"s\",\"severity\":\"" + "v".repeat(100) + "\"}", "severity:TRUNCATED"),
                Arguments.of("{\"summary\":\"s\",\"links\":[{\"href\":\"https://" + "l".repeat(100_000) + "\"}]}",
                        "links[0].href:TRUNCATED"));
    }

    @ParameterizedTest
    @MethodSource("normalised")
    void contentThatCannotBeStoredAsSentIsNormalisedAndNoted(String body, String note) {
        var s = accepted(WEBHOOK.event(json(body), NONE)).signal();
        assertFits(s);
        assertThat(adjusted(s.details())).contains(note);
    }

    @Test
    void detailsKeepTheirShapeAndBadLinksAreLeftOut() {
        var s = accepted(WEBHOOK.event(json("{\"summary\":\"s\",\"severity\":\"Sev1\",\"details\":{\"exit\":2},"
                + "\"links\":[{\"href\":\"https://ci/1\",\"text\":\"run\"},\"junk\",{\"text\":\"no href\"}]}"),
                new SeverityOverrides(Map.of("sev1", AlertSeverity.CRITICAL), null))).signal();
        assertThat(s.details()).isEqualTo("{\"exit\":2}");
        assertThat(s.links()).isEqualTo("[{\"href\":\"https://ci/1\",\"text\":\"run\"}]");
        assertThat(s.severity()).isEqualTo(AlertSeverity.CRITICAL);
        var scalar = accepted(WEBHOOK.event(json("{\"summary\":\"s\\u0000\",\"details\":[1,2]}"), NONE)).signal();
        assertThat(json(scalar.details()).get("value").toString()).isEqualTo("[1,2]");
    }
}
