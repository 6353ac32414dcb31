package io.tocsin.identity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The shell around {@link PersonalDataDecision} (issue 15 point 3): gathers what the decision needs for the
 * signed-in viewer once per request (their role, their teams, who is on call now there, whom they are paging about
 * open incidents) and answers per person.
 * Every endpoint that shows someone's e-mail address or phone number asks here.
 */
@Component
public class PersonalData {

    /** Shown instead of hidden contact data: the person is still reached, through Tocsin. */
    public static final String PAGE_THROUGH_TOCSIN = "page through Tocsin";

    private final Identity identity;
    private final ObjectProvider<OnCallNow> onCallNow;
    private final ObjectProvider<IncidentTies> incidentTies;

    PersonalData(Identity identity, ObjectProvider<OnCallNow> onCallNow, ObjectProvider<IncidentTies> incidentTies) {
        this.identity = identity;
        this.onCallNow = onCallNow;
        this.incidentTies = incidentTies;
    }

    /** Whose personal data the current viewer may see; nobody's when nobody is signed in. */
    public Predicate<UUID> visibleToViewer() {
        var viewer = CurrentActor.principal();
        if (viewer.isEmpty()) {
            return id -> false;
        }
        var p = viewer.get();
        // Only a member's answer depends on them; nothing to look up for administrators and stakeholders.
        boolean member = p.role() == Role.RESPONDER;
        Set<UUID> onCall = member ? onCallForTeamsOf(p.userId()) : Set.of();
        Map<UUID, List<PersonalDataDecision.IncidentTie>> ties = member ? tiesOf(p.userId()) : Map.of();
        return id -> PersonalDataDecision.decide(p.role(), p.userId().equals(id), onCall.contains(id),
                ties.getOrDefault(id, List.of())).shown();
    }

    private Map<UUID, List<PersonalDataDecision.IncidentTie>> tiesOf(UUID viewerId) {
        var source = incidentTies.getIfAvailable();
        return source == null ? Map.of() : source.of(viewerId);
    }

    private Set<UUID> onCallForTeamsOf(UUID viewerId) {
        List<UUID> teams = identity.teamsOf(viewerId).stream().map(Team::id).toList();
        var source = onCallNow.getIfAvailable();
        return teams.isEmpty() || source == null ? Set.of() : source.inSchedulesOf(teams);
    }
}
