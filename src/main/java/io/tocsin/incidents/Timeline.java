package io.tocsin.incidents;

import java.sql.Timestamp;
import java.time.Clock;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.identity.Actor;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.HumanTime;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only timeline of an incident. People add typed entries; Tocsin and other modules add system
 * entries for every change. There is deliberately no way to edit or delete an entry.
 */
@Component
@Transactional
public class Timeline {

    public static final int MAX_BODY = 20_000;
    private static final int MAX_SIDE = 8_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;

    Timeline(JdbcClient jdbc, JsonMapper json, Clock clock, ApplicationEventPublisher events, MessageSource messages) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.messages = messages;
    }

    /** What a person writes on the timeline. */
    public record Note(TimelineEntryKind kind, String body, String outcome, String rollbackPlan, Instant occurredAt,
            Long correctsEntryId) {
    }

    public TimelineEntry add(Incident incident, Note note) {
        var violations = new ArrayList<FieldViolation>();
        if (note.kind() == null || !note.kind().typedByPeople()) {
            violations.add(new FieldViolation("kind",
                    "must be one of OBSERVATION, THEORY, EXPERIMENT, DECISION, CHANGE, NOTE"));
        }
        if (note.body() == null || note.body().isBlank()) {
            violations.add(new FieldViolation("body", "must not be blank"));
        } else if (note.body().length() > MAX_BODY) {
            violations.add(new FieldViolation("body", "must be at most " + MAX_BODY + " characters"));
        }
        if (note.kind() == TimelineEntryKind.CHANGE && (note.rollbackPlan() == null || note.rollbackPlan().isBlank())) {
            violations.add(new FieldViolation("rollbackPlan", "a change needs a note on how to roll it back"));
        }
        if (note.outcome() != null && note.outcome().length() > MAX_SIDE) {
            violations.add(new FieldViolation("outcome", "must be at most " + MAX_SIDE + " characters"));
        }
        if (note.rollbackPlan() != null && note.rollbackPlan().length() > MAX_SIDE) {
            violations.add(new FieldViolation("rollbackPlan", "must be at most " + MAX_SIDE + " characters"));
        }
        var now = clock.instant();
        if (note.occurredAt() != null && note.occurredAt().isAfter(now)) {
            violations.add(new FieldViolation("occurredAt", "cannot be in the future"));
        }
        if (note.correctsEntryId() != null && !exists(incident.id(), note.correctsEntryId())) {
            violations.add(new FieldViolation("correctsEntryId",
                    "no entry " + note.correctsEntryId() + " on " + incident.key()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return insert(incident.id(), incident.key(), note.occurredAt() == null ? now : note.occurredAt(), now,
                CurrentActor.get(), note.kind(), null, List.of(), note.body().strip(), blankToNull(note.outcome()),
                blankToNull(note.rollbackPlan()), note.correctsEntryId());
    }

    /**
     * Records an automatic entry. {@code event} names a message {@code timeline.event.<event>} in the bundles,
     * rendered with {@code args} in the reader's language and zone; modules add their own codes to their own
     * bundles.
     */
    public TimelineEntry recordSystem(UUID incidentId, String key, String event, List<TimelineArg> args, Actor actor,
            Instant at) {
        return insert(incidentId, key, at, clock.instant(), actor, TimelineEntryKind.SYSTEM, event,
                args == null ? List.of() : List.copyOf(args), null, null, null, null);
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> of(UUID incidentId) {
        return jdbc.sql("""
                select id, incident_id, occurred_at, recorded_at, actor_id, actor_name, kind, event, args, body,
                       outcome, rollback_plan, corrects_entry_id
                from timeline_entry where incident_id = ? order by occurred_at desc, id desc""")
                .param(incidentId).query((rs, n) -> new TimelineEntry(rs.getLong("id"),
                        rs.getObject("incident_id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getTimestamp("recorded_at").toInstant(), rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_name"), TimelineEntryKind.valueOf(rs.getString("kind")),
                        rs.getString("event"), TimelineArgsJson.read(json, rs.getString("args")), rs.getString("body"),
                        rs.getString("outcome"), rs.getString("rollback_plan"),
                        (Long) rs.getObject("corrects_entry_id", Long.class)))
                .list();
    }

    @Transactional(readOnly = true)
    public TimelineEntry entry(UUID incidentId, long entryId) {
        return of(incidentId).stream().filter(e -> e.id() == entryId).findFirst()
                .orElseThrow(() -> new NotFoundException("timeline entry", entryId));
    }

    /** The entry's arguments as the API shows them: one object each, its only key naming the type. */
    public static List<java.util.Map<String, Object>> argsForApi(TimelineEntry entry) {
        return entry.args().stream().map(TimelineArgsJson::shape).toList();
    }

    /** The entry's text in the reader's language and the signed-in reader's time zone (UTC without one). */
    public String text(TimelineEntry entry, Locale locale) {
        return text(entry, locale, CurrentActor.principal().map(TocsinPrincipal::zone).orElse(ZoneOffset.UTC));
    }

    /** The entry's text in the reader's language and zone: a person's words as written, a system entry rendered. */
    public String text(TimelineEntry entry, Locale locale, ZoneId zone) {
        if (entry.kind() != TimelineEntryKind.SYSTEM) {
            return entry.body();
        }
        Object[] args = entry.args().stream().map(a -> render(a, locale, zone)).toArray();
        return messages.getMessage("timeline.event." + entry.event(), args,
                entry.event() + " " + String.join(", ", java.util.Arrays.stream(args).map(String::valueOf).toList()),
                locale);
    }

    private String render(TimelineArg arg, Locale locale, ZoneId zone) {
        if (arg == null) {
            return "–";
        }
        return switch (arg) {
            case TimelineArg.Text t -> t.value();
            // An unknown code shows its last part (the stored value), never the whole key.
            case TimelineArg.Code c -> messages.getMessage(c.code(), null,
                    c.code().substring(c.code().lastIndexOf('.') + 1), locale);
            case TimelineArg.At a -> HumanTime.dateTime(a.instant(), locale, zone);
            case TimelineArg.Count c -> NumberFormat.getIntegerInstance(locale).format(c.value());
            case TimelineArg.Span s -> HumanTime.duration(s.duration(), locale);
            case TimelineArg.Changes c -> c.changes().isEmpty() ? "–" : c.changes().stream()
                    .map(ch -> messages.getMessage("timeline.field." + ch.field(), null, ch.field(), locale) + ": "
                            + render(ch.from(), locale, zone) + " → " + render(ch.to(), locale, zone))
                    .collect(Collectors.joining("; "));
        };
    }

    private boolean exists(UUID incidentId, long entryId) {
        return jdbc.sql("select count(*) from timeline_entry where incident_id = ? and id = ?")
                .params(incidentId, entryId).query(Long.class).single() > 0;
    }

    private TimelineEntry insert(UUID incidentId, String key, Instant occurredAt, Instant recordedAt, Actor actor,
            TimelineEntryKind kind, String event, List<TimelineArg> args, String body, String outcome, String rollback,
            Long corrects) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into timeline_entry (incident_id, occurred_at, recorded_at, actor_id, actor_name, kind, event,
                                            args, body, outcome, rollback_plan, corrects_entry_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(incidentId, Timestamp.from(occurredAt), Timestamp.from(recordedAt), actor.userId(),
                        actor.name(), kind.name(), event, TimelineArgsJson.write(json, args), body,
                        outcome, rollback, corrects)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        events.publishEvent(new IncidentEvents.TimelineEntryAdded(incidentId, key, id, kind, actor, recordedAt));
        return new TimelineEntry(id, incidentId, occurredAt, recordedAt, actor.userId(), actor.name(), kind, event,
                args, body, outcome, rollback, corrects);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
