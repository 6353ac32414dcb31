package io.tocsin.importer.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tocsin.alerts.AlertSourceImport.Format;
import io.tocsin.importer.ImportSource;
import io.tocsin.importer.internal.pagerduty.PagerDutyClient;

/**
 * How a source's integrations and heartbeats become Tocsin's (issue 20 point 2), and on which service. Pure: the
 * importer applies the answers.
 *
 * <ul>
 * <li>A PagerDuty Events API v2 integration becomes a Tocsin PagerDuty integration that takes the same routing
 * key: the sender only swaps the host. Events API v1, e-mail and vendor-specific types have no counterpart.</li>
 * <li>An Opsgenie integration whose senders call Opsgenie's Alert API ({@code API}, {@code Prometheus} for
 * Alertmanager's {@code opsgenie_configs}, {@code Grafana}) becomes a Tocsin Opsgenie integration with a new key
 * (Opsgenie does not hand out its keys) on the team's service; disabled ones and other types are not imported.</li>
 * <li>An Opsgenie heartbeat becomes a Tocsin heartbeat with the same interval and no grace (Opsgenie's expires
 * after one interval without a ping) on the team's service.</li>
 * </ul>
 */
public final class InboundMapping {

    /** Opsgenie integration types whose senders call the Alert API with a GenieKey. */
    static final Set<String> OPSGENIE_ALERT_API = Set.of("api", "prometheus", "grafana");
    static final Duration SHORTEST_HEARTBEAT = Duration.ofMinutes(1);
    static final Duration LONGEST_HEARTBEAT = Duration.ofDays(31);

    private InboundMapping() {
    }

    /** {@code format} null: not imported, the reasons say why; {@code keepsKey}: the sender's key stays. */
    public record Mapped(Format format, boolean keepsKey, Fidelity fidelity, List<String> reasons) {

        public Mapped {
            reasons = List.copyOf(reasons);
        }
    }

    public static Mapped integration(ImportSource source, SourceData.Inbound in) {
        String type = in.type() == null ? "" : in.type();
        if (source == ImportSource.PAGERDUTY) {
            return switch (type) {
                case PagerDutyClient.EVENTS_V2 -> in.key() == null || in.key().isBlank()
                        ? new Mapped(Format.PAGERDUTY, false, Fidelity.APPROXIMATE, List.of("PagerDuty did not show"
                                + " the integration key; Tocsin made a new one to paste into the sender"))
                        : new Mapped(Format.PAGERDUTY, true, Fidelity.EXACT, List.of());
                case "generic_events_api_inbound_integration" -> unmappable("Events API v1: Tocsin takes Events API"
                        + " v2 (/v2/enqueue); move the sender to v2 and give it a Tocsin PagerDuty integration");
                case "generic_email_inbound_integration" -> unmappable("an e-mail integration: add a Tocsin e-mail"
                        + " integration to the service by hand");
                default -> unmappable("PagerDuty integration type '" + type + "' has no Tocsin counterpart");
            };
        }
        if (!in.enabled()) {
            return unmappable("disabled in Opsgenie; not imported");
        }
        if (!OPSGENIE_ALERT_API.contains(type.toLowerCase(Locale.ROOT))) {
            return unmappable("Opsgenie integration type '" + type + "' has no Tocsin counterpart (Tocsin takes"
                    + " Opsgenie's Alert API, PagerDuty Events v2, Alertmanager and Grafana webhooks)");
        }
        if (in.teamId() == null) {
            return unmappable("belongs to no team, so there is no service to put it on");
        }
        return new Mapped(Format.OPSGENIE, false, Fidelity.EXACT, List.of("a new key: paste the URL and the key"
                + " into the sender (Opsgenie's keys cannot be read)"));
    }

    /** A heartbeat: {@code format} is unused, null when it is not imported. */
    public static Mapped heartbeat(SourceData.Heartbeat h) {
        if (!h.enabled()) {
            return unmappable("disabled in Opsgenie; not imported");
        }
        if (h.interval().compareTo(SHORTEST_HEARTBEAT) < 0 || h.interval().compareTo(LONGEST_HEARTBEAT) > 0) {
            return unmappable("expects a ping every " + h.interval().toMinutes() + " minutes; Tocsin heartbeats take"
                    + " 1 minute to 31 days");
        }
        if (h.teamId() == null) {
            return unmappable("belongs to no team, so there is no service to put it on");
        }
        return new Mapped(Format.OPSGENIE, false, Fidelity.EXACT, List.of("armed by its first ping: point the job"
                + " at the new URL, then it alerts after " + h.interval().toMinutes() + " minutes without one"));
    }

    /**
     * The service an Opsgenie team's integration or heartbeat goes on: the team's service (the first by name when
     * it has several, named), else a service named after the team (null {@code serviceSourceId}).
     */
    public record TeamService(String serviceSourceId, String name, List<String> reasons) {

        public TeamService {
            reasons = List.copyOf(reasons);
        }
    }

    public static TeamService serviceOf(String teamId, String teamName, List<SourceData.Service> services) {
        var mine = services.stream().filter(s -> teamId.equals(s.teamId()) && s.name() != null)
                .sorted(Comparator.comparing(SourceData.Service::name)).toList();
        var reasons = new ArrayList<String>();
        if (mine.isEmpty()) {
            reasons.add("team " + teamName + " has no service in Opsgenie; on the Tocsin service '" + teamName + "'");
            return new TeamService(null, teamName, reasons);
        }
        if (mine.size() > 1) {
            reasons.add("team " + teamName + " has " + mine.size() + " services; on the first, '"
                    + mine.getFirst().name() + "'");
        }
        return new TeamService(mine.getFirst().id(), mine.getFirst().name(), reasons);
    }

    /**
     * The escalation an Opsgenie service's alerts reach: Opsgenie routes a team's alerts by the team's routing
     * rules (not read), whose default sends everything to the team's own escalation; a team owning exactly one
     * escalation is taken to route there. {@code escalationId} null: none to assign, {@code reasons} say why when
     * the team owns several.
     */
    public record TeamEscalation(String escalationId, Fidelity fidelity, List<String> reasons) {

        public TeamEscalation {
            reasons = List.copyOf(reasons);
        }
    }

    public static TeamEscalation escalationOf(String teamId, String teamName,
            List<tools.jackson.databind.JsonNode> escalations) {
        var owned = escalations.stream().filter(e -> teamId != null && teamId.equals(Json.text(e, "ownerTeam", "id")))
                .toList();
        if (owned.isEmpty()) {
            return new TeamEscalation(null, Fidelity.UNMAPPABLE, List.of());
        }
        if (owned.size() > 1) {
            return new TeamEscalation(null, Fidelity.UNMAPPABLE, List.of("team " + teamName + " owns " + owned.size()
                    + " escalations; Opsgenie's routing rules pick one, which the import does not read: assign one"
                    + " by hand"));
        }
        return new TeamEscalation(Json.text(owned.getFirst(), "id"), Fidelity.APPROXIMATE, List.of("Opsgenie routes"
                + " team " + teamName + "'s alerts by its routing rules; the service is put on the team's only"
                + " escalation, '" + Json.text(owned.getFirst(), "name") + "'"));
    }

    private static Mapped unmappable(String reason) {
        return new Mapped(null, false, Fidelity.UNMAPPABLE, List.of(reason));
    }
}
