package io.tocsin.importer.internal;

import java.util.List;
import java.util.Map;

import io.tocsin.importer.ImportSource;
import tools.jackson.databind.JsonNode;

/**
 * Everything an import reads from a source, fetched whole before anything is written: people, teams with their
 * members, schedules (with their rotations or layers) and their overrides still to come, and escalation policies.
 */
public record SourceData(ImportSource source, List<User> users, List<Team> teams, List<JsonNode> schedules,
        Map<String, List<JsonNode>> overrides, List<JsonNode> policies) {

    public SourceData {
        users = List.copyOf(users);
        teams = List.copyOf(teams);
        schedules = List.copyOf(schedules);
        overrides = Map.copyOf(overrides);
        policies = List.copyOf(policies);
    }

    public record User(String id, String name, String email, String timeZone, String locale) {
    }

    public record Team(String id, String name, String description, List<String> memberIds) {

        public Team {
            memberIds = List.copyOf(memberIds);
        }
    }
}
