package io.tocsin.sla.internal;

import java.time.Duration;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.incidents.Priority;
import io.tocsin.sla.SlaCalendar;
import io.tocsin.sla.SlaMetric;

/**
 * Targets for incidents of one priority (issue 16 point 1), for every incident of that priority or only for one
 * service or one product: minutes to acknowledge and to resolve (either may be absent), the calendar they count on,
 * the warning threshold, and optionally the escalation policy a breach pages (otherwise the incident manager on
 * call).
 */
@Schema(name = "SlaPolicy")
public record SlaPolicy(UUID id, String name, Priority priority, UUID serviceId, UUID productId,
        Integer acknowledgeMinutes, Integer resolveMinutes, SlaCalendar calendar, int warningPercent,
        UUID escalationPolicyId, long version) {

    /** The target for the metric, if this policy sets one. */
    public Duration target(SlaMetric metric) {
        Integer minutes = metric == SlaMetric.ACKNOWLEDGE ? acknowledgeMinutes : resolveMinutes;
        return minutes == null ? null : Duration.ofMinutes(minutes);
    }

    /** How specifically the policy applies: a service's beats a product's beats the priority's own. */
    int specificity() {
        return serviceId != null ? 3 : productId != null ? 2 : 1;
    }
}
