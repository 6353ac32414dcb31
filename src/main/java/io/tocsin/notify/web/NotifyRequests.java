package io.tocsin.notify.web;

import java.util.UUID;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.PushKeys;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the notify API. */
final class NotifyRequests {

    private NotifyRequests() {
    }

    /** For PUSH, {@code destination} is the subscription's endpoint and {@code keys} its keys. */
    record NewMethod(@NotNull ContactMethodType type, @Size(max = 100) String name,
            @NotBlank @Size(max = 2000) String destination, @Valid PushKeysBody keys) {
    }

    record PushKeysBody(@Size(max = 100) String p256dh, @Size(max = 40) String auth) {

        PushKeys toKeys() {
            return new PushKeys(p256dh, auth);
        }
    }

    record NewMethodByAdmin(@NotNull ContactMethodType type, @Size(max = 100) String name,
            @NotBlank @Size(max = 2000) String destination, Boolean allowPrivateTarget) {
    }

    record Code(@NotBlank @Size(max = 20) String code) {
    }

    record NewRule(@NotNull UUID contactMethodId, @NotNull Integer delayMinutes) {
    }
}
