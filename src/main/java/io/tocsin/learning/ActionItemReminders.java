package io.tocsin.learning;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.learning.internal.LearningMailer;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Fires when an action item becomes overdue: its owner gets a reminder, and another each day it stays overdue. */
@Component
class ActionItemReminders implements TimerHandler {

    private final ActionItems items;
    private final Identity identity;
    private final LearningMailer mailer;
    private final MessageSource messages;
    private final Clock clock;

    ActionItemReminders(ActionItems items, Identity identity, LearningMailer mailer, MessageSource messages,
            Clock clock) {
        this.items = items;
        this.identity = identity;
        this.mailer = mailer;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return ActionItems.DUE_TIMER;
    }

    @Override
    public void fire(Timer timer) {
        var item = items.find(UUID.fromString(timer.key())).orElse(null);
        if (item == null || item.status().finished()) {
            return;
        }
        var now = clock.instant();
        if (now.isBefore(items.overdueFrom(item.dueOn()))) {
            return;
        }
        var owner = identity.findUser(item.ownerId()).filter(User::active).stream().toList();
        String label = item.incidentKey() == null ? "" : "[" + item.incidentKey() + "] ";
        var about = mailer.about(item.incidentId() == null ? "action-item" : "incident",
                item.incidentId() == null ? item.id().toString() : item.incidentId().toString(),
                item.incidentKey(), null, item.title(), mailer.actionItemsUrl());
        mailer.queue("learning:item-overdue:" + item.id() + ":" + timer.dueAt().toEpochMilli(), DeliveryKind.REMINDER,
                about, owner, locale -> new LearningMailer.Mail(label + msg("learning.mail.item-overdue.subject", locale),
                        msg("learning.mail.item-overdue.body", locale, item.title(), item.dueOn().toString())
                                + "\n\n" + mailer.actionItemsUrl(), java.util.List.of()));
        items.remindAgain(item, now);
    }

    private String msg(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, code, locale);
    }
}
