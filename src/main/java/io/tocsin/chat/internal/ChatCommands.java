package io.tocsin.chat.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.tocsin.chat.ChatAction;
import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.ChatException;
import io.tocsin.chat.ChatMessage;
import io.tocsin.comms.CommsSettings;
import io.tocsin.comms.IncidentChannels;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateDraft;
import io.tocsin.comms.UpdateKind;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.incidents.BuiltInRole;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineEntryKind;
import io.tocsin.notify.Answer;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.AnswerOutcome;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commands and buttons from any chat tool, in tool-neutral form (R3, R21): who (a chat account), where (a room),
 * what. Each runs as the linked Tocsin user in one transaction: it applies whole or not at all, and whatever chat
 * calls it causes are queued in that transaction. Every outcome is a sentence for the person in chat, in their
 * language; nothing here throws at the adapter's endpoint except the tool being unreachable for what must be
 * answered at once (a form).
 */
@Component
public class ChatCommands {

    private static final Logger log = LoggerFactory.getLogger(ChatCommands.class);

    private final ChatRooms rooms;
    private final ChatAccounts accounts;
    private final ChatQueue queue;
    private final RunAs runAs;
    private final Incidents incidents;
    private final IncidentRoles roles;
    private final IncidentChannels channels;
    private final IncidentUpdates updates;
    private final Timeline timeline;
    private final Notifications notifications;
    private final Identity identity;
    private final CommsSettings comms;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate tx;

