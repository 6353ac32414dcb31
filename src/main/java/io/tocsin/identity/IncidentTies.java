package io.tocsin.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whom a viewer is paging about incidents (issue 15 point 3), asked by {@link PersonalData}: for each person tied to
 * the viewer through an open incident the viewer works (holds a role on, or gave someone a role on), how. The
 * escalation module answers it, since it knows both who was paged and (through the incidents module) who holds
 * which role; identity declares it so that it need not depend on those modules (they depend on identity).
 */
public interface IncidentTies {

    /** The people tied to the viewer, each with one tie per incident; people without a tie are left out. */
    Map<UUID, List<PersonalDataDecision.IncidentTie>> of(UUID viewerId);
}
