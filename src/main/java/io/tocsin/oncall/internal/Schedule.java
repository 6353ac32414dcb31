package io.tocsin.oncall.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.oncall.ScheduleRef;
import io.tocsin.oncall.planning.OverrideSpec;
import io.tocsin.oncall.planning.ScheduleDefinition;

/**
 * A team's on-call schedule: a zone and its layers, lowest first. Overrides are kept apart (they are many and
 * made by many people) and joined in when planning.
 */
public final class Schedule {

    private final UUID id;
    private final UUID teamId;
    private String name;
    private String description;
    private ZoneId zone;
    private UUID secondaryOf;
    private List<Layer> layers;
    private final Instant createdAt;
    private Instant updatedAt;
    private UUID updatedBy;
    private final long version;

    Schedule(UUID id, UUID teamId, String name, String description, ZoneId zone, UUID secondaryOf,
            List<Layer> layers, Instant createdAt, Instant updatedAt, UUID updatedBy, long version) {
        this.id = id;
        this.teamId = teamId;
        this.name = name;
        this.description = description;
        this.zone = zone;
        this.secondaryOf = secondaryOf;
        this.layers = List.copyOf(layers);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.version = version;
    }

    static Schedule create(UUID teamId, String name, String description, ZoneId zone, List<Layer> layers,
            Actor actor, Instant now) {
        return new Schedule(UUID.randomUUID(), teamId, name, description, zone, null, layers, now, now,
                actor.userId(), 0);
    }

    void change(String name, String description, ZoneId zone, List<Layer> layers, Actor actor, Instant now) {
        this.name = name;
        this.description = description;
        this.zone = zone;
        this.layers = List.copyOf(layers);
        touch(actor, now);
    }

    void changeLayers(List<Layer> layers, Actor actor, Instant now) {
        this.layers = List.copyOf(layers);
        touch(actor, now);
    }

    void makeSecondaryOf(UUID primary, Actor actor, Instant now) {
        if (id.equals(primary)) {
            throw new IllegalArgumentException("a schedule cannot be its own secondary");
        }
        this.secondaryOf = primary;
        touch(actor, now);
    }

    private void touch(Actor actor, Instant now) {
        this.updatedAt = now;
        this.updatedBy = actor.userId();
    }

    public ScheduleDefinition definition(List<OverrideSpec> overrides) {
        return new ScheduleDefinition(layers.stream().map(Layer::rotation).toList(), overrides);
    }

    public ScheduleRef ref() {
        return new ScheduleRef(id, name, teamId, zone, secondaryOf);
    }

    public boolean hasParticipant(UUID userId) {
        return layers.stream().anyMatch(l -> l.participants().contains(userId));
    }

    public UUID id() {
        return id;
    }

    public UUID teamId() {
        return teamId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public ZoneId zone() {
        return zone;
    }

    public UUID secondaryOf() {
        return secondaryOf;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public UUID updatedBy() {
        return updatedBy;
    }

    public long version() {
        return version;
    }
}
