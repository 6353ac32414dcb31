package io.tocsin.chat.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.chat.ChatAction;
import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.ChatMessage;
import io.tocsin.comms.CommsEvents;
import io.tocsin.comms.CommsSettings;
import io.tocsin.comms.IncidentChannels;
import io.tocsin.identity.Actor;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentEvents;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.RoleEvents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineEntryKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident's side of chat (R17, R21): every incident lifecycle event becomes queued calls for every configured
 * chat tool, written in the incident change's own transaction (an insert; nothing is sent there, so a chat outage
 * cannot fail the change). The queue's worker then runs them here: a room named from the pattern ({@code {key}}
 * gives {@code inc-42}), its topic kept equal to the generated topic ({@link IncidentChannels}), people in roles
 * invited (matched by e-mail), key events mirrored, the room archived on close (configurable), pinned messages
 * copied to the timeline. Later calls of an incident wait until its room exists.
 */
@Component
class ChatRooms implements ChatQueue.Runner {

    private static final Logger log = LoggerFactory.getLogger(ChatRooms.class);

    private final ChatQueue queue;
    private final Map<String, ChatAdapter> adapters = new HashMap<>();
    private final ChatSettings settings;
    private final ChatAccounts accounts;
    private final Incidents incidents;
    private final IncidentRoles roles;
    private final IncidentChannels channels;
    private final Timeline timeline;
    private final CommsSettings comms;
    private final MessageSource messages;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final RunAs runAs;

    ChatRooms(RunAs runAs, ChatQueue queue, List<ChatAdapter> adapters, ChatSettings settings, ChatAccounts accounts,
            Incidents incidents, IncidentRoles roles, IncidentChannels channels, Timeline timeline, CommsSettings comms,
            MessageSource messages, JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.runAs = runAs;
        this.queue = queue;
        adapters.forEach(a -> this.adapters.put(a.tool(), a));
        this.settings = settings;
        this.accounts = accounts;
        this.incidents = incidents;
        this.roles = roles;
        this.channels = channels;
        this.timeline = timeline;
        this.comms = comms;
        this.messages = messages;
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        queue.runWith(this);
    }

    Optional<ChatAdapter> adapter(String tool) {
        return Optional.ofNullable(adapters.get(tool));
    }

    private List<ChatAdapter> configured() {
        return adapters.values().stream().filter(ChatAdapter::configured).toList();
    }

    private void each(UUID incidentId, ChatTask.Kind kind, Map<String, Object> payload) {
        for (var adapter : configured()) {
            queue.enqueue(adapter.tool(), kind, incidentId, payload);
        }
    }

    // --- the incident lifecycle, queued in the change's transaction ---

    @EventListener
    void on(IncidentEvents.Declared e) {
        each(e.incidentId(), ChatTask.Kind.ROOM, Map.of());
    }

    @EventListener
    void on(CommsEvents.RoomTopicChanged e) {
        each(e.incidentId(), ChatTask.Kind.TOPIC, Map.of());
    }

    @EventListener
    void on(RoleEvents.RoleAssigned e) {
        each(e.incidentId(), ChatTask.Kind.INVITE, Map.of("userId", e.userId().toString()));
        each(e.incidentId(), ChatTask.Kind.POST, post("role", e.userName(), e.roleName() == null
                ? "#role." + e.roleCode() + ".name" : e.roleName(), e.actor()));
    }

    @EventListener
    void on(IncidentEvents.SeverityChanged e) {
        each(e.incidentId(), ChatTask.Kind.POST, post("severity", e.from(), e.to(), e.reason() == null ? "" : e.reason(),
                e.actor()));
    }

