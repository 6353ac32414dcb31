package io.tocsin.chat.mattermost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The state of a Mattermost dialog (pure): which form, for whom, and what it is about (the incident key or the
 * language), with Tocsin's HMAC-SHA256 over all three. Mattermost echoes the state with the submission but signs
 * nothing, and the person's client sees the state, so the signature binds the dialog to the account that opened it:
 * a submission claiming another account, or another form, is refused. Compared in constant time.
 */
final class DialogState {

    private DialogState() {
    }

    static String sign(byte[] key, String callbackId, String account, String extra) {
        return extra + "|" + mac(key, callbackId + "\n" + account + "\n" + extra);
    }

    /** The extra part (incident key or language) when the state is genuine for this form and account. */
    static Optional<String> verify(byte[] key, String callbackId, String account, String state) {
        if (state == null || account == null || account.isBlank()) {
            return Optional.empty();
        }
        int bar = state.lastIndexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        String extra = state.substring(0, bar);
        boolean same = MessageDigest.isEqual(mac(key, callbackId + "\n" + account + "\n" + extra)
                .getBytes(StandardCharsets.UTF_8), state.substring(bar + 1).getBytes(StandardCharsets.UTF_8));
        return same ? Optional.of(extra) : Optional.empty();
    }

    private static String mac(byte[] key, String text) {
        return ActionContext.hmac(key, text);
    }
}
