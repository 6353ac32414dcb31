package io.tocsin.escalation.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.identity.TeamMember;
import io.tocsin.identity.User;
import io.tocsin.oncall.OnCall;
import org.springframework.stereotype.Component;

/** Turns a level's targets into the people they mean at one instant: each person once, in target order. */
@Component
class TargetResolver {

    private final Identity identity;
    private final OnCall onCall;

    TargetResolver(Identity identity, OnCall onCall) {
        this.identity = identity;
        this.onCall = onCall;
    }

    /** A person to page and why ({@code via}: "user", "schedule Primary", "team Payments"). */
    record Person(UUID userId, String name, String via) {
    }

    List<Person> people(List<Policy.Target> targets, Instant at) {
        var result = new LinkedHashMap<UUID, Person>();
        for (var target : targets) {
            switch (target.type()) {
                case USER -> identity.findUser(target.id()).filter(User::active)
                        .ifPresent(u -> result.putIfAbsent(u.id(), new Person(u.id(), u.name(), "user")));
                case SCHEDULE -> onCall.schedule(target.id()).ifPresent(schedule ->
                        onCall.whoIsOnCall(schedule.id(), at).flatMap(shift -> identity.findUser(shift.userId()))
                                .filter(User::active)
                                .ifPresent(u -> result.putIfAbsent(u.id(),
                                        new Person(u.id(), u.name(), "schedule " + schedule.name()))));
                case TEAM -> identity.findTeam(target.id()).ifPresent(team -> {
                    // Observers read the team's things; managers and responders take its pages.
                    var ids = team.members().stream().filter(m -> m.role().paged()).map(TeamMember::userId).toList();
                    identity.usersById(ids).values().stream().filter(User::active)
                            .sorted(java.util.Comparator.comparing(User::name))
                            .forEach(u -> result.putIfAbsent(u.id(), new Person(u.id(), u.name(), "team " + team.name())));
                });
            }
        }
        return List.copyOf(result.values());
    }
}
