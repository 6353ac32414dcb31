package io.tocsin.alerts.internal.format;

import static io.tocsin.alerts.internal.format.FormatFixtures.ALERTMANAGER;
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
import io.tocsin.alerts.internal.Members;
import io.tocsin.alerts.internal.SeverityOverrides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Alertmanager webhook v4 and Grafana groups to signals (issues 10 and 17; integrations.md 2 and 4; R4). */
class AlertmanagerFormatTest {

    private static final SeverityOverrides NONE = SeverityOverrides.NONE;
    private static final String CHECKOUT = "97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb";
    private static final String DISK = "e2f8d8f07e7ff3d39084f0f3f57c92fa746be2d101700a0abe3606c64a6075a0";

    static Stream<Arguments> capturedBodies() {
        return Stream.of(
                // fixture, dedup key (= Alertmanager's PagerDuty dedup_key), firing, summary, member
                Arguments.of("webhook-firing.json", CHECKOUT, true,
                        "[FIRING:1] HighErrorRate checkout - 5xx rate above 5% on checkout",
                        new Members.Member("c99eb7baa1f5803c", "firing", "HighErrorRate",
                                Instant.parse("2026-11-22T00:37:21Z"), null)),
                Arguments.of("webhook-resolved.json", CHECKOUT, false, null,
                        new Members.Member("c99eb7baa1f5803c", "resolved", "HighErrorRate",
                                Instant.parse("2026-11-22T00:37:21Z"), Instant.parse("2026-11-22T00:37:24Z"))),
                Arguments.of("webhook-firing.raw.json", DISK, true, "[FIRING:1] DiskFull db - Disk 95% full on db-1",
                        new Members.Member("eaf09244f2c30009", "firing", "DiskFull",
                                Instant.parse("2026-11-22T00:37:35.332833798Z"), null)),
                Arguments.of("webhook-resolved.raw.json", DISK, false, null,
                        new Members.Member("eaf09244f2c30009", "resolved", "DiskFull",
                                Instant.parse("2026-11-22T00:37:35.332833798Z"),
                                Instant.parse("2026-11-22T00:42:35.332833798Z"))));
    }

    @ParameterizedTest
    @MethodSource("capturedBodies")
    void capturedBodiesMapToOneGroupAlertWithTrackedMembers(String fixture, String dedupKey, boolean firing,
            String summary, Members.Member member) {
        var group = accepted(ALERTMANAGER.group(json(fixture(fixture)), "alertmanager", NONE));
        assertThat(group.dedupKey()).isEqualTo(dedupKey);
        assertThat(group.firing()).isEqualTo(firing);
        assertThat(group.members()).containsExactly(member);
        if (!firing) {
            assertThat(group.signal()).isNull();
            return;
        }
        var s = group.signal();
        assertFits(s);
        assertThat(s.summary()).isEqualTo(summary);
        assertThat(s.source()).isEqualTo("http://127.0.0.1:9093");
        assertThat(s.details()).contains("\"receiver\":\"incident-app\"", "\"fingerprint\"");
        assertThat(adjusted(s.details())).isEmpty();
    }

    @Test
    void linksAreTheRunbookAndEachGeneratorUrl() {
        var s = accepted(ALERTMANAGER.group(json(fixture("webhook-firing.json")), "alertmanager", NONE)).signal();
        assertThat(json(s.links()).toString()).isEqualTo("[{\"href\":\"https://runbooks.example.org/checkout/high-error-rate\","
                + "\"text\":\"Runbook\"},{\"href\":\"http://prometheus.example.org:9090/graph?g0.expr=rate%28http_5xx%5B5m%5D%29+%3E+0.05\","
                + "\"text\":\"Source\"}]");
        var raw = accepted(ALERTMANAGER.group(json(fixture("webhook-firing.raw.json")), "alertmanager", NONE))
                .signal();
        assertThat(raw.links()).as("an empty generatorURL is no link").isNull();
    }

