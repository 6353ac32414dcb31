package io.tocsin.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One e-mail to one address, queued in notify's outbox: {@code kind} and {@code about} say what it is and what it
 * concerns (the delivery log shows and filters by them), {@code content} is rendered by the caller in the
 * recipient's language. {@code what} names the message (e.g. {@code comms:update:<update id>}); together with the
 * recipient it is the idempotency key, so the same message reaches each address once however often it is queued.
 * {@code notBefore} null means now.
 */
public record MailRequest(String what, DeliveryKind kind, Subject about, MailRecipient to, MailContent content,
        Instant notBefore) {

    public static final int MAX_WHAT = 200;

    public MailRequest {
        if (what == null || what.isBlank() || what.length() > MAX_WHAT) {
            throw new IllegalArgumentException("what a mail is needs a name of 1 to " + MAX_WHAT + " characters");
        }
        if (kind == null || !kind.mail()) {
            throw new IllegalArgumentException("a mail's kind must be one of the mail kinds, not " + kind);
        }
        if (about == null || to == null || content == null) {
            throw new IllegalArgumentException("a mail needs what it is about, a recipient and content");
        }
    }

    public static MailRequest now(String what, DeliveryKind kind, Subject about, MailRecipient to, MailContent content) {
        return new MailRequest(what, kind, about, to, content, null);
    }

    /** {@code mail:<what>:<address>}, the address hashed where it would make the key too long. */
    public String idempotencyKey() {
        String key = "mail:" + what + ":" + to.normalized();
        return key.length() <= DeliveryRequest.MAX_KEY ? key : "mail:" + what + ":sha256:" + sha256(to.normalized());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
