package io.tocsin.alerts.internal.format;

import static io.tocsin.alerts.internal.format.FormatFixtures.OPSGENIE;
import static io.tocsin.alerts.internal.format.FormatFixtures.accepted;
import static io.tocsin.alerts.internal.format.FormatFixtures.adjusted;
import static io.tocsin.alerts.internal.format.FormatFixtures.assertFits;
import static io.tocsin.alerts.internal.format.FormatFixtures.json;
import static io.tocsin.alerts.internal.format.FormatFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.internal.SeverityOverrides;
import io.tocsin.alerts.internal.format.OpsgenieFormat.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Opsgenie Alert API v2 bodies (issues 10 and 17; integrations.md 2 and 3; R4). */
class OpsgenieFormatTest {

    private static final SeverityOverrides NONE = SeverityOverrides.NONE;

    /** What Alertmanager 0.25's opsgenie notifier sends (notify/opsgenie/opsgenie.go): alias = SHA-256 of groupKey. */
    private static final String ALERTMANAGER_CREATE = "{\"alias\":\"97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb\","
            + "\"message\":\"[FIRING:1] HighErrorRate checkout (prod checkout-1:8080 critical)\","
            + "\"description\":\"Alerts Firing:\\nLabels:\\n - alertname = HighErrorRate\\n\","
            + "\"details\":{\"alertname\":\"HighErrorRate\",\"severity\":\"critical\"},\"source\":\"http://127.0.0.1:9093\"}";

    @Test
    void alertmanagersCreateWithoutPriorityIsOpsgeniesP3UnlessTheIntegrationSaysOtherwise() {
        var s = accepted(OPSGENIE.create(json(ALERTMANAGER_CREATE), NONE));
        assertFits(s);
        assertThat(s.dedupKey()).isEqualTo("97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb");
        assertThat(s.summary()).isEqualTo("[FIRING:1] HighErrorRate checkout (prod checkout-1:8080 critical)");
        assertThat(s.source()).isEqualTo("http://127.0.0.1:9093");
        assertThat(s.sourceSeverity()).isEqualTo("P3");
        assertThat(s.severity()).isNull();
        assertThat(json(s.details()).get("description").asString()).startsWith("Alerts Firing:");
        var missingIsCritical = new SeverityOverrides(Map.of(), AlertSeverity.CRITICAL);
        assertThat(accepted(OPSGENIE.create(json(ALERTMANAGER_CREATE), missingIsCritical)).severity())
                .isEqualTo(AlertSeverity.CRITICAL);
        var p1 = ALERTMANAGER_CREATE.replace("\"source\"", "\"priority\":\"P1\",\"source\"");
        assertThat(accepted(OPSGENIE.create(json(p1), missingIsCritical)).severity()).as("a priority was sent").isNull();
        assertThat(accepted(OPSGENIE.create(json(p1), missingIsCritical)).sourceSeverity()).isEqualTo("P1");
    }

    static Stream<Arguments> cutNeverRefused() {
        String nul = "\\u0000";
        return Stream.of(
                // field replaced, replacement, note, where the result shows
                Arguments.of("\"description\":\"Alerts Firing:", "\"description\":\"" + "d".repeat(30_000),
                        "description:TRUNCATED"),
                Arguments.of("\"alias\":\"9751", "\"alias\":\"" + "a".repeat(600), "alias:KEY_SHORTENED"),
                Arguments.of("\"alias\":\"9751", "\"alias\":\"" + nul, "alias:CHARACTERS_REPLACED"),
                Arguments.of("\"message\":\"[FIRING:1]", "\"message\":\"" + "m".repeat(200), "message:TRUNCATED"),
                Arguments.of("\"message\":\"[FIRING:1]", "\"message\":\"" + nul, "message:CHARACTERS_REPLACED"),
                Arguments.of("\"source\":\"http://127.0.0.1:9093\"", "\"source\":\"" + "s".repeat(300) + "\"",
                        "source:TRUNCATED"),
                Arguments.of("\"source\":\"http://127.0.0.1:9093\"", "\"entity\":\"" + "e".repeat(600) + "\"",
                        "entity:TRUNCATED"),
                Arguments.of("\"source\"", "\"note\":\"" + "n".repeat(30_000) + "\",\"source\"", "note:TRUNCATED"),
                Arguments.of("\"source\"", "\"user\":\"" + "u".repeat(300) + "\",\"source\"", "user:TRUNCATED"));
    }

    @ParameterizedTest
    @MethodSource("cutNeverRefused")
    void overLongFieldsAreCutToOpsgeniesLimitsAndNoted(String replace, String with, String note) {
        String body = ALERTMANAGER_CREATE.replace(replace, with);
        assertThat(body).isNotEqualTo(ALERTMANAGER_CREATE);
        var s = accepted(OPSGENIE.create(json(body), NONE));
        assertFits(s);
        assertThat(adjusted(s.details())).contains(note);
    }

