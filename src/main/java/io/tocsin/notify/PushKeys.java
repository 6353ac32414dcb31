package io.tocsin.notify;

/**
 * The keys of a browser's push subscription as {@code PushSubscription.toJSON()} gives them: {@code p256dh}, the
 * device's P-256 public key, and {@code auth}, its 16-byte secret, both unpadded base64url.
 */
public record PushKeys(String p256dh, String auth) {
}
