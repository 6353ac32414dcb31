package io.tocsin.notify;

import java.util.UUID;

/**
 * Reach this person through this contact method this many minutes after they are paged. {@code active}: the
 * method is verified and not opted out, so the rule takes effect.
 */
public record NotificationRule(UUID id, UUID userId, UUID contactMethodId, ContactMethodType type,
        String contactMethodName, int delayMinutes, boolean active) {
}
