package io.tocsin.chat;

import java.util.Locale;
import java.util.Optional;

/** What a button in a chat message does. */
public enum ChatAction {
    ACKNOWLEDGE, RESOLVE, TAKE, JOIN;

    public String id() {
        return "tocsin_" + name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChatAction> ofId(String id) {
        for (var a : values()) {
            if (a.id().equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
