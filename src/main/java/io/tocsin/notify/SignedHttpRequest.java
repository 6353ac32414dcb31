package io.tocsin.notify;

import java.util.Objects;

/**
 * A JSON body to POST to a URL through the outbox (issue 11 point 6: webhook subscribers of a status page), signed
 * like every Tocsin webhook: {@code X-Tocsin-Timestamp: <unix seconds>} and {@code X-Tocsin-Signature: v1=<hex
 * HMAC-SHA256 of "v1:<timestamp>:<body>" with secret>}, plus {@code X-Tocsin-Event} and {@code X-Tocsin-Delivery}.
 * Queued once per {@code idempotencyKey}. {@code echo}, when set, is a challenge the answer's body must contain
 * for the delivery to count as sent (a subscription's confirmation ping); {@code privateTargetAllowed} lets it
 * reach private and loopback addresses (tests, or an administrator's explicit setting).
 */
public record SignedHttpRequest(String idempotencyKey, DeliveryKind kind, Subject about, String url, String event,
        String body, String secret, boolean privateTargetAllowed, String echo) {

    public SignedHttpRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secret, "secret");
    }
}
