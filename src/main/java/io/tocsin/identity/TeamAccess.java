package io.tocsin.identity;

import java.util.Optional;
import java.util.UUID;

import io.tocsin.shared.PermissionDenied;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Applies {@link TeamAccessDecision} to the signed-in caller (issue 15 point 2): the configuration services call
 * {@link #require} before they change a team's things, and the API's security chain calls {@link #refusal} for
 * the owner it found from the path. Outside a request (timers, Tocsin's own work) there is no caller to limit.
 */
@Component
public class TeamAccess {

    private final TeamRepository teams;
    // Looked up when asked: the modules' owners use this class themselves.
    private final ObjectProvider<TeamOwned> owned;

    TeamAccess(TeamRepository teams, ObjectProvider<TeamOwned> owned) {
        this.teams = teams;
        this.owned = owned;
    }

    /** Throws a 403 naming the permission unless the current caller holds it on things of this team. */
    public void require(TeamPermission needed, UUID owningTeamId, String what) {
        var me = CurrentActor.principal();
        if (me.isPresent()) {
            var refused = refusal(me.get(), needed, owningTeamId, what);
            if (refused.isPresent()) {
                throw refused.get();
            }
        }
    }

    /** The 403 for this caller, or empty when the decision allows it. */
    public Optional<PermissionDenied> refusal(TocsinPrincipal caller, TeamPermission needed, UUID owningTeamId,
            String what) {
        var team = owningTeamId == null ? Optional.<Team>empty() : teams.findById(owningTeamId);
        var verdict = TeamAccessDecision.decide(caller.role(), needed, team.isPresent(),
                team.flatMap(t -> t.roleOf(caller.userId())));
        if (verdict.allowed()) {
            return Optional.empty();
        }
        String on = team.map(t -> " on team " + t.name()).orElse(" (no owning team)");
        return Optional.of(new PermissionDenied(needed.code(), (needed == TeamPermission.CONFIGURE ? "Changing "
                : "Working the shifts of ") + what + " needs " + needed.code() + on
                + ": " + verdict.reason()));
    }

    /** The owner of a thing of this kind, for the security chain (empty: unknown kind or no such thing). */
    public Optional<TeamOwned.Owner> ownerOf(String kind, UUID id) {
        return owned.orderedStream().filter(o -> o.kind().equals(kind)).findFirst().flatMap(o -> o.ownerOf(id));
    }
}