    static Stream<Arguments> truncatedAlerts() {
        return Stream.of(
                // truncatedAlerts, expected summary prefix
                Arguments.of("0", "[FIRING:1] "),
                Arguments.of("2", "[FIRING:3] "),
                Arguments.of("\"2\"", "[FIRING:1] "),
                Arguments.of("-4", "[FIRING:1] "),
                Arguments.of("null", "[FIRING:1] "));
    }

    @ParameterizedTest
    @MethodSource("truncatedAlerts")
    void theSummaryCountsAlertsLeftOutOfTheBody(String truncated, String prefix) {
        String body = fixture("webhook-firing.json").replace("\"truncatedAlerts\": 0", "\"truncatedAlerts\": "
                + truncated);
        var s = accepted(ALERTMANAGER.group(json(body), "alertmanager", NONE)).signal();
        assertThat(s.summary()).startsWith(prefix);
    }

    static Stream<Arguments> refusedGroups() {
        return Stream.of(
                Arguments.of("\"groupKey\": \"{}:{alertname=\\\"HighErrorRate\\\", service=\\\"checkout\\\"}\"",
                        "\"groupKey\": \"\"", "groupKey"),
                Arguments.of("\"groupKey\": \"{}:{alertname=\\\"HighErrorRate\\\", service=\\\"checkout\\\"}\"",
                        "\"groupKey\": 7", "groupKey"),
                Arguments.of("\"status\": \"firing\",\n  \"alerts\"", "\"status\": \"pending\",\n  \"alerts\"",
                        "status"),
                Arguments.of("\"alerts\": [", "\"alerts\": {\"x\": [", "alerts"));
    }

    @ParameterizedTest
    @MethodSource("refusedGroups")
    void onlyAGroupThatCannotBeReadIsRefused(String replace, String with, String field) {
        String body = fixture("webhook-firing.json").replace(replace, with);
        if (field.equals("alerts")) {
            body = body.replace("}\n  ],\n  \"groupLabels\"", "}\n  ]},\n  \"groupLabels\"");
        }
        assertThat(body).isNotEqualTo(fixture("webhook-firing.json"));
        assertThat(refused(ALERTMANAGER.group(json(body), "alertmanager", NONE))).extracting(FieldError::field)
                .contains(field);
    }

    static Stream<Arguments> badMembers() {
        return Stream.of(
                // a member that replaces the good one's neighbour, and the note
                Arguments.of("42", "alerts[0]:MEMBER_SKIPPED"),
                Arguments.of("{\"status\":\"firing\",\"labels\":{}}", "alerts[0]:MEMBER_SKIPPED"),
                Arguments.of("{\"status\":\"firing\",\"fingerprint\":7}", "alerts[0]:MEMBER_SKIPPED"),
                Arguments.of("{\"status\":\"pending\",\"fingerprint\":\"ab\"}", "alerts[0]:MEMBER_SKIPPED"),
                Arguments.of("{\"status\":null,\"fingerprint\":\"ab\"}", "alerts[0]:MEMBER_SKIPPED"));
    }

    @ParameterizedTest
    @MethodSource("badMembers")
    void oneBadMemberNeverCostsTheGroupItsGoodOnes(String bad, String note) {
        String body = fixture("webhook-firing.json").replace("\"alerts\": [", "\"alerts\": [" + bad + ",");
        var group = accepted(ALERTMANAGER.group(json(body), "alertmanager", NONE));
        assertThat(group.members()).extracting(Members.Member::fingerprint).containsExactly("c99eb7baa1f5803c");
        assertFits(group.signal());
        assertThat(adjusted(group.signal().details())).contains(note);
    }

