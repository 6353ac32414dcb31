package io.tocsin.sla.internal;

import static io.tocsin.incidents.TimelineArg.at;
import static io.tocsin.incidents.TimelineArg.code;
import static io.tocsin.incidents.TimelineArg.span;
import static io.tocsin.incidents.TimelineArg.text;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.escalation.BusinessCalendars;
import io.tocsin.escalation.BusinessHours;
import io.tocsin.escalation.IncidentPaging;
import io.tocsin.identity.Actor;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Priority;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailContent;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.MailRequest;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.oncall.OnCall;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.HumanTime;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import io.tocsin.shared.Timers;
import io.tocsin.sla.SlaCalendar;
import io.tocsin.sla.SlaMetric;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The live watch (issue 16 point 2): one clock per open incident and metric, kept in {@code sla_clock}, each with one
 * durable timer ({@value #TIMER}, key {@code <incident>:<metric>}) set for its next threshold. The timer fires once
 * across nodes, in the transaction that locks the clock's row; what to do is {@link SlaClocks#decide}'s answer; the
 * reminder (notify's outbox), the page (escalation's run) and the timeline entry commit together with the clock.
 */
@Component
@Transactional
public class SlaWatch implements TimerHandler {

    public static final String TIMER = "sla.clock";
    public static final int MAX_REASON = 1000;

    private static final String COLUMNS = "incident_id, metric, incident_key, policy_id, policy_name, priority, severity,"
            + " service_id, target_seconds, calendar, warning_percent, escalation_policy_id, started_at, stopped_at,"
            + " warned_at, breached_at, elapsed_seconds, outcome";

    private final JdbcClient jdbc;
    private final SlaPolicies policies;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Timers timers;
    private final BusinessCalendars calendars;
    private final IncidentPaging paging;
    private final OnCall onCall;
    private final Identity identity;
    private final Notifications notifications;
    private final MessageSource messages;
    private final Clock clock;
    private final String baseUrl;

    SlaWatch(JdbcClient jdbc, SlaPolicies policies, Incidents incidents, Timeline timeline, Timers timers,
            BusinessCalendars calendars, IncidentPaging paging, OnCall onCall, Identity identity,
            Notifications notifications, MessageSource messages, Clock clock,
            @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.incidents = incidents;
        this.timeline = timeline;
        this.timers = timers;
        this.calendars = calendars;
        this.paging = paging;
        this.onCall = onCall;
        this.identity = identity;
        this.notifications = notifications;
        this.messages = messages;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A stored clock. */
    record Row(UUID incidentId, SlaMetric metric, String incidentKey, UUID policyId, String policyName,
            Priority priority, int severity, UUID serviceId, Duration target, SlaCalendar calendar, int warningPercent,
            UUID escalationPolicyId, Instant startedAt, Instant stoppedAt, Instant warnedAt, Instant breachedAt,
            Long elapsedSeconds, String outcome) {

        String timerKey() {
            return incidentId + ":" + metric;
        }
    }

    /** A pause as the API and the incident page show it. */
    @Schema(name = "SlaPause")
    public record PauseView(UUID id, String waitingOn, String reason, Instant startedAt, String startedBy,
            Instant endedAt, String endedBy) {
    }

    /** One clock as the API and the pages show it. */
    @Schema(name = "SlaClockView")
    public record ClockView(SlaMetric metric, String state, UUID policyId, String policyName, Priority priority,
            SlaCalendar calendar, Duration target, Duration elapsed, Duration remaining, boolean paused,
            int warningPercent, Instant warnAt, Instant breachAt, Instant warnedAt, Instant breachedAt,
            Instant stoppedAt) {

        public boolean breached() {
            return "BREACHED".equals(state);
        }

        public boolean running() {
            return stoppedAt == null;
        }
    }

    /** An incident's clocks and pauses. */
    @Schema(name = "IncidentSla")
    public record IncidentSla(String incidentKey, List<ClockView> clocks, boolean paused, List<PauseView> pauses) {
    }

    // ---- incident events ----

    /** A new incident: its clocks start at the declaration, with the targets of the policies that match it. */
    public void start(UUID incidentId) {
        // Declaring is on the path to the first page: without any policy, skip loading the incident.
        if (!policies.any()) {
            return;
        }
        var incident = incidents.find(incidentId).orElse(null);
        if (incident == null) {
            return;
        }
        var candidates = policies.ofPriority(incident.priority());
        var targets = new ArrayList<Row>();
        for (var metric : SlaMetric.values()) {
            candidates.match(metric, incident.serviceId(), incident.productIds())
                    .ifPresent(p -> targets.add(insert(incident, metric, p)));
        }
        if (targets.isEmpty()) {
            return;
        }
        var first = targets.getFirst();
        timeline.recordSystem(incident.id(), incident.key(), "sla.started", List.of(text(first.priority().name()),
                target(targets, SlaMetric.ACKNOWLEDGE), target(targets, SlaMetric.RESOLVE),
                code("sla.calendar." + first.calendar())), Actor.SYSTEM, clock.instant());
        targets.forEach(this::check);
    }

    /** The incident was acknowledged (ACKNOWLEDGE) or resolved (RESOLVE, and ACKNOWLEDGE if still running). */
    public void stop(UUID incidentId, SlaMetric metric, Instant at) {
        var row = lock(incidentId, metric).orElse(null);
        if (row == null || row.stoppedAt() != null) {
            return;
        }
        var stoppedAt = at == null ? clock.instant() : at;
        var reading = SlaClocks.read(facts(row, stoppedAt), stoppedAt);
        String outcome = row.breachedAt() != null || reading.state() == SlaClocks.State.BREACHED ? "BREACHED" : "MET";
        jdbc.sql("update sla_clock set stopped_at = ?, elapsed_seconds = ?, outcome = ? where incident_id = ? and metric = ?")
                .params(Timestamp.from(stoppedAt), reading.elapsed().toSeconds(), outcome, incidentId, metric.name())
                .update();
        timers.cancel(TIMER, row.timerKey());
        timeline.recordSystem(incidentId, row.incidentKey(), "sla.stopped." + outcome.toLowerCase(Locale.ROOT),
                List.of(code("sla.metric." + metric), span(reading.elapsed()), span(row.target())), Actor.SYSTEM,
                clock.instant());
    }

    /** A reopened incident: its resolve clock runs on (counting from the declaration, as before). */
    public void reopen(UUID incidentId) {
        var row = lock(incidentId, SlaMetric.RESOLVE).orElse(null);
        if (row == null || row.stoppedAt() == null) {
            return;
        }
        jdbc.sql("update sla_clock set stopped_at = null, elapsed_seconds = null, outcome = null where incident_id = ?"
                + " and metric = ?").params(incidentId, SlaMetric.RESOLVE.name()).update();
        check(lock(incidentId, SlaMetric.RESOLVE).orElseThrow());
    }

    public void severityChanged(UUID incidentId, int severity) {
        jdbc.sql("update sla_clock set severity = ? where incident_id = ?").params(severity, incidentId).update();
    }

    /**
     * Priority, service or products changed: the targets are those of the policies that match now, counted from
     * the incident's start; the timeline says so. A threshold already passed under the old target stays passed only
     * if it is passed under the new one too.
     */
    public void recompute(UUID incidentId) {
        var incident = incidents.find(incidentId).orElse(null);
        if (incident == null) {
            return;
        }
        var changed = false;
        var now = clock.instant();
        var result = new ArrayList<Row>();
        for (var metric : SlaMetric.values()) {
            var row = lock(incidentId, metric).orElse(null);
            var policy = policies.match(metric, incident.priority(), incident.serviceId(), incident.productIds());
            if (row != null && row.stoppedAt() != null) {
                result.add(row);
                continue;
            }
            if (policy.isEmpty()) {
                if (row != null) {
                    jdbc.sql("delete from sla_clock where incident_id = ? and metric = ?").params(incidentId, metric.name())
                            .update();
                    timers.cancel(TIMER, row.timerKey());
                    changed = true;
                }
                continue;
            }
            var p = policy.get();
            if (row == null) {
                result.add(insert(incident, metric, p));
                changed = true;
                continue;
            }
            boolean same = p.id().equals(row.policyId()) && p.target(metric).equals(row.target())
                    && p.calendar() == row.calendar() && p.warningPercent() == row.warningPercent()
                    && row.priority() == incident.priority() && java.util.Objects.equals(row.serviceId(), incident.serviceId());
            if (same) {
                result.add(row);
                continue;
            }
            var updated = new Row(row.incidentId(), metric, row.incidentKey(), p.id(), p.name(), incident.priority(),
                    incident.severity(), incident.serviceId(), p.target(metric), p.calendar(), p.warningPercent(),
                    p.escalationPolicyId(), row.startedAt(), null, row.warnedAt(), row.breachedAt(), null, null);
            var reading = SlaClocks.read(facts(updated, now), now);
            Instant warned = reading.elapsed().compareTo(SlaClocks.warningThreshold(facts(updated, now))) >= 0
                    ? row.warnedAt() : null;
            Instant breached = reading.elapsed().compareTo(updated.target()) >= 0 ? row.breachedAt() : null;
            jdbc.sql("update sla_clock set policy_id = ?, policy_name = ?, priority = ?, severity = ?, service_id = ?,"
                            + " target_seconds = ?, calendar = ?, warning_percent = ?, escalation_policy_id = ?, warned_at = ?,"
                            + " breached_at = ? where incident_id = ? and metric = ?")
                    .params(p.id(), p.name(), incident.priority().name(), incident.severity(), incident.serviceId(),
                            updated.target().toSeconds(), p.calendar().name(), p.warningPercent(), p.escalationPolicyId(),
                            ts(warned), ts(breached), incidentId, metric.name()).update();
            result.add(lock(incidentId, metric).orElseThrow());
            changed = true;
        }
        if (!changed) {
            return;
        }
        timeline.recordSystem(incident.id(), incident.key(), "sla.recomputed", List.of(
                text(incident.priority().name()), target(result, SlaMetric.ACKNOWLEDGE), target(result, SlaMetric.RESOLVE),
                at(incident.declaredAt())), Actor.SYSTEM, now);
        result.stream().filter(r -> r.stoppedAt() == null).forEach(this::check);
    }

    // ---- pauses ----

    public enum WaitingOn {
        CUSTOMER, SUPPLIER
    }

    /** Pauses the incident's running clocks while it waits on the customer or a supplier; the reason is required. */
    public PauseView pause(String ref, String waitingOn, String reason) {
        var incident = incidents.get(ref);
        var violations = new ArrayList<FieldViolation>();
        WaitingOn on = null;
        try {
            on = WaitingOn.valueOf(String.valueOf(waitingOn).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("waitingOn", "must be CUSTOMER or SUPPLIER"));
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            violations.add(new FieldViolation("reason", "say what the incident waits for (1 to " + MAX_REASON
                    + " characters)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (!incident.status().open()) {
            throw new ConflictException("incident-not-open", "Only an open incident's SLA clocks can be paused");
        }
        var running = rows(incident.id()).stream().filter(r -> r.stoppedAt() == null).toList();
        if (running.isEmpty()) {
            throw new ConflictException("no-sla-clock", "The incident has no running SLA clock to pause");
        }
        if (activePause(incident.id()).isPresent()) {
            throw new ConflictException("sla-paused", "The SLA clocks are paused already");
        }
        var now = clock.instant();
        var actor = CurrentActor.get();
        var id = UUID.randomUUID();
        jdbc.sql("insert into sla_pause (id, incident_id, waiting_on, reason, started_at, started_by) values (?, ?, ?, ?, ?, ?)")
                .params(id, incident.id(), on.name(), why, Timestamp.from(now), actor.name()).update();
        running.forEach(r -> timers.cancel(TIMER, r.timerKey()));
        timeline.recordSystem(incident.id(), incident.key(), "sla.paused", List.of(code("sla.waiting-on." + on),
                text(why)), actor, now);
        return new PauseView(id, on.name(), why, now, actor.name(), null, null);
    }

    /** Ends the pause; the clocks run on from where they stood. */
    public PauseView resume(String ref) {
        var incident = incidents.get(ref);
        var pause = activePause(incident.id())
                .orElseThrow(() -> new ConflictException("sla-not-paused", "The SLA clocks are not paused"));
        var now = clock.instant();
        var actor = CurrentActor.get();
        jdbc.sql("update sla_pause set ended_at = ?, ended_by = ? where id = ?")
                .params(Timestamp.from(now), actor.name(), pause.id()).update();
        timeline.recordSystem(incident.id(), incident.key(), "sla.resumed",
                List.of(span(Duration.between(pause.startedAt(), now))), actor, now);
        rows(incident.id()).stream().filter(r -> r.stoppedAt() == null).forEach(this::check);
        return new PauseView(pause.id(), pause.waitingOn(), pause.reason(), pause.startedAt(), pause.startedBy(), now,
                actor.name());
    }

    // ---- the timer ----

    @Override
    public String kind() {
        return TIMER;
    }

    @Override
    public void fire(Timer timer) {
        int colon = timer.key().indexOf(':');
        var row = lock(UUID.fromString(timer.key().substring(0, colon)), SlaMetric.valueOf(timer.key().substring(colon + 1)))
                .orElse(null);
        if (row != null && row.stoppedAt() == null) {
            check(row);
        }
    }

    /** Decides for the clock now, applies it, and sets its timer for the next threshold. */
    void check(Row row) {
        var now = clock.instant();
        var decision = SlaClocks.decide(facts(row, now), row.warnedAt() != null, row.breachedAt() != null, now);
        var reading = SlaClocks.read(facts(row, now), now);
        if (decision.warn()) {
            warn(row, reading, now);
        }
        if (decision.breach()) {
            breach(row, now);
        }
        if (decision.nextCheck() != null) {
            timers.schedule(TIMER, row.timerKey(), decision.nextCheck(), row.incidentKey());
        } else {
            timers.cancel(TIMER, row.timerKey());
        }
    }

    private void warn(Row row, SlaClocks.Reading reading, Instant now) {
        jdbc.sql("update sla_clock set warned_at = ? where incident_id = ? and metric = ?")
                .params(Timestamp.from(now), row.incidentId(), row.metric().name()).update();
        var incident = incidents.find(row.incidentId()).orElseThrow();
        var people = reminded(incident, now);
        var names = people.isEmpty() ? code("sla.nobody")
                : text(String.join(", ", people.stream().map(User::name).toList()));
        timeline.recordSystem(incident.id(), incident.key(), "sla.warning", List.of(code("sla.metric." + row.metric()),
                TimelineArg.count(row.warningPercent()), span(row.target()), span(reading.remaining()), names),
                Actor.SYSTEM, now);
        var about = new Subject(SubjectType.INCIDENT, incident.id().toString(), incident.key(), incident.severity(),
                incident.summary(), baseUrl + "/incidents/" + incident.key());
        for (var person : people) {
            var locale = person.locale();
            String metric = messages.getMessage("sla.metric." + row.metric(), null, locale);
            String left = HumanTime.duration(reading.remaining(), locale);
            String subject = "[" + incident.key() + "] " + messages.getMessage("sla.mail.warning.subject",
                    new Object[] {metric, left}, locale);
            String body = messages.getMessage("sla.mail.warning.body", new Object[] {incident.key(), incident.summary(),
                    metric, HumanTime.duration(row.target(), locale), left, about.link()}, locale);
            notifications.enqueueMail(MailRequest.now("sla:warning:" + row.timerKey() + ":" + row.startedAt().toEpochMilli(),
                    DeliveryKind.REMINDER, about, new MailRecipient(person.email(), locale),
                    MailContent.of(subject, body, null)));
        }
    }

    /** The incident manager; without one the incident manager on call. */
    private List<User> reminded(Incident incident, Instant now) {
        if (incident.incidentManagerId() != null) {
            return identity.findUser(incident.incidentManagerId()).filter(User::active).stream().toList();
        }
        return onCall.imocSchedule().flatMap(s -> onCall.whoIsOnCall(s.id(), now))
                .flatMap(shift -> identity.findUser(shift.userId())).filter(User::active).stream().toList();
    }

    private void breach(Row row, Instant now) {
        jdbc.sql("update sla_clock set breached_at = ?, warned_at = coalesce(warned_at, ?) where incident_id = ? and metric = ?")
                .params(Timestamp.from(now), Timestamp.from(now), row.incidentId(), row.metric().name()).update();
        IncidentPaging.Outcome outcome;
        String whom;
        if (row.escalationPolicyId() != null) {
            outcome = paging.pagePolicy(row.incidentId(), row.escalationPolicyId());
            whom = paging.policyName(row.escalationPolicyId()).orElse("–");
        } else {
            outcome = paging.pageImoc(row.incidentId());
            whom = null;
        }
        timeline.recordSystem(row.incidentId(), row.incidentKey(), "sla.breached." + (whom == null ? "imoc" : "policy"),
                List.of(code("sla.metric." + row.metric()), span(row.target()), code("sla.paging." + outcome),
                        text(whom == null ? "" : whom)), Actor.SYSTEM, now);
    }

    // ---- reading ----

    @Transactional(readOnly = true)
    public IncidentSla of(String ref) {
        var incident = incidents.get(ref);
        return of(incident.id(), incident.key());
    }

    @Transactional(readOnly = true)
    public IncidentSla of(UUID incidentId, String key) {
        var now = clock.instant();
        var clocks = rows(incidentId).stream().map(r -> view(r, now)).toList();
        var pauses = pauseViews(incidentId);
        return new IncidentSla(key, clocks, pauses.stream().anyMatch(p -> p.endedAt() == null), pauses);
    }

    /** The clocks of several incidents (the incident list), by incident. */
    @Transactional(readOnly = true)
    public Map<UUID, List<ClockView>> clocksOf(java.util.Collection<UUID> incidentIds) {
        var result = new java.util.HashMap<UUID, List<ClockView>>();
        if (incidentIds.isEmpty()) {
            return result;
        }
        var now = clock.instant();
        jdbc.sql("select " + COLUMNS + " from sla_clock where incident_id in (:ids) order by metric")
                .param("ids", incidentIds).query(SlaWatch::map).list()
                .forEach(r -> result.computeIfAbsent(r.incidentId(), k -> new ArrayList<>()).add(view(r, now)));
        return result;
    }

    ClockView view(Row r, Instant now) {
        var reading = SlaClocks.read(facts(r, now), now);
        String state = r.outcome() != null ? r.outcome() : r.breachedAt() != null ? "BREACHED" : reading.state().name();
        return new ClockView(r.metric(), state, r.policyId(), r.policyName(), r.priority(), r.calendar(), r.target(),
                reading.elapsed(), reading.remaining(), reading.paused(), r.warningPercent(), reading.warnAt(),
                reading.breachAt(), r.warnedAt(), r.breachedAt(), r.stoppedAt());
    }

    SlaClocks.Facts facts(Row r, Instant now) {
        BusinessHours hours = r.calendar() == SlaCalendar.BUSINESS_HOURS ? calendars.ofService(r.serviceId()).orElse(null)
                : null;
        var pauses = pauseViews(r.incidentId()).stream().map(p -> new SlaClocks.Pause(p.startedAt(), p.endedAt())).toList();
        return new SlaClocks.Facts(r.startedAt(), r.target(), hours, pauses, r.stoppedAt(), r.warningPercent());
    }

    List<Row> rows(UUID incidentId) {
        return jdbc.sql("select " + COLUMNS + " from sla_clock where incident_id = ? order by metric").param(incidentId)
                .query(SlaWatch::map).list();
    }

    Optional<Row> lock(UUID incidentId, SlaMetric metric) {
        return jdbc.sql("select " + COLUMNS + " from sla_clock where incident_id = ? and metric = ? for update")
                .params(incidentId, metric.name()).query(SlaWatch::map).optional();
    }

    private Optional<PauseView> activePause(UUID incidentId) {
        return pauseViews(incidentId).stream().filter(p -> p.endedAt() == null).findFirst();
    }

    private List<PauseView> pauseViews(UUID incidentId) {
        return jdbc.sql("select id, waiting_on, reason, started_at, started_by, ended_at, ended_by from sla_pause"
                        + " where incident_id = ? order by started_at, id").param(incidentId)
                .query((rs, n) -> new PauseView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7)))
                .list();
    }

    Row insert(Incident incident, SlaMetric metric, SlaPolicy p) {
        var row = new Row(incident.id(), metric, incident.key(), p.id(), p.name(), incident.priority(),
                incident.severity(), incident.serviceId(), p.target(metric), p.calendar(), p.warningPercent(),
                p.escalationPolicyId(), incident.declaredAt(), null, null, null, null, null);
        jdbc.sql("insert into sla_clock (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null,"
                        + " null, null)")
                .params(row.incidentId(), metric.name(), row.incidentKey(), p.id(), p.name(), row.priority().name(),
                        row.severity(), row.serviceId(), row.target().toSeconds(), p.calendar().name(), p.warningPercent(),
                        p.escalationPolicyId(), Timestamp.from(row.startedAt()))
                .update();
        return row;
    }

    static TimelineArg target(List<Row> rows, SlaMetric metric) {
        return rows.stream().filter(r -> r.metric() == metric).findFirst().<TimelineArg>map(r -> span(r.target()))
                .orElse(code("sla.no-target"));
    }

    private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getObject(1, UUID.class), SlaMetric.valueOf(rs.getString(2)), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), Priority.valueOf(rs.getString(6)), rs.getInt(7),
                rs.getObject(8, UUID.class), Duration.ofSeconds(rs.getLong(9)), SlaCalendar.valueOf(rs.getString(10)),
                rs.getInt(11), rs.getObject(12, UUID.class), rs.getTimestamp(13).toInstant(),
                instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)),
                (Long) rs.getObject(17, Long.class), rs.getString(18));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
