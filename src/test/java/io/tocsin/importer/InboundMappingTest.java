package io.tocsin.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.tocsin.alerts.AlertSourceImport.Format;
import io.tocsin.importer.internal.Fidelity;
import io.tocsin.importer.internal.InboundMapping;
import io.tocsin.importer.internal.SourceData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which source integrations and heartbeats become Tocsin's, how, and on which service (issue 20 point 2, R4, R14):
 * a table of the vendors' types.
 */
class InboundMappingTest {

    private static final String PD_KEY = "5c0d2e8f1a7b4c3d9e6f0a1b2c3d4e5f";

    static Stream<Arguments> integrations() {
        return Stream.of(
                // source, type, key, enabled, team, format, keeps key, fidelity, reason
                Arguments.of(ImportSource.PAGERDUTY, "events_api_v2_inbound_integration", PD_KEY, true, null,
                        Format.PAGERDUTY, true, Fidelity.EXACT, null),
                Arguments.of(ImportSource.PAGERDUTY, "events_api_v2_inbound_integration", null, true, null,
                        Format.PAGERDUTY, false, Fidelity.APPROXIMATE, "PagerDuty did not show the integration key"),
                Arguments.of(ImportSource.PAGERDUTY, "generic_events_api_inbound_integration", PD_KEY, true, null,
                        null, false, Fidelity.UNMAPPABLE, "Events API v1: Tocsin takes Events API v2"),
                Arguments.of(ImportSource.PAGERDUTY, "generic_email_inbound_integration", null, true, null, null,
                        false, Fidelity.UNMAPPABLE, "an e-mail integration"),
                Arguments.of(ImportSource.PAGERDUTY, "nagios_inbound_integration", null, true, null, null, false,
                        Fidelity.UNMAPPABLE, "PagerDuty integration type 'nagios_inbound_integration' has no Tocsin"),
                Arguments.of(ImportSource.OPSGENIE, "API", null, true, "og-team-platform", Format.OPSGENIE, false,
                        Fidelity.EXACT, "a new key"),
                Arguments.of(ImportSource.OPSGENIE, "Prometheus", null, true, "og-team-platform", Format.OPSGENIE,
                        false, Fidelity.EXACT, "a new key"),
                Arguments.of(ImportSource.OPSGENIE, "Grafana", null, true, "og-team-platform", Format.OPSGENIE,
                        false, Fidelity.EXACT, "a new key"),
                Arguments.of(ImportSource.OPSGENIE, "API", null, false, "og-team-platform", null, false,
                        Fidelity.UNMAPPABLE, "disabled in Opsgenie"),
                Arguments.of(ImportSource.OPSGENIE, "Nagios", null, true, "og-team-platform", null, false,
                        Fidelity.UNMAPPABLE, "Opsgenie integration type 'Nagios' has no Tocsin counterpart"),
                Arguments.of(ImportSource.OPSGENIE, "API", null, true, null, null, false, Fidelity.UNMAPPABLE,
                        "belongs to no team"));
    }

    @ParameterizedTest(name = "{0} {1} (enabled {3}, team {4}): {5} {7}")
    @MethodSource("integrations")
    void integrationsMapByType(ImportSource source, String type, String key, boolean enabled, String team,
            Format format, boolean keepsKey, Fidelity fidelity, String reason) {
        var in = new SourceData.Inbound("I1", "Sender", type, source == ImportSource.PAGERDUTY ? "S1" : null, team,
                key, enabled);
        var mapped = InboundMapping.integration(source, in);
        assertThat(mapped.format()).isEqualTo(format);
        assertThat(mapped.keepsKey()).isEqualTo(keepsKey);
        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
        assertThat(in.toString()).as("a printed integration never shows its key").doesNotContain(PD_KEY);
    }

    static Stream<Arguments> heartbeats() {
        return Stream.of(
                Arguments.of(Duration.ofMinutes(10), true, "og-team-platform", Fidelity.EXACT, "armed by its first"
                        + " ping: point the job at the new URL, then it alerts after 10 minutes without one"),
                Arguments.of(Duration.ofDays(1), true, "og-team-platform", Fidelity.EXACT, "1440 minutes"),
                Arguments.of(Duration.ofMinutes(10), false, "og-team-platform", Fidelity.UNMAPPABLE,
                        "disabled in Opsgenie"),
                Arguments.of(Duration.ofDays(40), true, "og-team-platform", Fidelity.UNMAPPABLE,
                        "Tocsin heartbeats take 1 minute to 31 days"),
                Arguments.of(Duration.ZERO, true, "og-team-platform", Fidelity.UNMAPPABLE,
                        "expects a ping every 0 minutes"),
                Arguments.of(Duration.ofMinutes(10), true, null, Fidelity.UNMAPPABLE, "belongs to no team"));
    }

    @ParameterizedTest(name = "every {0}, enabled {1}, team {2}: {3}")
    @MethodSource("heartbeats")
    void heartbeatsMapByInterval(Duration interval, boolean enabled, String team, Fidelity fidelity, String reason) {
        var mapped = InboundMapping.heartbeat(new SourceData.Heartbeat("backup", null, interval, enabled, team));
        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
    }

    @Test
    void anOpsgenieServiceIsPutOnItsTeamsOnlyEscalation() {
        var escalations = List.of(ImportFixtures.json("{\"id\":\"e1\",\"name\":\"Payments\",\"ownerTeam\":"
                        + "{\"id\":\"pay\"}}"),
                ImportFixtures.json("{\"id\":\"e2\",\"name\":\"Platform\",\"ownerTeam\":{\"id\":\"plat\"}}"),
                ImportFixtures.json("{\"id\":\"e3\",\"name\":\"Platform nights\",\"ownerTeam\":"
                        + "{\"id\":\"plat\"}}"));
        var one = InboundMapping.escalationOf("pay", "Payments", escalations);
        assertThat(one.escalationId()).isEqualTo("e1");
        assertThat(one.fidelity()).isEqualTo(Fidelity.APPROXIMATE);
        assertThat(one.reasons()).containsExactly("Opsgenie routes team Payments's alerts by its routing rules; the"
                + " service is put on the team's only escalation, 'Payments'");
        var several = InboundMapping.escalationOf("plat", "Platform", escalations);
        assertThat(several.escalationId()).isNull();
        assertThat(several.reasons()).singleElement().asString().startsWith("team Platform owns 2 escalations");
        var none = InboundMapping.escalationOf("sec", "Security", escalations);
        assertThat(none.escalationId()).isNull();
        assertThat(none.reasons()).isEmpty();
    }

    @Test
    void aTeamsIntegrationGoesOnItsServiceTheFirstByNameOrOneNamedAfterTheTeam() {
        var services = List.of(new SourceData.Service("s2", "Reports", null, "pay", null),
                new SourceData.Service("s1", "Checkout", null, "pay", null),
                new SourceData.Service("s3", "Platform API", null, "plat", null));
        var several = InboundMapping.serviceOf("pay", "Payments", services);
        assertThat(several.serviceSourceId()).isEqualTo("s1");
        assertThat(several.reasons()).containsExactly("team Payments has 2 services; on the first, 'Checkout'");
        var one = InboundMapping.serviceOf("plat", "Platform", services);
        assertThat(one.serviceSourceId()).isEqualTo("s3");
        assertThat(one.reasons()).isEmpty();
        var none = InboundMapping.serviceOf("sec", "Security", services);
        assertThat(none.serviceSourceId()).isNull();
        assertThat(none.name()).isEqualTo("Security");
        assertThat(none.reasons()).containsExactly("team Security has no service in Opsgenie; on the Tocsin service"
                + " 'Security'");
    }
}
