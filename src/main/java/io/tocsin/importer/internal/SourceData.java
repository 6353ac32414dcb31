package io.tocsin.importer.internal;

import java.util.List;
import java.util.Map;

import io.tocsin.importer.ImportSource;
import tools.jackson.databind.JsonNode;

/**
 * Everything an import reads from a source, fetched whole before anything is written: people, teams with their
 * members, schedules (with their rotations or layers) and their overrides still to come, escalation policies,
 * each person's contact methods by the person's source id, services (issue 20 point 2), the integrations alerts
 * come in through, and heartbeats.
 */
public record SourceData(ImportSource source, List<User> users, List<Team> teams, List<JsonNode> schedules,
        Map<String, List<JsonNode>> overrides, List<JsonNode> policies, Map<String, List<Contact>> contacts,
        List<Service> services, List<Inbound> integrations, List<Heartbeat> heartbeats) {

    public SourceData {
        users = List.copyOf(users);
        teams = List.copyOf(teams);
        schedules = List.copyOf(schedules);
        overrides = Map.copyOf(overrides);
        policies = List.copyOf(policies);
        contacts = Map.copyOf(contacts);
        services = List.copyOf(services);
        integrations = List.copyOf(integrations);
        heartbeats = List.copyOf(heartbeats);
    }

    /**
     * A service: PagerDuty's with its escalation policy, Opsgenie's ({@code GET /v1/services}) without one;
     * {@code teamId} the owning team's source id (null: none).
     */
    public record Service(String id, String name, String description, String teamId, String policyId) {
    }

    /**
     * A way alerts come in: a PagerDuty service's integration ({@code serviceId}; {@code key} is the Events API v2
     * {@code integration_key}, the routing key its senders send) or an Opsgenie team's integration ({@code teamId};
     * no key: Opsgenie does not hand out its keys, so Tocsin makes new ones). {@code type} is the source's own.
     */
    public record Inbound(String id, String name, String type, String serviceId, String teamId, String key,
            boolean enabled) {

        @Override
        public String toString() {
            // Never the key, should this record be printed or logged.
            return "Inbound[" + id + ", " + name + ", " + type + "]";
        }
    }

    /** An Opsgenie heartbeat: its name (the ping URL's last part), interval and owning team. */
    public record Heartbeat(String name, String description, java.time.Duration interval, boolean enabled,
            String teamId) {
    }

    /**
     * One of a person's contact methods as the source names it: {@code kind} is the source's own type (Opsgenie's
     * {@code method}, PagerDuty's {@code type}), {@code address} the e-mail address or the phone number in
     * international form.
     */
    public record Contact(String id, String kind, String address) {
    }

    public record User(String id, String name, String email, String timeZone, String locale) {
    }

    public record Team(String id, String name, String description, List<String> memberIds) {

        public Team {
            memberIds = List.copyOf(memberIds);
        }
    }
}
