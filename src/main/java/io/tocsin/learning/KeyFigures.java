package io.tocsin.learning;

import java.time.Duration;

/**
 * The figures a postmortem shows (issue 12, R26): times from the impact's start to detection, acknowledgement
 * (an incident manager took it), mitigation (the entry tagged {@link KeyMoment#REPAIR}) and resolution; how long
 * customers were affected; pages and people paged; responders and their hours; support tickets; affected
 * customers. Unknown values are null.
 */
public record KeyFigures(Duration timeToDetect, Duration timeToAcknowledge, Duration timeToMitigate,
        Duration timeToResolve, Duration customerImpact, long pagesSent, long peoplePaged, int responders,
        Duration responderTime, long supportTickets, String affectedCustomers) {
}
