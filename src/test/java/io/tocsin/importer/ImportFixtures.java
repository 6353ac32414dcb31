package io.tocsin.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import io.tocsin.importer.internal.Equivalence;
import io.tocsin.importer.internal.MappedSchedule;
import io.tocsin.importer.internal.SourceIds;
import io.tocsin.oncall.ScheduleImport;
import io.tocsin.oncall.TimeRange;
import io.tocsin.oncall.planning.OverrideSpec;
import io.tocsin.oncall.planning.ScheduleDefinition;
import io.tocsin.oncall.planning.ShiftPlanner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realistic data both fakes serve (src/test/resources/importer): nine people in Sydney, Berlin and New York,
 * two teams, follow-the-sun schedules, weekday restrictions, a rotation that changes length on 15 March 2027,
 * overrides across the 2027 daylight-saving changes and multi-level policies with loops.
 */
final class ImportFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Eight weeks across the US (14 March), European (28 March) and Sydney (4 April) switches of 2027. */
    static final Instant CHECK_FROM = Instant.parse("2027-03-01T00:00:00Z");
    static final Instant CHECK_TO = CHECK_FROM.plus(Duration.ofDays(56));
    static final Instant AS_OF = Instant.parse("2026-03-02T08:00:00Z");

    private ImportFixtures() {
    }

    static JsonNode opsgenie() {
        return load("importer/opsgenie.json");
    }

    static JsonNode pagerDuty() {
        return load("importer/pagerduty.json");
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static JsonNode load(String resource) {
        try (InputStream in = ImportFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode byId(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (id.equals(n.get("id").asString())) {
                return n;
            }
        }
        throw new IllegalArgumentException("no " + id);
    }

    static List<JsonNode> list(JsonNode array) {
        var out = new ArrayList<JsonNode>();
        if (array != null) {
            array.forEach(out::add);
        }
        return out;
    }

    static UUID uuid(String kind, String sourceId) {
        return UUID.nameUUIDFromBytes((kind + ":" + sourceId).getBytes(StandardCharsets.UTF_8));
    }

    /** Every source user, schedule and team is known, by a UUID made from its source id. */
    static SourceIds ids(JsonNode data) {
        var users = new TreeSet<String>();
        data.get("users").forEach(u -> users.add(u.get("id").asString()));
        return new SourceIds() {
            @Override
            public UUID user(String id) {
                return users.contains(id) ? uuid("user", id) : null;
            }

            @Override
            public UUID schedule(String id) {
                return id == null ? null : uuid("schedule", id);
            }

            @Override
            public UUID team(String id) {
                return id == null ? null : uuid("team", id);
            }
        };
    }

    /** What the planner makes of a mapped schedule, as entries keyed by user id. */
    static List<Equivalence.Entry> planned(MappedSchedule mapped, Instant from, Instant to) {
        var overrides = new ArrayList<OverrideSpec>();
        for (var o : mapped.overrides()) {
            overrides.add(new OverrideSpec(uuid("override", o.sourceId()), o.userId(), o.start(), o.end()));
        }
        var definition = new ScheduleDefinition(mapped.layers().stream().map(ScheduleImport.Layer::rotation)
                .toList(), overrides);
        return new ShiftPlanner().plan(definition, new TimeRange(from, to)).finalShifts().stream()
                .map(s -> new Equivalence.Entry(s.start(), s.end(), s.userId().toString())).toList();
    }

    /** The vendor's own answer, instant by instant, keyed like {@link #planned}. */
    static List<Equivalence.Entry> expected(Function<Instant, Set<String>> who, Instant from, Instant to) {
        return VendorSemantics.render(at -> {
            var keys = new TreeSet<String>();
            who.apply(at).forEach(id -> keys.add(uuid("user", id).toString()));
            return keys;
        }, from, to);
    }

    /** No reason when {@code reason} is null, else one containing it. */
    static void assertReasons(List<String> reasons, String reason) {
        if (reason == null) {
            org.assertj.core.api.Assertions.assertThat(reasons).isEmpty();
        } else {
            org.assertj.core.api.Assertions.assertThat(reasons).anySatisfy(r -> org.assertj.core.api.Assertions
                    .assertThat(r).contains(reason));
        }
    }

    /**
     * An exact mapping agrees with the vendor at every 15-minute instant of the check; an approximate one shows
     * its approximation somewhere.
     */
    static void assertEquivalence(MappedSchedule mapped, List<Equivalence.Entry> expected) {
        org.assertj.core.api.Assertions.assertThat(expected).as("the vendor's on-call entries").hasSizeGreaterThan(10);
        var differences = Equivalence.compare(expected, planned(mapped, CHECK_FROM, CHECK_TO), CHECK_FROM, CHECK_TO,
                Duration.ofMinutes(15));
        if (mapped.fidelity() == io.tocsin.importer.internal.Fidelity.EXACT) {
            org.assertj.core.api.Assertions.assertThat(differences).as("instants where Tocsin disagrees").isEmpty();
        } else {
            org.assertj.core.api.Assertions.assertThat(differences).as("the approximation shows").isNotEmpty();
        }
    }
}
