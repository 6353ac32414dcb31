package io.tocsin.escalation.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.Run;

/** JSON shapes of the escalation API. */
final class EscalationViews {

    private EscalationViews() {
    }

    record PolicyView(UUID id, String name, String description, int repeatCount, List<LevelView> levels, long version,
            List<UUID> services) {

        static PolicyView of(Policy p, List<UUID> services) {
            return new PolicyView(p.id(), p.name(), p.description(), p.repeatCount(),
                    p.levels().stream().map(l -> new LevelView(l.timeoutMinutes(), l.targets())).toList(), p.version(),
                    services);
        }
    }

    record LevelView(int timeoutMinutes, List<Policy.Target> targets) {
    }

    record RunView(UUID id, String kind, String subjectType, String subjectId, String subjectKey, Integer severity,
            String summary, String link, UUID serviceId, UUID incidentId, UUID policyId, String status, int level,
            int round, int attempt, Instant startedAt, Instant nextStepAt, Instant answeredAt, UUID answeredBy,
            String answeredByName, String answeredVia, Instant endedAt, String endReason, List<PageView> pages,
            String deliveryLog) {

        static RunView of(Run r, List<Run.Page> pages) {
            var s = r.subject();
            return new RunView(r.id(), r.kind().name(), s.type(), s.id(), s.key(), s.severity(), s.summary(), s.link(),
                    r.serviceId(), r.incidentId(), r.policyId(), r.status().name(), r.levelIndex() + 1, r.cycle() + 1,
                    r.attempt() + 1, r.startedAt(), r.nextStepAt(), r.answeredAt(), r.answeredBy(), r.answeredByName(),
                    r.answeredVia(), r.endedAt(), r.endReason(), pages.stream().map(PageView::of).toList(),
                    "/api/v1/notify/deliveries?subjectType=" + s.type() + "&subjectId=" + s.id());
        }
    }

    record PageView(int round, int level, UUID userId, String name, String via, Instant firstPagedAt, int attempts,
            boolean reachable) {

        static PageView of(Run.Page p) {
            return new PageView(p.cycle() + 1, p.levelIndex() + 1, p.userId(), p.userName(), p.via(), p.firstPagedAt(),
                    p.attempts(), p.reachable());
        }
    }

    record AnswerView(String outcome, RunView run) {
    }
}
