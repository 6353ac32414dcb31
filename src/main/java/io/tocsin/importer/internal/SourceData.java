package io.tocsin.importer.internal;

import java.util.List;
import java.util.Map;

import io.tocsin.importer.ImportSource;
import tools.jackson.databind.JsonNode;

/**
 * Everything an import reads from a source, fetched whole before anything is written: people, teams with their
 * members, schedules (with their rotations or layers) and their overrides still to come, escalation policies, and
 * each person's contact methods by the person's source id.
 */
public record SourceData(ImportSource source, List<User> users, List<Team> teams, List<JsonNode> schedules,
        Map<String, List<JsonNode>> overrides, List<JsonNode> policies, Map<String, List<Contact>> contacts) {

    public SourceData {
        users = List.copyOf(users);
        teams = List.copyOf(teams);
        schedules = List.copyOf(schedules);
        overrides = Map.copyOf(overrides);
        policies = List.copyOf(policies);
        contacts = Map.copyOf(contacts);
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