    @Test
    void aThirtyKilobyteDescriptionKeepsFifteenThousandCharacters() {
        var s = accepted(OPSGENIE.create(json(ALERTMANAGER_CREATE.replace("\"description\":\"Alerts Firing:",
                "\"description\":\"" + "d".repeat(30_000))), NONE));
        String description = json(s.details()).get("description").asString();
        assertThat(description).hasSize(Limits.OPSGENIE_DESCRIPTION).endsWith(Text.MARKER);
    }

    static Stream<Arguments> refusedCreates() {
        return Stream.of(
                Arguments.of("{\"alias\":\"a\"}", "message"),
                Arguments.of("{\"message\":\"  \"}", "message"),
                Arguments.of("{\"message\":5}", "message"),
                Arguments.of("{\"message\":\"m\",\"priority\":\"P9\"}", "priority"),
                Arguments.of("{\"message\":\"m\",\"tags\":\"db\"}", "tags"),
                Arguments.of("{\"message\":\"m\",\"details\":[1]}", "details"),
                Arguments.of("{\"message\":\"m\",\"alias\":{}}", "alias"));
    }

    @ParameterizedTest
    @MethodSource("refusedCreates")
    void malformedCreatesGetOpsgeniesFieldErrors(String body, String field) {
        assertThat(refused(OPSGENIE.create(json(body), NONE))).extracting(FieldError::field).contains(field);
    }

    @Test
    void messageAndDescriptionUpdatesAsAlertmanagerSendsThem() {
        var message = accepted(OPSGENIE.message(json("{\"message\":\"[FIRING:2] HighErrorRate checkout\"}")));
        assertThat(message.text()).isEqualTo("[FIRING:2] HighErrorRate checkout");
        assertThat(accepted(OPSGENIE.message(json("{\"message\":\"" + "m".repeat(500) + "\"}"))).text())
                .hasSize(Limits.OPSGENIE_MESSAGE);
        assertThat(refused(OPSGENIE.message(json("{}")))).extracting(FieldError::message)
                .containsExactly("Message can not be empty.");
        var description = accepted(OPSGENIE.description(json("{\"description\":\"" + "d".repeat(30_000) + "\"}")));
        assertThat(description.text()).hasSize(Limits.OPSGENIE_DESCRIPTION);
        assertThat(description.adjustments().list()).extracting(Adjustments.Adjustment::kind)
                .containsExactly(Adjustments.Kind.TRUNCATED);
        // Alertmanager sends {} when its description renders empty; Opsgenie's description is not mandatory.
        assertThat(accepted(OPSGENIE.description(json("{}"))).text()).isNull();
        assertThat(refused(OPSGENIE.description(json("{\"description\":[]}")))).isNotEmpty();
    }

    static Stream<Arguments> identifiers() {
        UUID id = UUID.randomUUID();
        return Stream.of(
                Arguments.of(id.toString(), "id", new Identifier.ById(id)),
                Arguments.of("not-a-uuid", "id", new Identifier.Unknown()),
                Arguments.of("db-disk", "alias", new Identifier.ByAlias("db-disk")),
                Arguments.of("a".repeat(600), "alias", new Identifier.ByAlias(Text.key("a".repeat(600),
                        Limits.OPSGENIE_ALIAS, "alias", null))),
                Arguments.of("1042", "tiny", new Identifier.ByTiny(1042)),
                Arguments.of("abc", "tiny", new Identifier.Unknown()));
    }

    @ParameterizedTest
    @MethodSource("identifiers")
    void identifierTypesIdAliasAndTiny(String identifier, String type, Identifier expected) {
        assertThat(accepted(OpsgenieFormat.identifier(identifier, type))).isEqualTo(expected);
    }

    @Test
    void anUnknownIdentifierTypeIsOpsgeniesValidationError() {
        assertThat(refused(OpsgenieFormat.identifier("x", "name"))).containsExactly(new FieldError("identifierType",
                "should be one of [id, alias, tiny]"));
    }

    @Test
    void acknowledgeAndCloseBodies() {
        assertThat(accepted(OPSGENIE.action(null))).isEqualTo(new OpsgenieFormat.Action(null, null, null));
        assertThat(accepted(OPSGENIE.action(json("{\"source\":\"http://127.0.0.1:9093\"}"))).source())
                .isEqualTo("http://127.0.0.1:9093");
        assertThat(accepted(OPSGENIE.action(json("{\"user\":\"" + "u".repeat(300) + "\"}"))).user())
                .hasSize(Limits.OPSGENIE_USER);
        assertThat(refused(OPSGENIE.action(json("{\"user\":[]}")))).extracting(FieldError::field)
                .containsExactly("user");
    }
}
