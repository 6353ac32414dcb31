package io.tocsin.escalation.web;

import io.tocsin.escalation.BusinessHours;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.escalation.internal.PagingRoute;
import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.Preview;
import io.tocsin.escalation.internal.Run;

/** JSON shapes of the escalation API. */
final class EscalationViews {

    private EscalationViews() {
    }

    record PolicyView(UUID id, String name, String description, int repeatCount, List<LevelView> levels, long version,
            List<UUID> services, UUID teamId) {

        static PolicyView of(Policy p, List<UUID> services) {
            return new PolicyView(p.id(), p.name(), p.description(), p.repeatCount(),
                    p.levels().stream().map(l -> new LevelView(l.timeoutMinutes(), l.attempts(), l.targets())).toList(),
                    p.version(),
                    services, p.teamId());
        }
    }

    record LevelView(int timeoutMinutes, int attempts, List<Policy.Target> targets) {
    }

    record RunView(UUID id, String kind, String subjectType, String subjectId, String subjectKey, Integer severity,
            String summary, String link, UUID serviceId, UUID incidentId, UUID policyId, String status, int level,
            int round, int attempt, Instant startedAt, Instant nextStepAt, Instant answeredAt, UUID answeredBy,
            String answeredByName, String answeredVia, Instant endedAt, String endReason, List<PageView> pages,
            String deliveryLog) {

        static RunView of(Run r, List<Run.Page> pages) {
            var s = r.subject();
            return new RunView(r.id(), r.kind().name(), s.type().code(), s.id(), s.key(), s.severity(), s.summary(), s.link(),
                    r.serviceId(), r.incidentId(), r.policyId(), r.status().name(), r.levelIndex() + 1, r.cycle() + 1,
                    r.attempt() + 1, r.startedAt(), r.nextStepAt(), r.answeredAt(), r.answeredBy(), r.answeredByName(),
                    r.answeredVia(), r.endedAt(), r.endReason(), pages.stream().map(PageView::of).toList(),
                    "/api/v1/notify/deliveries?subjectType=" + s.type().code() + "&subjectId=" + s.id());
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

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    /** An instant in UTC and on the service's wall clock ({@code 2027-03-08T09:00:00+01:00}). */
    record Moment(Instant utc, String local) {

        static Moment of(Instant instant, ZoneId zone) {
            return instant == null ? null : new Moment(instant, instant.atZone(zone).format(LOCAL));
        }
    }

    /**
     * A service's business hours at one instant (R13). Without business hours ({@code configured} false) a service
     * is always open for escalation, so {@code open} is true and there is no next opening or closing.
     */
    record BusinessHoursStateView(UUID serviceId, boolean configured, String timeZone, Moment at, boolean open,
            boolean holiday, Moment nextOpening, Moment nextClosing) {

        static BusinessHoursStateView of(UUID serviceId, Optional<BusinessHours> hours, Instant at) {
            if (hours.isEmpty()) {
                return new BusinessHoursStateView(serviceId, false, null, new Moment(at, null), true, false, null,
                        null);
            }
            var zone = hours.get().zone();
            var state = hours.get().stateAt(at);
            return new BusinessHoursStateView(serviceId, true, zone.getId(), Moment.of(at, zone), state.open(),
                    state.holiday(), Moment.of(state.nextOpening().orElse(null), zone),
                    Moment.of(state.nextClosing().orElse(null), zone));
        }
    }

    /**
     * What an alert of a severity arriving at an instant would do on a service: the route ({@code POLICY},
     * {@code TEAM}, or {@code NONE} when nobody would be paged), how long it waits for business hours, and the
     * levels from then on, with whoever is on call at that time.
     */
    record AlertPreviewView(UUID serviceId, String serviceName, Instant at, int severity, String route,
            UUID policyId, UUID teamId, String routeName, boolean waitsForBusinessHours, Instant pagingStartsAt,
            String waitDuration, long waitMinutes, BusinessHoursStateView businessHours, List<Preview.LevelPlan> levels) {

        static AlertPreviewView of(Preview.AlertPreview p) {
            var route = p.route();
            return new AlertPreviewView(p.serviceId(), p.serviceName(), p.arrives(), p.severity(),
                    route.map(r -> r.kind().name()).orElse("NONE"), route.map(PagingRoute::policyId).orElse(null),
                    route.map(PagingRoute::teamId).orElse(null), p.routeName(),
                    route.map(PagingRoute::waits).orElse(false), route.map(PagingRoute::startsAt).orElse(null),
                    p.waits().toString(), p.waits().toMinutes(),
                    BusinessHoursStateView.of(p.serviceId(), p.businessHours(), p.arrives()), p.levels());
        }
    }
}
