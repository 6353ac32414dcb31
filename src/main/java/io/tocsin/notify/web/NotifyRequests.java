package io.tocsin.notify.web;

import java.util.UUID;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.SubjectType;
import io.tocsin.shared.InvalidInputException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the notify API. */
final class NotifyRequests {

    private NotifyRequests() {
    }

    record NewMethod(@NotNull ContactMethodType type, @Size(max = 100) String name,
            @NotBlank @Size(max = 2000) String destination) {
    }

    record NewMethodByAdmin(@NotNull ContactMethodType type, @Size(max = 100) String name,
            @NotBlank @Size(max = 2000) String destination, Boolean allowPrivateTarget) {
    }

    record Code(@NotBlank @Size(max = 20) String code) {
    }

    record NewRule(@NotNull UUID contactMethodId, @NotNull Integer delayMinutes) {
    }

    /** A subject type as given in a query ({@code alert}, {@code incident}); anything else is refused. */
    static SubjectType subjectType(String code) {
        try {
            return SubjectType.of(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("subjectType", "must be alert, incident or postmortem");
        }
    }
}
