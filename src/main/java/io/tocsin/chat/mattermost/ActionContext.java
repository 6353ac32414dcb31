package io.tocsin.chat.mattermost;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.chat.ChatAction;

/**
 * The context of a Mattermost button (pure). Mattermost does not sign the requests it sends when a button is pressed,
 * so the context carries its own HMAC-SHA256 over the action and its value: a request whose context Tocsin did not
 * write (a forged press, an edited value) is refused. The comparison is in constant time.
 */
final class ActionContext {

    private ActionContext() {
    }

    /** What a verified context says. */
    record Verified(ChatAction action, String value) {
    }

    static Map<String, Object> sign(byte[] key, String action, String value) {
        return Map.of("action", action, "value", value, "sig", mac(key, action, value));
    }

    static Optional<Verified> verify(byte[] key, String action, String value, String signature) {
        if (action == null || value == null || signature == null || key.length == 0) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(mac(key, action, value).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
        if (!same) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Verified(ChatAction.valueOf(action), value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String mac(byte[] key, String action, String value) {
        return hmac(key, action + "\n" + value);
    }

    /** Hex HMAC-SHA256 of the text (also for {@link DialogState}). */
    static String hmac(byte[] key, String text) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
