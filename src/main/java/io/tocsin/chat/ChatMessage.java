package io.tocsin.chat;

import java.util.List;

/**
 * A message as every chat tool gets it: plain text (with the tool-neutral {@code *bold*} and links as
 * {@code <url|label>}, which each adapter renders its own way) and buttons. A button's {@code action} is one of
 * {@link ChatAction}; its {@code value} says what it acts on (an incident key, or {@code d:<delivery id>} on a page).
 * A page's buttons also carry notify's signed answer link ({@code url}) for tools that can only open links
 * (Teams through a Workflows webhook); tools with callbacks ignore it.
 */
public record ChatMessage(String text, List<Button> buttons) {

    public ChatMessage {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    public static ChatMessage of(String text) {
        return new ChatMessage(text, List.of());
    }

    public record Button(ChatAction action, String label, String value, boolean primary, String url) {

        public Button(ChatAction action, String label, String value, boolean primary) {
            this(action, label, value, primary, null);
        }
    }
}
