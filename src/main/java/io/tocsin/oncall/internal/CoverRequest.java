package io.tocsin.oncall.internal;

import java.time.Instant;
import java.util.UUID;

import io.tocsin.shared.ConflictException;

/** A person asking the team to cover part of their on-call time; a colleague accepting it makes an override. */
public record CoverRequest(UUID id, UUID scheduleId, UUID requestedBy, Instant start, Instant end, String note,
        Status status, UUID acceptedBy, UUID overrideId, Instant createdAt, Instant resolvedAt, long version) {

    public enum Status {
        OPEN, ACCEPTED, CANCELLED
    }

    CoverRequest accept(UUID colleague, UUID override, Instant now) {
        requireOpen();
        if (colleague.equals(requestedBy)) {
            throw new ConflictException("own-request", "You cannot cover your own request");
        }
        return new CoverRequest(id, scheduleId, requestedBy, start, end, note, Status.ACCEPTED, colleague, override,
                createdAt, now, version);
    }

    CoverRequest cancel(Instant now) {
        requireOpen();
        return new CoverRequest(id, scheduleId, requestedBy, start, end, note, Status.CANCELLED, null, null,
                createdAt, now, version);
    }

    private void requireOpen() {
        if (status != Status.OPEN) {
            throw new ConflictException("cover-request-closed", "This cover request is already " + status
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