    @EventListener
    void on(IncidentEvents.StatusChanged e) {
        if (e.to() == IncidentStatus.RESOLVED) {
            each(e.incidentId(), ChatTask.Kind.POST, post("resolved", e.actor()));
        } else if (e.to() == IncidentStatus.FIXING && e.from() == IncidentStatus.RESOLVED) {
            each(e.incidentId(), ChatTask.Kind.POST, post("reopened", e.actor()));
        } else if (e.to() == IncidentStatus.CLOSED) {
            each(e.incidentId(), ChatTask.Kind.POST, post("closed", e.actor()));
            for (var adapter : configured()) {
                if (settings.flag(adapter.tool(), "archive-on-close", true) && adapter.supports(ChatAdapter.Feature.ARCHIVE)) {
                    queue.enqueue(adapter.tool(), ChatTask.Kind.ARCHIVE, e.incidentId(), Map.of());
                }
            }
        }
    }

    @EventListener
    void on(CommsEvents.UpdatePosted e) {
        each(e.incidentId(), ChatTask.Kind.POST, Map.of("code", "update", "updateId", e.updateId().toString(),
                "args", List.of(e.audience().name())));
    }

    private static Map<String, Object> post(String code, Object... argsAndActor) {
        var args = new ArrayList<Object>();
        String actor = null;
        for (Object a : argsAndActor) {
            if (a instanceof Actor actorArg) {
                actor = actorArg.name();
            } else {
                args.add(a == null ? "" : a.toString());
            }
        }
        var payload = new HashMap<String, Object>();
        payload.put("code", code);
        payload.put("args", args);
        payload.put("actor", actor == null ? "Tocsin" : actor);
        return payload;
    }

    // --- running the queued calls ---

    record RoomRow(String roomId, String name, String introRef, boolean archived) {
    }

