package io.tocsin.escalation.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.identity.Identity;
import io.tocsin.identity.ReachGuard;
import io.tocsin.identity.TeamMember;
import io.tocsin.identity.User;
import io.tocsin.oncall.OnCall;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells identity which targets of assigned policies (a policy some service uses) a team-member removal, a change
 * of team role or a deactivation would leave with nobody (issue 15 point 2): a user target whose user is
 * deactivated, a schedule whose layers would name no active person, a team with no active manager or responder left
 * (observers are not paged), also when its last one becomes an observer. Only targets that reach somebody now
 * count, so a change that strands nothing new goes through without asking.
 */
@Component
class PolicyReachGuard implements ReachGuard {

    private final JdbcClient jdbc;
    private final Identity identity;
    private final OnCall onCall;
    private final Catalog catalog;

    PolicyReachGuard(JdbcClient jdbc, Identity identity, OnCall onCall, Catalog catalog) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.onCall = onCall;
        this.catalog = catalog;
    }

    private record Assigned(String policy, String type, UUID target, UUID serviceId) {
    }

    @Override
    public List<Stranded> strandedBy(PeopleChange change) {
        var assigned = jdbc.sql("""
                select distinct p.name, t.target_type, t.target_id, se.service_id from service_escalation se
                join escalation_policy p on p.id = se.policy_id join escalation_target t on t.policy_id = p.id
                order by p.name""").query((rs, i) -> new Assigned(rs.getString(1), rs.getString(2),
                rs.getObject(3, UUID.class), rs.getObject(4, UUID.class))).list();
        // target words -> policy -> service names
        var found = new LinkedHashMap<String, Map<String, Set<String>>>();
        var verdicts = new LinkedHashMap<String, String>();
        for (var a : assigned) {
            String key = a.type() + ":" + a.target();
            String target = verdicts.computeIfAbsent(key, k -> strandedTarget(a.type(), a.target(), change));
            if (!target.isEmpty()) {
                found.computeIfAbsent(target, t -> new LinkedHashMap<>()).computeIfAbsent(a.policy(),
                        p -> new TreeSet<>()).add(catalog.findService(a.serviceId()).map(Service::name)
                                .orElse(a.serviceId().toString()));
            }
        }
        var out = new ArrayList<Stranded>();
        found.forEach((target, policies) -> policies.forEach((policy, services) -> out.add(new Stranded(target,
                policy, List.copyOf(services)))));
        return out;
    }

    /** The target in words when the change leaves it reaching nobody (and it reaches somebody now), else "". */
    private String strandedTarget(String type, UUID id, PeopleChange change) {
        return switch (Policy.TargetType.valueOf(type)) {
            case USER -> change.deactivation() && id.equals(change.userId()) && identity.findUser(id)
                    .filter(User::active).isPresent() ? "user '" + identity.user(id).name() + "'" : "";
            case SCHEDULE -> {
                var people = onCall.participants(id);
                yield people.contains(change.userId()) && change.deactivation() && strands(people, change)
                        ? "schedule '" + onCall.schedule(id).map(s -> s.name()).orElse(id.toString()) + "'" : "";
            }
            case TEAM -> identity.findTeam(id).filter(t -> t.hasMember(change.userId()) && change.stopsPagedFor(id)
                    && strands(t.members().stream().filter(m -> m.role().paged()).map(TeamMember::userId).toList(),
                            change))
                    .map(t -> "team '" + t.name() + "'").orElse("");
        };
    }

    /** Whether somebody among {@code people} is active now and nobody once {@code change.userId()} is gone. */
    private boolean strands(Collection<UUID> people, PeopleChange change) {
        var active = identity.usersById(people).values().stream().filter(User::active).map(User::id).toList();
        return !active.isEmpty() && active.stream().allMatch(change.userId()::equals);
    }
}
