package io.tocsin.identity;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.tocsin.shared.ChangeStamp;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;

/** A group of people who own services and share an on-call duty. */
public class Team {

    @Id
    private UUID id;
    private String name;
    private String description;
    @MappedCollection(idColumn = "team_id")
    private Set<TeamMember> members = new HashSet<>();
    @Embedded.Empty
    private ChangeStamp stamp;
    @Version
    private Long version;

    Team() {
    }

    static Team create(String name, String description, Actor actor, Instant now) {
        var team = new Team();
        team.id = UUID.randomUUID();
        team.name = name;
        team.description = description;
        team.stamp = ChangeStamp.created(actor.userId(), now);
        return team;
    }

    void rename(String name, String description, Actor actor, Instant now) {
        this.name = name;
        this.description = description;
        touch(actor, now);
    }

    /** Adds the user, or changes whether they lead the team when they are already a member. */
    void putMember(UUID userId, boolean lead, Actor actor, Instant now) {
        putMember(userId, lead ? TeamRole.MANAGER : TeamRole.RESPONDER, actor, now);
    }

    /** Adds the user with the role, or changes their role when they are already a member (a manager leads). */
    void putMember(UUID userId, TeamRole role, Actor actor, Instant now) {
        var existing = member(userId);
        members.removeIf(m -> m.userId().equals(userId));
        members.add(new TeamMember(userId, role == TeamRole.MANAGER, existing == null ? now : existing.joinedAt(),
                role));
        touch(actor, now);
    }

    boolean removeMember(UUID userId, Actor actor, Instant now) {
        boolean removed = members.removeIf(m -> m.userId().equals(userId));
        if (removed) {
            touch(actor, now);
        }
        return removed;
    }

    private TeamMember member(UUID userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst().orElse(null);
    }

    private void touch(Actor actor, Instant now) {
        this.stamp = stamp.touched(actor.userId(), now);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Set<TeamMember> members() {
        return Collections.unmodifiableSet(members);
    }

    public boolean hasMember(UUID userId) {
        return member(userId) != null;
    }

    /** The user's role in this team, if they are a member. */
    public java.util.Optional<TeamRole> roleOf(UUID userId) {
        return java.util.Optional.ofNullable(member(userId)).map(TeamMember::role);
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