    ChatCommands(ChatRooms rooms, ChatAccounts accounts, ChatQueue queue, RunAs runAs, Incidents incidents,
            IncidentRoles roles, IncidentChannels channels, IncidentUpdates updates, Timeline timeline,
            Notifications notifications, Identity identity, CommsSettings comms, MessageSource messages, Clock clock,
            PlatformTransactionManager transactions) {
        this.rooms = rooms;
        this.accounts = accounts;
        this.queue = queue;
        this.runAs = runAs;
        this.incidents = incidents;
        this.roles = roles;
        this.channels = channels;
        this.updates = updates;
        this.timeline = timeline;
        this.notifications = notifications;
        this.identity = identity;
        this.comms = comms;
        this.messages = messages;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A command as typed: {@code /tocsin sev 1}. */
    public record Inbound(String accountId, String roomId, String text, String triggerId, String responseUrl) {
    }

    /** What the person sees: {@code visibleToAll} for what the room should see (a severity change). */
    public record Reply(String text, boolean visibleToAll) {
        static Reply quiet(String text) {
            return new Reply(text, false);
        }
    }

    private String t(Locale locale, String code, Object... args) {
        return messages.getMessage(code, args, locale);
    }

    private Locale orgLocale() {
        return comms.getDefaultLocale();
    }

    /** The reply for someone whose chat account is not a Tocsin user. */
    Reply unknownUser(ChatAdapter adapter) {
        return Reply.quiet(t(orgLocale(), "chat.reply.unknown-user", adapter.displayName(),
                channels.incidentUrl("x").replaceAll("/incidents/x$", "/profile")));
    }

    private Optional<User> user(ChatAdapter adapter, String accountId) {
        return tx.execute(s -> accounts.userFor(adapter, accountId));
    }

    public Reply command(ChatAdapter adapter, Inbound in) {
        var line = CommandLine.parse(in.text());
        Optional<User> found;
        try {
            found = user(adapter, in.accountId());
        } catch (ChatException e) {
            log.warn("{}: could not look up account {}: {}", adapter.displayName(), in.accountId(), e.getMessage());
            return Reply.quiet(t(orgLocale(), "chat.reply.tool-unreachable", adapter.displayName()));
        }
        if (found.isEmpty()) {
            log.info("{}: command from unlinked account {} refused", adapter.displayName(), in.accountId());
            return unknownUser(adapter);
        }
        var user = found.get();
        var locale = user.locale();
        if (line.verb().equals("help")) {
            return Reply.quiet(t(locale, "chat.reply.help"));
        }
        if (line.verb().equals("declare")) {
            return declare(adapter, user, line, in);
        }
        var incident = incidentFor(adapter, in.roomId(), line.key());
        if (incident.isEmpty()) {
            return Reply.quiet(line.key() == null ? t(locale, "chat.reply.no-incident-here")
                    : t(locale, "chat.reply.no-such-incident", line.key()));
        }
        var inc = incident.get();
        if (line.verb().equals("status")) {
            return Reply.quiet(channels.topic(inc, locale));
        }
        if (user.role() == Role.STAKEHOLDER) {
            return Reply.quiet(t(locale, "chat.reply.responders-only"));
        }
        if (line.verb().equals("update")) {
            return update(adapter, user, inc, in);
        }
        return apply(user, () -> switch (line.verb()) {
            case "ack", "acknowledge" -> acknowledge(adapter, user, inc);
            case "resolve" -> {
                incidents.resolve(inc.key(), clock.instant(), t(orgLocale(), "chat.via", adapter.displayName()),
                        Incidents.Expect.ANY);
                yield new Reply(t(locale, "chat.reply.resolved", inc.key(), user.name()), true);
            }
            case "sev", "severity" -> severity(adapter, user, inc, line);
            case "role" -> role(adapter, user, inc, line);
            case "im" -> manager(adapter, user, inc, line);
            case "page" -> page(adapter, user, inc, line);
            case "note" -> {
                if (line.rest().isBlank()) {
                    yield Reply.quiet(t(locale, "chat.reply.note-empty"));
                }
                timeline.add(inc, new Timeline.Note(TimelineEntryKind.NOTE, line.rest(), null, null, null, null));
                yield Reply.quiet(t(locale, "chat.reply.noted", inc.key()));
            }
            default -> Reply.quiet(t(locale, "chat.reply.unknown-command", line.verb()));
        }, locale);
    }

    /** Runs a change as the user in one transaction; refusals become the sentence the person reads. */
    private Reply apply(User user, Supplier<Reply> change, Locale locale) {
        try {
            return runAs.user(user.id(), () -> tx.execute(s -> change.get()));
        } catch (InvalidInputException e) {
            return Reply.quiet(t(locale, "chat.reply.refused", e.getMessage()));
        } catch (NotFoundException | ConflictException e) {
            return Reply.quiet(t(locale, "chat.reply.refused", e.getMessage()));
        } catch (AccessDeniedException e) {
            return Reply.quiet(t(locale, "chat.reply.not-allowed", e.getMessage()));
        } catch (ChatException e) {
            return Reply.quiet(t(locale, "chat.reply.tool-unreachable", "chat"));
        }
    }

    Optional<Incident> incidentFor(ChatAdapter adapter, String roomId, String key) {
        if (key != null) {
            return incidents.find(key);
        }
        return roomId == null ? Optional.empty()
                : rooms.incidentOfRoom(adapter.tool(), roomId).flatMap(incidents::find);
    }

    private Reply declare(ChatAdapter adapter, User user, CommandLine line, Inbound in) {
        var locale = user.locale();
        String rest = line.rest();
        if (rest.isBlank() && in.triggerId() != null) {
            try {
                if (adapter.openDeclareForm(in.triggerId(), locale)) {
                    return null;
                }
            } catch (ChatException e) {
                log.warn("{}: declare form did not open: {}", adapter.displayName(), e.getMessage());
                return Reply.quiet(t(locale, "chat.reply.form-failed", adapter.displayName()));
            }
        }
        int severity = 3;
        var m = java.util.regex.Pattern.compile("^(?:sev\\s*)?([123])\\s+(.+)$", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(rest);
        if (m.matches()) {
            severity = Integer.parseInt(m.group(1));
            rest = m.group(2);
        }
        if (rest.isBlank()) {
            return Reply.quiet(t(locale, "chat.reply.declare-usage"));
        }
        return declared(adapter, user, rest, severity, null).reply();
    }

    /** A declaration's outcome: the incident, or the field at fault with its message. */
    public record Declared(Incident incident, String field, Reply reply) {
    }

    public Declared declared(ChatAdapter adapter, User user, String summary, int severity, String description) {
        var locale = user.locale();
        try {
            var incident = runAs.user(user.id(), () -> tx.execute(s -> incidents.declare(new Incident.Declaration(summary,
                    description, null, severity, null, null, null, null, null, adapter.tool(), null, null))));
            return new Declared(incident, null, new Reply(t(locale, "chat.reply.declared", incident.key(),
                    incident.summary(), channels.incidentUrl(incident.key())), true));
        } catch (InvalidInputException e) {
            String field = e.getMessage();
            return new Declared(null, field, Reply.quiet(t(locale, "chat.reply.refused", e.getMessage())));
        }
    }

    /** The declare form came back (Slack view_submission). */
    public Declared declareSubmitted(ChatAdapter adapter, String accountId, String summary, String severity,
            String description) {
        var user = user(adapter, accountId);
        if (user.isEmpty()) {
            return new Declared(null, "summary", unknownUser(adapter));
        }
        int sev;
        try {
            sev = Integer.parseInt(severity == null ? "3" : severity.strip());
        } catch (NumberFormatException e) {
            sev = 0;
        }
        return declared(adapter, user.get(), summary, sev, description == null || description.isBlank() ? null : description);
    }

    private Reply acknowledge(ChatAdapter adapter, User user, Incident inc) {
        var outcome = notifications.answer(new Answer(SubjectType.INCIDENT, inc.id().toString(), inc.key(),
                AnswerAction.ACKNOWLEDGE, user.id(), ContactMethodType.CHAT, null, clock.instant()));
        return new Reply(outcome(user.locale(), outcome, inc.key(), user.name(), AnswerAction.ACKNOWLEDGE),
                outcome == AnswerOutcome.APPLIED);
    }

    String outcome(Locale locale, AnswerOutcome outcome, String key, String name, AnswerAction action) {
        return switch (outcome) {
            case APPLIED -> t(locale, action == AnswerAction.ACKNOWLEDGE ? "chat.reply.acknowledged" : "chat.reply.resolved",
                    key, name);
            case PAGING_STOPPED -> t(locale, "chat.reply.paging-stopped", key, name);
            case ALREADY_DONE -> t(locale, "chat.reply.already-done", key);
            case NOTHING_TO_ANSWER -> t(locale, "chat.reply.nothing-to-answer", key);
        };
    }

    private Reply severity(ChatAdapter adapter, User user, Incident inc, CommandLine line) {
        int to;
        try {
            to = Integer.parseInt(line.rest().replaceFirst("(?i)^sev\\s*", "").strip());
        } catch (NumberFormatException e) {
            return Reply.quiet(t(user.locale(), "chat.reply.severity-usage"));
        }
        if (to < 1 || to > 3) {
            return Reply.quiet(t(user.locale(), "chat.reply.severity-usage"));
        }
        incidents.changeSeverity(inc.key(), to, t(orgLocale(), "chat.via", adapter.displayName()), Incidents.Expect.ANY);
        return new Reply(t(user.locale(), "chat.reply.severity", inc.key(), to, user.name()), true);
    }

    private Reply role(ChatAdapter adapter, User user, Incident inc, CommandLine line) {
        if (line.mentions().size() != 1 || line.mentions().getFirst().team()) {
            return Reply.quiet(t(user.locale(), "chat.reply.role-usage"));
        }
        String asked = line.restWithoutMentions().toLowerCase(Locale.ROOT);
        var role = roles.roles(inc.key(), user.locale()).stream()
                .filter(r -> r.code().equalsIgnoreCase(asked.replace(' ', '-')) || r.name().equalsIgnoreCase(asked))
                .findFirst();
        if (role.isEmpty()) {
            return Reply.quiet(t(user.locale(), "chat.reply.no-such-role", asked));
        }
        var person = person(adapter, line.mentions().getFirst());
        if (person.isEmpty()) {
            return Reply.quiet(t(user.locale(), "chat.reply.no-such-person", describe(line.mentions().getFirst())));
        }
        roles.assign(inc.key(), role.get().code(), person.get().id());
        return new Reply(t(user.locale(), "chat.reply.role", person.get().name(), role.get().name(), inc.key()), true);
    }

    private Reply manager(ChatAdapter adapter, User user, Incident inc, CommandLine line) {
        if (line.mentions().size() != 1 || line.mentions().getFirst().team()) {
            return Reply.quiet(t(user.locale(), "chat.reply.im-usage"));
        }
        var person = person(adapter, line.mentions().getFirst());
        if (person.isEmpty()) {
            return Reply.quiet(t(user.locale(), "chat.reply.no-such-person", describe(line.mentions().getFirst())));
        }
        return takeOver(inc, person.get(), user.locale());
    }

    private Reply takeOver(Incident inc, User to, Locale locale) {
        String im = BuiltInRole.INCIDENT_MANAGER.code();
        if (inc.incidentManagerId() == null) {
            roles.assign(inc.key(), im, to.id());
        } else if (!inc.incidentManagerId().equals(to.id())) {
            roles.handOver(inc.key(), im, inc.incidentManagerId(), to.id());
        } else {
            return Reply.quiet(t(locale, "chat.reply.already-manager", to.name(), inc.key()));
        }
        return new Reply(t(locale, "chat.reply.manager", to.name(), inc.key()), true);
    }

    private Reply page(ChatAdapter adapter, User user, Incident inc, CommandLine line) {
        if (line.mentions().isEmpty()) {
            return Reply.quiet(t(user.locale(), "chat.reply.page-usage"));
        }
        var subject = new Subject(SubjectType.INCIDENT, inc.id().toString(), inc.key(), inc.severity(), inc.summary(),
                channels.incidentUrl(inc.key()));
        var names = new ArrayList<String>();
        for (var mention : line.mentions()) {
            List<User> people;
            if (mention.team()) {
                var team = identity.findTeamByName(mention.name());
                if (team.isEmpty()) {
                    return Reply.quiet(t(user.locale(), "chat.reply.no-such-team", mention.name()));
                }
                people = team.get().members().stream().map(m -> identity.findUser(m.userId()))
                        .flatMap(Optional::stream).filter(User::active).toList();
                names.add(team.get().name());
            } else {
                var person = person(adapter, mention);
                if (person.isEmpty()) {
                    var team = mention.name() == null ? Optional.<io.tocsin.identity.Team>empty()
                            : identity.findTeamByName(mention.name());
                    if (team.isEmpty()) {
                        return Reply.quiet(t(user.locale(), "chat.reply.no-such-person", describe(mention)));
                    }
                    people = team.get().members().stream().map(m -> identity.findUser(m.userId()))
                            .flatMap(Optional::stream).filter(User::active).toList();
                    names.add(team.get().name());
                } else {
                    people = List.of(person.get());
                    names.add(person.get().name());
                }
            }
            String attempt = "chat-page:" + inc.id() + ":" + clock.instant().toEpochMilli();
            for (var p : people) {
                notifications.pageUser(p.id(), subject, attempt + ":" + p.id());
            }
        }
        timeline.recordSystem(inc.id(), inc.key(), "paged-from-chat", List.of(new io.tocsin.incidents.TimelineArg.Text(
                String.join(", ", names)), new io.tocsin.incidents.TimelineArg.Text(adapter.displayName())),
                io.tocsin.identity.CurrentActor.get(), clock.instant());
        return new Reply(t(user.locale(), "chat.reply.paged", String.join(", ", names), inc.key()), true);
    }

    private String describe(CommandLine.Mention m) {
        return m.name() != null ? "@" + m.name() : "<@" + m.accountId() + ">";
    }

    private Optional<User> person(ChatAdapter adapter, CommandLine.Mention m) {
        if (m.accountId() != null) {
            return user(adapter, m.accountId());
        }
        String name = m.name().toLowerCase(Locale.ROOT);
        return identity.users().stream().filter(User::active).filter(u -> u.email().equalsIgnoreCase(name)
                || u.email().toLowerCase(Locale.ROOT).startsWith(name + "@")
                || u.name().toLowerCase(Locale.ROOT).replace(' ', '.').equals(name)
                || u.name().toLowerCase(Locale.ROOT).replace(" ", "").equals(name)).findFirst();
    }

    private Reply update(ChatAdapter adapter, User user, Incident inc, Inbound in) {
        var locale = user.locale();
        // The checklist of an update that says nothing yet but the incident's summary (a blank one is refused).
        var gaps = updates.preview(inc.key(), emptyDraft(locale, inc.summary())).gaps().stream()
                .map(g -> t(locale, "comms.checklist." + g.name())).toList();
        if (in.triggerId() != null) {
            try {
                if (adapter.openUpdateForm(in.triggerId(), inc.key(), inc.summary(), gaps, locale)) {
                    return null;
                }
            } catch (ChatException e) {
                log.warn("{}: update form did not open: {}", adapter.displayName(), e.getMessage());
                return Reply.quiet(t(locale, "chat.reply.form-failed", adapter.displayName()));
            }
        }
        return Reply.quiet(t(locale, "chat.reply.update-link", channels.incidentUrl(inc.key()) + "/updates"));
    }

    private static UpdateDraft emptyDraft(Locale locale, String summary) {
        return new UpdateDraft(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, locale.getLanguage(), summary, null, null, null,
                null, List.of(), List.of(), null, null, List.of(), false);
    }

    /** The update composer came back: posts the update, or names the gaps of the checklist. */
    public Map<String, String> updateSubmitted(ChatAdapter adapter, String accountId, String key, String summary,
            String status, String next, String impact, boolean acknowledgeGaps) {
        var user = user(adapter, accountId);
        if (user.isEmpty()) {
            return Map.of("summary", unknownUser(adapter).text());
        }
        var locale = user.get().locale();
        var draft = new UpdateDraft(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, locale.getLanguage(), summary, impact,
                null, null, null, lines(status), lines(next), null, null, List.of(), acknowledgeGaps);
        try {
            var gaps = updates.preview(key, draft).gaps();
            if (!gaps.isEmpty() && !acknowledgeGaps) {
                return Map.of("gaps", String.join(" ", gaps.stream().map(g -> t(locale, "comms.checklist." + g.name()))
                        .toList()));
            }
            runAs.user(user.get().id(), () -> tx.execute(s -> updates.post(key, draft)));
            return Map.of();
        } catch (InvalidInputException | ConflictException | NotFoundException | AccessDeniedException e) {
            return Map.of("summary", e.getMessage());
        }
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(l -> l.replaceFirst("^[-*•]\\s*", "")).toList();
    }

    /** A button was pressed: on an incident message ({@code value} = key) or on a page ({@code d:<delivery id>}). */
    public Reply button(ChatAdapter adapter, String accountId, ChatAction action, String value, String responseUrl) {
        Optional<User> found;
        try {
            found = user(adapter, accountId);
        } catch (ChatException e) {
            return answered(adapter, responseUrl, Reply.quiet(t(orgLocale(), "chat.reply.tool-unreachable", adapter.displayName())));
        }
        if (value != null && value.startsWith("d:")) {
            return pageButton(adapter, accountId, action, value.substring(2), found, responseUrl);
        }
        if (found.isEmpty()) {
            return answered(adapter, responseUrl, unknownUser(adapter));
        }
        var user = found.get();
        var locale = user.locale();
        var incident = incidents.find(value);
        if (incident.isEmpty()) {
            return answered(adapter, responseUrl, Reply.quiet(t(locale, "chat.reply.no-such-incident", value)));
        }
        var inc = incident.get();
        if (user.role() == Role.STAKEHOLDER && action != ChatAction.JOIN) {
            return answered(adapter, responseUrl, Reply.quiet(t(locale, "chat.reply.responders-only")));
        }
        Reply reply = apply(user, () -> switch (action) {
            case ACKNOWLEDGE -> acknowledge(adapter, user, inc);
            case RESOLVE -> {
                incidents.resolve(inc.key(), clock.instant(), t(orgLocale(), "chat.via", adapter.displayName()),
                        Incidents.Expect.ANY);
                yield new Reply(t(locale, "chat.reply.resolved", inc.key(), user.name()), true);
            }
            case TAKE -> takeOver(inc, user, locale);
            case JOIN -> {
                queue.enqueue(adapter.tool(), ChatTask.Kind.INVITE, inc.id(), Map.of("userId", user.id().toString()));
                yield Reply.quiet(t(locale, "chat.reply.joining", inc.key()));
            }
        }, locale);
        if (responseUrl != null && reply.visibleToAll()) {
            // The original message shows what happened, with the buttons the incident's state still allows.
            tx.executeWithoutResult(s -> queue.enqueue(adapter.tool(), ChatTask.Kind.RESPOND, inc.id(), Map.of(
                    "responseUrl", responseUrl, "replace", "true", "key", inc.key(), "buttons", "true",
                    "text", channels.topic(incidents.get(inc.key()), orgLocale()) + "\n" + reply.text())));
        } else if (responseUrl != null) {
            tx.executeWithoutResult(s -> queue.enqueue(adapter.tool(), ChatTask.Kind.RESPOND, inc.id(), Map.of(
                    "responseUrl", responseUrl, "replace", "false", "text", reply.text())));
        }
        return reply;
    }

    private Reply pageButton(ChatAdapter adapter, String accountId, ChatAction action, String deliveryId,
            Optional<User> user, String responseUrl) {
        var locale = user.map(User::locale).orElse(orgLocale());
        UUID id;
        try {
            id = UUID.fromString(deliveryId);
        } catch (IllegalArgumentException e) {
            return answered(adapter, responseUrl, Reply.quiet(t(locale, "chat.reply.nothing-to-answer", deliveryId)));
        }
        var answer = action == ChatAction.RESOLVE ? AnswerAction.RESOLVE : AnswerAction.ACKNOWLEDGE;
        var outcome = tx.execute(s -> notifications.answerDelivery(id, answer, ContactMethodType.CHAT,
                ChatAccounts.destination(adapter.tool(), accountId)));
        if (outcome == null || outcome.isEmpty()) {
            return answered(adapter, responseUrl, Reply.quiet(t(locale, "chat.reply.not-your-page")));
        }
        var delivery = notifications.delivery(id);
        String text = outcome(locale, outcome.get(), delivery.subjectKey() == null ? delivery.subjectId()
                : delivery.subjectKey(), user.map(User::name).orElse(accountId), answer);
        if (responseUrl != null) {
            tx.executeWithoutResult(s -> queue.enqueue(adapter.tool(), ChatTask.Kind.RESPOND, null, Map.of(
                    "responseUrl", responseUrl, "replace", "true", "text", text)));
        }
        return new Reply(text, true);
    }

    /** A refusal of a button press, also shown to the person who pressed (only to them) through the response URL. */
    private Reply answered(ChatAdapter adapter, String responseUrl, Reply reply) {
        respondLater(adapter, responseUrl, reply.text());
        return reply;
    }

    /** A reaction with the pin emoji: the message goes to the timeline (fetched by the queue's worker). */
    public boolean pinRequested(ChatAdapter adapter, String roomId, String messageRef, String accountId) {
        var incident = rooms.incidentOfRoom(adapter.tool(), roomId);
        if (incident.isEmpty()) {
            return false;
        }
        tx.executeWithoutResult(s -> queue.enqueue(adapter.tool(), ChatTask.Kind.PIN, incident.get(), Map.of(
                "messageRef", messageRef, "accountId", accountId == null ? "" : accountId)));
        return true;
    }

    /** The message shortcut: the message came with the request, so it goes to the timeline at once. */
    public Reply shortcutPin(ChatAdapter adapter, String accountId, String roomId, ChatAdapter.Quoted message) {
        var locale = user(adapter, accountId).map(User::locale).orElse(orgLocale());
        var incident = rooms.incidentOfRoom(adapter.tool(), roomId);
        if (incident.isEmpty()) {
            return Reply.quiet(t(locale, "chat.reply.no-incident-here"));
        }
        var inc = incidents.find(incident.get()).orElseThrow();
        boolean added = tx.execute(s -> rooms.pinToTimeline(adapter, inc.id(), roomId, message.authorAccountId() + ":"
                + (message.at() == null ? "" : message.at().toString()), message, accountId));
        return Reply.quiet(t(locale, added ? "chat.reply.pinned" : "chat.reply.pinned-already", inc.key()));
    }

    /** Answers later through an interaction's response URL, visible to the person only (queued). */
    public void respondLater(ChatAdapter adapter, String responseUrl, String text) {
        if (responseUrl != null && !responseUrl.isBlank()) {
            tx.executeWithoutResult(s -> queue.enqueue(adapter.tool(), ChatTask.Kind.RESPOND, null, Map.of(
                    "responseUrl", responseUrl, "replace", "false", "text", text)));
        }
    }

    /** The buttons of an incident message (for the adapters' own replies). */
    public List<ChatMessage.Button> buttons(Incident incident, Locale locale) {
        return rooms.buttons(incident, locale);
    }
}