    Optional<RoomRow> room(UUID incidentId, String tool) {
        return jdbc.sql("select channel_id, channel_name, intro_ref, archived_at from chat_room where incident_id = ? and tool = ?")
                .params(incidentId, tool)
                .query((rs, n) -> new RoomRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null))
                .optional();
    }

    /** The incident whose room this is. */
    Optional<UUID> incidentOfRoom(String tool, String roomId) {
        return jdbc.sql("select incident_id from chat_room where tool = ? and channel_id = ?").params(tool, roomId)
                .query(UUID.class).optional();
    }

    @Override
    public void run(ChatTask task) {
        var adapter = adapter(task.tool()).orElseThrow(() -> io.tocsin.chat.ChatException.permanent("no_adapter",
                "no chat adapter " + task.tool()));
        if (task.kind() == ChatTask.Kind.ROOM) {
            createRoom(adapter, task.incidentId());
            return;
        }
        if (task.kind() == ChatTask.Kind.RESPOND) {
            adapter.respond(task.text("responseUrl"), message(task), Boolean.parseBoolean(task.text("replace")));
            return;
        }
        var room = room(task.incidentId(), adapter.tool());
        if (room.isEmpty()) {
            boolean creating = jdbc.sql("select count(*) from chat_task where incident_id = ? and tool = ? and kind = 'ROOM'"
                    + " and status = 'PENDING'").params(task.incidentId(), adapter.tool()).query(Long.class).single() > 0;
            if (creating) {
                throw new ChatQueue.Deferred("waiting for the room");
            }
            log.debug("No {} room for incident {}: {} skipped", adapter.tool(), task.incidentId(), task.kind());
            return;
        }
        var r = room.get();
        if (r.archived() && task.kind() != ChatTask.Kind.ARCHIVE) {
            return;
        }
        switch (task.kind()) {
            case TOPIC -> setTopic(adapter, task.incidentId(), r.roomId());
            case INVITE -> {
                // A tool that can only post (Teams through webhooks) has nobody to invite: its channel is open.
                if (adapter.supports(ChatAdapter.Feature.INVITE)) {
                    accounts(adapter, List.of(UUID.fromString(task.text("userId"))))
                            .forEach(a -> adapter.invite(r.roomId(), List.of(a)));
                }
            }
            case POST -> {
                String ref = adapter.post(r.roomId(), postMessage(task));
                if (Boolean.parseBoolean(task.text("buttons"))) {
                    jdbc.sql("update chat_room set intro_ref = ? where incident_id = ? and tool = ?")
                            .params(ref, task.incidentId(), adapter.tool()).update();
                }
            }
            case ARCHIVE -> {
                adapter.archive(r.roomId());
                jdbc.sql("update chat_room set archived_at = ? where incident_id = ? and tool = ?")
                        .params(Timestamp.from(clock.instant()), task.incidentId(), adapter.tool()).update();
            }
            case PIN -> pin(adapter, task, r);
            default -> throw new IllegalStateException(task.kind().name());
        }
    }

    private void createRoom(ChatAdapter adapter, UUID incidentId) {
        if (room(incidentId, adapter.tool()).isPresent() || !adapter.supports(ChatAdapter.Feature.ROOMS)) {
            return;
        }
        var incident = incidents.find(incidentId).orElse(null);
        if (incident == null) {
            return;
        }
        String pattern = settings.get(adapter.tool(), "room-pattern", "{key}");
        String name = pattern.replace("{key}", incident.key()).replace("{number}", Long.toString(incident.number()))
                .toLowerCase(Locale.ROOT);
        var created = adapter.createRoom(name);
        try {
            jdbc.sql("insert into chat_room (incident_id, tool, channel_id, channel_name, created_at) values (?, ?, ?, ?, ?)")
                    .params(incidentId, adapter.tool(), created.id(), created.name(), Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException raced) {
            log.warn("{} room for {} recorded twice; keeping the first", adapter.tool(), incident.key());
            return;
        }
        log.info("{} room #{} ({}) created for {}", adapter.displayName(), created.name(), created.id(), incident.key());
        // What follows is queued, each retried on its own: a failing invitation does not recreate the room.
        tx.executeWithoutResult(s -> {
            queue.enqueue(adapter.tool(), ChatTask.Kind.TOPIC, incidentId, Map.of());
            var people = new LinkedHashSet<UUID>();
            if (incident.declaredBy() != null) {
                people.add(incident.declaredBy());
            }
            roles.active(incidentId).forEach(a -> people.add(a.userId()));
            people.forEach(p -> queue.enqueue(adapter.tool(), ChatTask.Kind.INVITE, incidentId, Map.of("userId", p.toString())));
            var intro = new HashMap<String, Object>(post("declared", incident.severity(), incident.summary(),
                    channels.incidentUrl(incident.key()), incident.declaredByName()));
            intro.put("buttons", true);
            queue.enqueue(adapter.tool(), ChatTask.Kind.POST, incidentId, intro);
        });
    }

    private void setTopic(ChatAdapter adapter, UUID incidentId, String roomId) {
        if (!adapter.supports(ChatAdapter.Feature.TOPIC)) {
            return;
        }
        var incident = incidents.find(incidentId).orElseThrow();
        String topic = channels.topic(incident, comms.getDefaultLocale());
        int limit = adapter.topicLimit();
        if (topic.length() > limit) {
            topic = topic.substring(0, limit - 1) + "…";
        }
        adapter.setTopic(roomId, topic);
        jdbc.sql("update chat_room set topic = ? where incident_id = ? and tool = ?").params(topic, incidentId,
                adapter.tool()).update();
    }

    private List<String> accounts(ChatAdapter adapter, List<UUID> users) {
        var result = new ArrayList<String>();
        for (var u : users) {
            tx.execute(s -> accounts.accountFor(adapter, u)).ifPresentOrElse(result::add,
                    () -> log.info("{}: no account for user {}; not invited", adapter.displayName(), u));
        }
        return result;
    }

    private void pin(ChatAdapter adapter, ChatTask task, RoomRow room) {
        String ref = task.text("messageRef");
        var quoted = adapter.message(room.roomId(), ref);
        if (quoted.isEmpty()) {
            log.info("{} message {} in {} is gone; nothing pinned", adapter.displayName(), ref, room.roomId());
            return;
        }
        var q = quoted.get();
        tx.executeWithoutResult(s -> pinToTimeline(adapter, task.incidentId(), room.roomId(), ref, q,
                task.text("accountId")));
    }

    /** Copies a chat message to the timeline once (a second pin of it is ignored). */
    boolean pinToTimeline(ChatAdapter adapter, UUID incidentId, String roomId, String ref, ChatAdapter.Quoted q,
            String byAccount) {
        try {
            jdbc.sql("insert into chat_pinned (tool, channel_id, message_ref, incident_id, pinned_at) values (?, ?, ?, ?, ?)")
                    .params(adapter.tool(), roomId, ref, incidentId, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException again) {
            return false;
        }
        var incident = incidents.find(incidentId).orElseThrow();
        var locale = comms.getDefaultLocale();
        String author = q.authorName() == null || q.authorName().isBlank() ? q.authorAccountId() : q.authorName();
        var authorUser = q.authorAccountId() == null || q.authorAccountId().isBlank() ? Optional.<UUID>empty()
                : accounts.linkedUser(adapter.tool(), q.authorAccountId());
        String body = messages.getMessage("chat.pinned.body", new Object[] {adapter.displayName(), author,
                q.text() == null ? "" : q.text()}, locale);
        String note = body.length() > Timeline.MAX_BODY ? body.substring(0, Timeline.MAX_BODY - 1) + "…" : body;
        var by = byAccount == null ? Optional.<UUID>empty() : accounts.linkedUser(adapter.tool(), byAccount);
        // The tool's clock may run a little ahead of ours: a message is never later than now.
        var now = clock.instant();
        var at = q.at() == null || q.at().isAfter(now) ? now : q.at();
        runAs.user(by.or(() -> authorUser).orElse(null), () -> timeline.add(incident,
                new Timeline.Note(TimelineEntryKind.NOTE, note, null, null, at, null)));
        return true;
    }

    String render(ChatTask task) {
        var locale = comms.getDefaultLocale();
        @SuppressWarnings("unchecked")
        var args = new ArrayList<Object>((List<Object>) task.payload().getOrDefault("args", List.of()));
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof String s && s.startsWith("#")) {
                args.set(i, messages.getMessage(s.substring(1), null, s.substring(1), locale));
            }
        }
        var incident = incidents.find(task.incidentId()).orElse(null);
        args.addFirst(incident == null ? "" : incident.key());
        args.add(task.text("actor") == null ? "Tocsin" : task.text("actor"));
        return messages.getMessage("chat.post." + task.text("code"), args.toArray(), locale);
    }

    private ChatMessage message(ChatTask task) {
        String text = task.text("text");
        String key = task.text("key");
        if (key == null || !Boolean.parseBoolean(task.text("buttons"))) {
            return ChatMessage.of(text);
        }
        var incident = incidents.find(key).orElse(null);
        return new ChatMessage(text, incident == null ? List.of() : buttons(incident, comms.getDefaultLocale()));
    }

    /** The buttons of an incident message, for what its state allows. */
    List<ChatMessage.Button> buttons(Incident incident, Locale locale) {
        var result = new ArrayList<ChatMessage.Button>();
        if (incident.status().open()) {
            result.add(button(ChatAction.ACKNOWLEDGE, incident.key(), locale, true));
            result.add(button(ChatAction.RESOLVE, incident.key(), locale, false));
            result.add(button(ChatAction.TAKE, incident.key(), locale, false));
        }
        if (incident.status() != IncidentStatus.CLOSED) {
            result.add(button(ChatAction.JOIN, incident.key(), locale, false));
        }
        return result;
    }

    ChatMessage.Button button(ChatAction action, String value, Locale locale, boolean primary) {
        return new ChatMessage.Button(action, messages.getMessage("chat.button." + action.name(), null, locale), value,
                primary);
    }

    /** The intro's text with its buttons, for messages the worker posts with {@code buttons=true}. */
    ChatMessage postMessage(ChatTask task) {
        String text = render(task);
        if (!Boolean.parseBoolean(task.text("buttons"))) {
            return ChatMessage.of(text);
        }
        var incident = incidents.find(task.incidentId()).orElseThrow();
        return new ChatMessage(text, buttons(incident, comms.getDefaultLocale()));
    }
}
