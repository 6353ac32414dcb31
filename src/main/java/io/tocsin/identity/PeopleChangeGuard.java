package io.tocsin.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.shared.ConflictException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Refuses a team-member removal or a deactivation that would leave a policy's target reaching nobody (409
 * {@code reaches-nobody} naming the targets, policies and services) unless confirmed; a confirmed one is audited,
 * as schedules do for their last layer (issue 15 point 2).
 */
@Component
class PeopleChangeGuard {

    private final ObjectProvider<ReachGuard> guards;
    private final AuditLog audit;

    PeopleChangeGuard(ObjectProvider<ReachGuard> guards, AuditLog audit) {
        this.guards = guards;
        this.audit = audit;
    }

    void require(ReachGuard.PeopleChange change, String what, String entityType, UUID entityId, boolean confirmed) {
        List<ReachGuard.Stranded> stranded = guards.orderedStream().flatMap(g -> g.strandedBy(change).stream())
                .toList();
        if (stranded.isEmpty()) {
            return;
        }
        String named = stranded.stream().map(s -> s.target() + " (policy '" + s.policy() + "' for "
                + s.services().stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
        if (!confirmed) {
            throw new ConflictException("reaches-nobody", "After " + what + " " + named + " would reach nobody."
                    + " Send the change again with confirm=true to make it anyway.", Map.of("usedBy", Map.of(
                            "escalation policies", stranded.stream().map(ReachGuard.Stranded::policy).distinct()
                                    .toList(),
                            "services", stranded.stream().flatMap(s -> s.services().stream()).distinct().toList()),
                            "confirmWith", "confirm=true"));
        }
        audit.record(CurrentActor.get(), "identity.reaches-nobody-confirmed", entityType, entityId,
                what + ": " + named + " reach nobody");
    }
}
