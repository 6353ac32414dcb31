package io.tocsin.alerts.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A way into one service for one tool, with its own secret key (stored hashed). {@code severity} is the
 * integration's own severity mapping; {@code signatureHeader} and {@code timestampHeader} name Grafana's HMAC
 * headers when the user chose other names than the defaults (null: the defaults). {@code allowedSenders} are the
 * senders an e-mail integration takes mail from (addresses or {@code @domain}, lower case; empty: everyone).
 */
public record Integration(UUID id, UUID serviceId, String name, IntegrationKind kind, String keyHint,
        String signingSecret, Integer rateLimitPerMinute, SeverityOverrides severity, String signatureHeader,
        String timestampHeader, List<String> allowedSenders, Instant createdAt, Instant keyRotatedAt, long version) {

    /** Whether mail from this sender is taken: the list is empty, names the address, or names its {@code @domain}. */
    public boolean allowsSender(String address) {
        if (allowedSenders.isEmpty()) {
            return true;
        }
        if (address == null) {
            return false;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        return allowedSenders.contains(a) || (at > 0 && allowedSenders.contains(a.substring(at)));
    }
}
