package io.tocsin.chat.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.chat.ChatAdapter;
import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which chat account is which Tocsin user (issue 14): linked from the profile, or by e-mail match (the address of
 * the chat profile is a Tocsin user's). A link also gives the user a verified {@code CHAT} contact method (a
 * direct message to that account), which their notification rules can page like any other channel (R12).
 */
@Component
@Transactional
public class ChatAccounts {

    private static final Logger log = LoggerFactory.getLogger(ChatAccounts.class);

    private final JdbcClient jdbc;
    private final Identity identity;
    private final ContactMethods contactMethods;
    private final Clock clock;

    ChatAccounts(JdbcClient jdbc, Identity identity, ContactMethods contactMethods, Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.contactMethods = contactMethods;
        this.clock = clock;
    }

    /** The destination of a direct message to this account in notify: {@code slack:U123}. */
    public static String destination(String tool, String accountId) {
        return tool + ":" + accountId;
    }

    @Transactional(readOnly = true)
    public Optional<UUID> linkedUser(String tool, String accountId) {
        return jdbc.sql("select user_id from chat_account where tool = ? and account_id = ?").params(tool, accountId)
                .query(UUID.class).optional();
    }

    @Transactional(readOnly = true)
    public Optional<String> linkedAccount(String tool, UUID userId) {
        return jdbc.sql("select account_id from chat_account where tool = ? and user_id = ? order by linked_at desc")
                .params(tool, userId).query(String.class).list().stream().findFirst();
    }

    /**
     * The user behind a chat account: linked, or matched now by the e-mail address the tool reports (a call to the
     * tool; its failures propagate). Empty when nobody in Tocsin has that address, or the user is deactivated.
     */
    public Optional<User> userFor(ChatAdapter adapter, String accountId) {
        var linked = linkedUser(adapter.tool(), accountId);
        if (linked.isPresent()) {
            return identity.findUser(linked.get()).filter(User::active);
        }
        if (!adapter.supports(ChatAdapter.Feature.ACCOUNT_BY_EMAIL)) {
            return Optional.empty();
        }
        var user = adapter.emailOf(accountId).flatMap(identity::findByEmail).filter(User::active);
        user.ifPresent(u -> link(adapter, accountId, u.id(), "email"));
        return user;
    }

    /** The account of a user: linked, or found now by their e-mail address. */
    public Optional<String> accountFor(ChatAdapter adapter, UUID userId) {
        var linked = linkedAccount(adapter.tool(), userId);
        if (linked.isPresent() || !adapter.supports(ChatAdapter.Feature.ACCOUNT_BY_EMAIL)) {
            return linked;
        }
        var user = identity.findUser(userId);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        var account = adapter.accountByEmail(user.get().email());
        account.ifPresent(a -> link(adapter, a, userId, "email"));
        return account;
    }

    /** Links the account to the user (idempotent) and gives them the direct-message contact method. */
    public void link(ChatAdapter adapter, String accountId, UUID userId, String how) {
        var current = linkedUser(adapter.tool(), accountId);
        if (current.isPresent() && !current.get().equals(userId)) {
            jdbc.sql("delete from chat_account where tool = ? and account_id = ?").params(adapter.tool(), accountId).update();
        }
        if (current.isEmpty() || !current.get().equals(userId)) {
            try {
                jdbc.sql("insert into chat_account (tool, account_id, user_id, linked_by, linked_at) values (?, ?, ?, ?, ?)")
                        .params(adapter.tool(), accountId, userId, how, Timestamp.from(clock.instant())).update();
            } catch (DuplicateKeyException raced) {
                log.debug("{} account {} linked concurrently", adapter.tool(), accountId);
            }
        }
        String destination = destination(adapter.tool(), accountId);
        boolean hasMethod = contactMethods.methodsOf(userId).stream()
                .anyMatch(m -> m.type() == ContactMethodType.CHAT && m.destination().equals(destination));
        if (!hasMethod && adapter.supports(ChatAdapter.Feature.DIRECT_MESSAGES)) {
            contactMethods.addVouched(userId, new ContactMethods.NewContactMethod(ContactMethodType.CHAT,
                    adapter.displayName() + " " + directMessageWord(identity.user(userId).locale()), destination, false),
                    adapter.displayName() + " account linked by " + how);
        }
    }

    private static String directMessageWord(Locale locale) {
        return "de".equals(locale.getLanguage()) ? "Direktnachricht" : "direct message";
    }
}
