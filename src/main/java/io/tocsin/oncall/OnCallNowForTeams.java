package io.tocsin.oncall;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.tocsin.identity.OnCallNow;
import org.springframework.stereotype.Component;

/** Identity's question "who is on call now for these teams" (issue 15 point 3), answered from final shifts. */
@Component
class OnCallNowForTeams implements OnCallNow {

    private final OnCall onCall;
    private final Clock clock;

    OnCallNowForTeams(OnCall onCall, Clock clock) {
        this.onCall = onCall;
        this.clock = clock;
    }

    @Override
    public Set<UUID> inSchedulesOf(Collection<UUID> teamIds) {
        var schedules = new HashSet<UUID>();
        for (UUID team : teamIds) {
            onCall.schedulesOfTeam(team).forEach(s -> schedules.add(s.id()));
        }
        var people = new HashSet<UUID>();
        onCall.whoIsOnCall(schedules, clock.instant()).values().forEach(shift -> people.add(shift.userId()));
        return people;
    }
}
