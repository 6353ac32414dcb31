package io.tocsin.chat.internal;

import java.util.ArrayList;
import java.util.List;

import io.tocsin.chat.ChatAction;
import io.tocsin.chat.ChatException;
import io.tocsin.chat.ChatMessage;
import io.tocsin.notify.ChannelException;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.OutgoingMessage;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Pages as chat direct messages (R12): notify's outbox hands over a delivery to a {@code CHAT} contact method
 * ({@code slack:U123}); the tool's adapter sends it with Acknowledge and Resolve buttons that carry the delivery,
 * so the answer comes back through the tool's signed callback and stops the escalation like any other channel.
 * Notify retries what fails here (its outbox, with the tool's {@code Retry-After}).
 */
@Component
class ChatDirectMessages implements NotificationChannel {

    private final ChatRooms rooms;
    private final MessageSource messages;

    ChatDirectMessages(ChatRooms rooms, MessageSource messages) {
        this.rooms = rooms;
        this.messages = messages;
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.CHAT;
    }

    @Override
    public String send(OutgoingMessage m) {
        int colon = m.destination().indexOf(':');
        String tool = colon < 0 ? "" : m.destination().substring(0, colon);
        String account = m.destination().substring(colon + 1);
        var adapter = rooms.adapter(tool).filter(a -> a.configured())
                .orElseThrow(() -> new ChannelException("chat tool " + tool + " is not set up", false));
        var locale = m.locale();
        ChatMessage message;
        if (m.kind() == DeliveryKind.VERIFICATION) {
            message = ChatMessage.of(messages.getMessage("chat.page.verification", new Object[] {m.verificationCode()},
                    locale));
        } else if (m.kind() == DeliveryKind.BUNDLE) {
            var lines = new ArrayList<String>();
            lines.add(messages.getMessage("chat.page.bundle", new Object[] {m.bundled().size()}, locale));
            m.bundled().forEach(b -> lines.add("• " + b.subject().label() + ": " + b.subject().summary()));
            message = ChatMessage.of(String.join("\n", lines));
        } else {
            var s = m.subject();
            String text = messages.getMessage("chat.page.text", new Object[] {s.label(), s.severity() == null ? "-"
                    : s.severity(), s.summary(), s.link()}, locale);
            var ack = rooms.button(ChatAction.ACKNOWLEDGE, "d:" + m.deliveryId(), locale, true);
            var resolve = rooms.button(ChatAction.RESOLVE, "d:" + m.deliveryId(), locale, false);
            message = new ChatMessage(text, List.of(withUrl(ack, m.ackUrl()), withUrl(resolve, m.resolveUrl())));
        }
        try {
            return adapter.directMessage(account, message);
        } catch (ChatException e) {
            throw new ChannelException(e.getMessage(), e.transientFailure(), e.retryAfter());
        }
    }

    private static ChatMessage.Button withUrl(ChatMessage.Button b, String url) {
        return new ChatMessage.Button(b.action(), b.label(), b.value(), b.primary(), url);
    }
}
