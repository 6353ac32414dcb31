package io.tocsin.escalation.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.IncidentTies;
import io.tocsin.identity.PersonalDataDecision.IncidentTie;
import io.tocsin.incidents.IncidentInvolvement;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers identity's "whom is this viewer paging about incidents" (issue 15 point 3): for each open incident the
 * viewer works (incidents' roles), everyone on it: the people escalation paged about it, the people given a role
 * there and those who took one themselves (not paged). Only gathers facts; {@code PersonalDataDecision} decides
 * what they mean.
 */
@Component
class PagingTies implements IncidentTies {

    private final IncidentInvolvement involvement;
    private final RunStore runs;

    PagingTies(IncidentInvolvement involvement, RunStore runs) {
        this.involvement = involvement;
        this.runs = runs;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, List<IncidentTie>> of(UUID viewerId) {
        var ties = new LinkedHashMap<UUID, List<IncidentTie>>();
        for (var incident : involvement.openIncidentsWorkedBy(viewerId)) {
            var paged = runs.pagedAbout(incident.incidentId());
            var people = new HashSet<>(paged);
            people.addAll(incident.givenRoleByThem());
            people.addAll(incident.givenRoleByOthers());
            people.addAll(incident.tookRoleThemselves());
            people.remove(viewerId);
            for (UUID person : people) {
                boolean reached = paged.contains(person) || incident.givenRoleByThem().contains(person)
                        || incident.givenRoleByOthers().contains(person);
                // The query only returns open incidents: that is the first fact.
                ties.computeIfAbsent(person, p -> new ArrayList<>()).add(new IncidentTie(true, reached,
                        incident.holdsRole(), incident.givenRoleByThem().contains(person)));
            }
        }
        return ties;
    }
}