    static Stream<Arguments> normalisedMembers() {
        String nul = "\\u0000";
        return Stream.of(
                // field replaced in the fixture's member, replacement, the note
                Arguments.of("\"startsAt\": \"2026-11-22T00:37:21Z\"", "\"startsAt\": \"+999999999-12-31T23:59:59Z\"",
                        "alerts[0].startsAt:DATE_CLAMPED"),
                Arguments.of("\"startsAt\": \"2026-11-22T00:37:21Z\"", "\"startsAt\": \"soon\"",
                        "alerts[0].startsAt:DATE_IGNORED"),
                Arguments.of("\"startsAt\": \"2026-11-22T00:37:21Z\"", "\"startsAt\": 12",
                        "alerts[0].startsAt:DATE_IGNORED"),
                Arguments.of("\"endsAt\": \"0001-01-01T00:00:00Z\"", "\"endsAt\": \"-999999999-01-01T00:00:00Z\"",
                        "alerts[0].endsAt:DATE_CLAMPED"),
                Arguments.of("\"fingerprint\": \"c99eb7baa1f5803c\"", "\"fingerprint\": \"c99e" + nul + "\"",
                        "alerts[0].fingerprint:CHARACTERS_REPLACED"),
                Arguments.of("\"fingerprint\": \"c99eb7baa1f5803c\"", "\"fingerprint\": \"" + "f".repeat(100) + "\"",
                        "alerts[0].fingerprint:KEY_SHORTENED"),
                Arguments.of("\"alertname\": \"HighErrorRate\",\n        \"env\"",
                        "\"alertname\": \"High" + nul + "\",\n        \"env\"",
                        "alerts[0].labels.alertname:CHARACTERS_REPLACED"),
                Arguments.of("\"generatorURL\": \"http://prometheus.example.org",
                        "\"generatorURL\": \"http://" + "g".repeat(100_000), "alerts[0].generatorURL.href:TRUNCATED"),
                Arguments.of("\"summary\": \"5xx rate above 5% on checkout\"\n  },\n  \"externalURL\"",
                        "\"summary\": \"" + "s".repeat(3000) + nul + "\"\n  },\n  \"externalURL\"", "summary:TRUNCATED"),
                Arguments.of("\"severity\": \"critical\"\n  },\n  \"commonAnnotations\"",
                        "\"severity\": \"" + "c".repeat(100) + "\"\n  },\n  \"commonAnnotations\"",
                        "commonLabels.severity:TRUNCATED"),
                Arguments.of("\"externalURL\": \"http://127.0.0.1:9093\"",
                        "\"externalURL\": \"http://" + "e".repeat(1000) + "\"", "externalURL:TRUNCATED"));
    }

    @ParameterizedTest
    @MethodSource("normalisedMembers")
    void contentThatCannotBeStoredAsSentIsNormalisedAndNoted(String replace, String with, String note) {
        String body = fixture("webhook-firing.json").replace(replace, with);
        assertThat(body).isNotEqualTo(fixture("webhook-firing.json"));
        var group = accepted(ALERTMANAGER.group(json(body), "alertmanager", NONE));
        assertFits(group.signal());
        assertThat(group.members()).hasSize(1);
        group.members().forEach(FormatFixtures::assertFits);
        assertThat(adjusted(group.signal().details())).contains(note);
    }

    @Test
    void grafanaTitleIsTheSummaryAndTheSeverityLabelIsMappedByTheIntegration() {
        String body = fixture("webhook-firing.json").replace("\"version\": \"4\"", "\"version\": \"1\", \"orgId\": 1,"
                + " \"title\": \"[FIRING:1] HighErrorRate checkout\", \"state\": \"alerting\"")
                .replace("\"severity\": \"critical\"\n  },\n  \"commonAnnotations\"",
                        "\"severity\": \"page\"\n  },\n  \"commonAnnotations\"");
        var overrides = new SeverityOverrides(Map.of("page", AlertSeverity.CRITICAL), null);
        var s = accepted(ALERTMANAGER.group(json(body), "grafana", overrides)).signal();
        assertThat(s.summary()).isEqualTo("[FIRING:1] HighErrorRate checkout");
        assertThat(s.origin()).isEqualTo("grafana");
        assertThat(s.sourceSeverity()).isEqualTo("page");
        assertThat(s.severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(s.details()).contains("\"orgId\":1");
    }
}
