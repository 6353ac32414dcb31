package io.tocsin.escalation;

import java.util.Optional;
import java.util.UUID;

import io.tocsin.escalation.internal.BusinessHoursStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access for other modules (the SLA clocks, issue 16) to the business hours and holidays escalation keeps per
 * service (R13), so there is one calendar per service, edited in one place.
 */
@Component
@Transactional(readOnly = true)
public class BusinessCalendars {

    private final BusinessHoursStore store;

    BusinessCalendars(BusinessHoursStore store) {
        this.store = store;
    }

    /** The service's business hours; empty when the service has none (then it is always open). */
    public Optional<BusinessHours> ofService(UUID serviceId) {
        return serviceId == null ? Optional.empty() : store.of(serviceId);
    }
}
