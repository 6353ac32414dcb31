package io.tocsin.notify;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Everything a channel needs to render and send one delivery. {@code bundled} lists the pages a BUNDLE stands
 * for; {@code ackUrl}/{@code resolveUrl} carry signed single-use tokens (e-mail, webhook); {@code gatherUrl} is
 * where a voice keypress is posted; {@code replyRef} is the number an SMS reply may quote ({@code ack 12}).
 */
public record OutgoingMessage(UUID deliveryId, DeliveryKind kind, ContactMethodType channel, String destination,
        String webhookSecret, boolean privateTargetAllowed, String recipientName, Locale locale, ZoneId zone,
        Subject subject, Integer replyRef, List<BundledPage> bundled, String verificationCode, String ackUrl,
        String resolveUrl, String gatherUrl) {

    public OutgoingMessage {
        bundled = bundled == null ? List.of() : List.copyOf(bundled);
    }

    /** One page inside a bundle. */
    public record BundledPage(Subject subject, Integer replyRef) {
    }
}
