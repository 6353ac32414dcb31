package io.tocsin.comms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.catalog.Catalog;
import io.tocsin.comms.internal.MessageVariables;
import io.tocsin.comms.internal.CommsMailer;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailRecipient;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentEvents;
import io.tocsin.incidents.IncidentLinks;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.SeverityScale;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.Timers;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Internal and external updates (R23, R24, R25). An update is rendered from the organisation's template, checked
 * against the completeness checklist, stored with its rendered text, put on the timeline, and - internal ones -
 * e-mailed to the service's stakeholder lists (major incidents) and its subscribers, with the key in the subject:
 * one mail per recipient, queued in notify's outbox with the update, sent after it has committed (issue 10).
 * Each update names when the next one is due; a durable timer reminds the communications manager when it is late.
 * Every recipient address is checked before anything is stored or queued.
 */
@Component
@Transactional
public class IncidentUpdates {

    public static final String CADENCE_TIMER = "comms.update-due";
    public static final int MAX_SUMMARY = 1000;
    public static final int MAX_FIELD = 2000;
    public static final int MAX_BULLET = 500;

    private final Incidents incidents;
    private final IncidentLinks links;
    private final Catalog catalog;
    private final Timeline timeline;
    private final SeverityScale severities;
    private final MessageTemplates templates;
    private final StakeholderLists lists;
    private final Subscriptions subscriptions;
    private final IncidentChannels channels;
    private final CommsMailer mailer;
    private final CommsSettings settings;
    private final Timers timers;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    IncidentUpdates(Incidents incidents, IncidentLinks links, Catalog catalog, Timeline timeline,
            SeverityScale severities, MessageTemplates templates, StakeholderLists lists, Subscriptions subscriptions,
            IncidentChannels channels, CommsMailer mailer, CommsSettings settings, Timers timers,
            AuditLog audit, JdbcClient jdbc, Clock clock, MessageSource messages, ApplicationEventPublisher events) {
        this.incidents = incidents;
        this.links = links;
        this.catalog = catalog;
        this.timeline = timeline;
        this.severities = severities;
        this.templates = templates;
        this.lists = lists;
        this.subscriptions = subscriptions;
        this.channels = channels;
        this.mailer = mailer;
        this.settings = settings;
        this.timers = timers;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
        this.events = events;
    }

    public record Update(UUID id, UUID incidentId, String key, UpdateAudience audience, UpdateKind kind,
            String language, String title, String body, String summary, Instant nextUpdateAt, List<ChecklistGap> gaps,
            int recipientCount, Instant postedAt, String postedByName) {
    }

    /** What the update would say and whom it would reach, before it is sent. */
    public record Preview(String title, String body, List<ChecklistGap> gaps, Instant nextUpdateAt,
            int recipientCount) {
    }

    @Transactional(readOnly = true)
    public Preview preview(String ref, UpdateDraft draft) {
        var incident = incidents.get(ref);
        var d = normalize(draft);
        validate(incident, d, false);
        var next = nextUpdateAt(incident, d);
        var rendered = templates.render(d.audience(), d.kind(), locale(d), variables(incident, d, next, locale(d)));
        return new Preview(title(incident, d.audience(), rendered.title()), rendered.body(), UpdateChecklist.check(d, next),
                next, recipients(incident, d).size());
    }

    public Update post(String ref, UpdateDraft draft) {
        var incident = incidents.get(ref);
        var d = normalize(draft);
        validate(incident, d, true);
        var next = nextUpdateAt(incident, d);
        var gaps = UpdateChecklist.check(d, next);
        if (!gaps.isEmpty() && !d.acknowledgeGaps()) {
            throw new InvalidInputException(gaps.stream().map(g -> new FieldViolation("checklist." + g.name(),
                    messages.getMessage("comms.checklist." + g.name(), null, g.name(), Locale.ENGLISH)
                            + " (set acknowledgeGaps to send anyway)")).toList());
        }
        var recipients = recipients(incident, d);
        var broken = new ArrayList<FieldViolation>();
        for (var r : recipients) {
            r.problem().ifPresent(p -> broken.add(new FieldViolation("recipients", p)));
        }
        if (!broken.isEmpty()) {
            throw new InvalidInputException(broken);
        }

        var now = clock.instant();
        var locale = locale(d);
        var rendered = templates.render(d.audience(), d.kind(), locale, variables(incident, d, next, locale));
        var actor = CurrentActor.get();
        var update = new Update(UUID.randomUUID(), incident.id(), incident.key(), d.audience(), d.kind(),
                locale.getLanguage(), title(incident, d.audience(), rendered.title()), rendered.body(), d.summary(),
                next, gaps, recipients.size(), now, actor.name());
        jdbc.sql("""
                insert into incident_update (id, incident_id, incident_key, audience, kind, language, title, body, summary,
                    next_update_at, gaps, recipient_count, posted_at, posted_by, posted_by_name)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(update.id(), incident.id(), incident.key(), d.audience().name(), d.kind().name(),
                        update.language(), update.title(), update.body(), d.summary(),
                        next == null ? null : Timestamp.from(next),
                        gaps.isEmpty() ? null : gaps.stream().map(Enum::name).collect(Collectors.joining(",")),
                        recipients.size(), Timestamp.from(now), actor.userId(), actor.name())
                .update();
        timeline.recordSystem(incident.id(), incident.key(), "update-posted", List.of(
                TimelineArg.code("comms.audience." + d.audience().name()), TimelineArg.code("comms.kind." + d.kind().name()),
                TimelineArg.text(update.title()), TimelineArg.count(recipients.size())),
                actor, now);
        if (d.audience() == UpdateAudience.INTERNAL) {
            if (next == null) {
                timers.cancel(CADENCE_TIMER, incident.id().toString());
            } else {
                timers.schedule(CADENCE_TIMER, incident.id().toString(), next, incident.key());
            }
        }
        audit.record(actor, "comms.update-posted", "incident", incident.id(), incident.key() + " " + update.title());
        events.publishEvent(new CommsEvents.UpdatePosted(incident.id(), incident.key(), update.id(), d.audience(),
                d.kind(), now));
        // Queued with the update: sent after the commit by notify's worker, so an SMTP outage delays the mail,
        // never the update, and a rolled-back update mails nobody.
        mailer.queue("comms:update:" + update.id(), DeliveryKind.UPDATE, mailer.about(incident.id(), incident.key(),
                incident.severity(), incident.summary()), recipients, l -> {
            var r = l.getLanguage().equals(locale.getLanguage()) ? rendered
                    : templates.render(d.audience(), d.kind(), l, variables(incident, d, next, l));
            return new CommsMailer.Mail(title(incident, d.audience(), r.title()), r.body(),
                    channels.statusDocumentUrl(incident.key()));
        });
        return update;
    }

    @Transactional(readOnly = true)
    public List<Update> of(UUID incidentId) {
        return jdbc.sql(SELECT + " where incident_id = ? order by posted_at desc, seq desc").param(incidentId)
                .query(IncidentUpdates::map).list();
    }

    @Transactional(readOnly = true)
    public Optional<Update> latest(UUID incidentId, UpdateAudience audience) {
        return jdbc.sql(SELECT + " where incident_id = ? and audience = ? order by posted_at desc, seq desc limit 1")
                .params(incidentId, audience.name()).query(IncidentUpdates::map).optional();
    }

    /** When the next internal update is due (the pending reminder), if one is expected. */
    @Transactional(readOnly = true)
    public Optional<Instant> nextDue(UUID incidentId) {
        return timers.find(CADENCE_TIMER, incidentId.toString()).map(io.tocsin.shared.Timer::dueAt);
    }

    public Duration cadence(int severity) {
        return settings.cadence(severity);
    }

    /** The first update is due one cadence interval after the declaration. */
    @EventListener
    void on(IncidentEvents.Declared e) {
        timers.schedule(CADENCE_TIMER, e.incidentId().toString(), e.at().plus(settings.cadence(e.severity())), e.key());
    }

    /** A closed incident expects no more updates. */
    @EventListener
    void on(IncidentEvents.StatusChanged e) {
        if (e.to() == IncidentStatus.CLOSED) {
            timers.cancel(CADENCE_TIMER, e.incidentId().toString());
        }
    }

    private UpdateDraft normalize(UpdateDraft d) {
        return new UpdateDraft(d.audience() == null ? UpdateAudience.INTERNAL : d.audience(),
                d.kind() == null ? UpdateKind.FOLLOW_UP : d.kind(), d.language(), strip(d.summary()),
                strip(d.customerImpact()), strip(d.affected()), strip(d.rootCause()), strip(d.expectedRecovery()),
                d.currentStatus(), d.nextSteps(), d.nextUpdateAt(), strip(d.keyFigures()), d.additionalRecipients(),
                d.acknowledgeGaps());
    }

    private void validate(Incident incident, UpdateDraft d, boolean sending) {
        if (sending && incident.status() == IncidentStatus.CLOSED) {
            throw new ConflictException("incident-closed", incident.key() + " is closed; updates are over");
        }
        var v = new ArrayList<FieldViolation>();
        if (d.summary() == null) {
            v.add(new FieldViolation("summary", "must not be blank: one or two sentences on the current state and impact"));
        } else if (d.summary().length() > MAX_SUMMARY) {
            v.add(new FieldViolation("summary", "must be at most " + MAX_SUMMARY + " characters"));
        }
        for (var field : Map.of("customerImpact", d.customerImpact() == null ? "" : d.customerImpact(), "affected",
                d.affected() == null ? "" : d.affected(), "rootCause", d.rootCause() == null ? "" : d.rootCause(),
                "expectedRecovery", d.expectedRecovery() == null ? "" : d.expectedRecovery(), "keyFigures",
                d.keyFigures() == null ? "" : d.keyFigures()).entrySet()) {
            if (field.getValue().length() > MAX_FIELD) {
                v.add(new FieldViolation(field.getKey(), "must be at most " + MAX_FIELD + " characters"));
            }
        }
        bullets("currentStatus", d.currentStatus(), v);
        bullets("nextSteps", d.nextSteps(), v);
        if (d.kind() == UpdateKind.FINAL && d.nextUpdateAt() != null) {
            v.add(new FieldViolation("nextUpdateAt", "a final message promises no further updates"));
        } else if (d.nextUpdateAt() != null && !d.nextUpdateAt().isAfter(clock.instant())) {
            v.add(new FieldViolation("nextUpdateAt", "must be in the future"));
        }
        if (d.language() != null && !MessageTemplates.LANGUAGES.contains(d.language().strip().toLowerCase(Locale.ROOT))) {
            v.add(new FieldViolation("language", "must be one of " + MessageTemplates.LANGUAGES));
        }
        if (d.audience() == UpdateAudience.EXTERNAL && !d.additionalRecipients().isEmpty()) {
            v.add(new FieldViolation("additionalRecipients", "external updates go to the status page, not by e-mail"));
        }
        for (int i = 0; i < d.additionalRecipients().size(); i++) {
            int index = i;
            MailRecipient.problem(d.additionalRecipients().get(i))
                    .ifPresent(p -> v.add(new FieldViolation("additionalRecipients[" + index + "]", p)));
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
    }

    private static void bullets(String field, List<String> lines, List<FieldViolation> v) {
        if (lines.size() > UpdateChecklist.MAX_BULLETS) {
            v.add(new FieldViolation(field, "at most " + UpdateChecklist.MAX_BULLETS + " bullets"));
        }
        if (lines.stream().anyMatch(l -> l.length() > MAX_BULLET)) {
            v.add(new FieldViolation(field, "each bullet at most " + MAX_BULLET + " characters"));
        }
    }

    private Instant nextUpdateAt(Incident incident, UpdateDraft d) {
        if (d.kind() == UpdateKind.FINAL) {
            return null;
        }
        return d.nextUpdateAt() != null ? d.nextUpdateAt() : clock.instant().plus(settings.cadence(incident.severity()));
    }

    /**
     * Internal updates reach the service's subscribers, and for major incidents its stakeholder lists and the
     * organisation's (R24); plus any addresses given with the update. External ones are not mailed.
     */
    private List<MailRecipient> recipients(Incident incident, UpdateDraft d) {
        if (d.audience() != UpdateAudience.INTERNAL) {
            return List.of();
        }
        var byAddress = new LinkedHashMap<String, MailRecipient>();
        if (incident.major()) {
            lists.recipients(incident.serviceId()).forEach(r -> byAddress.putIfAbsent(lower(r.address()), r));
        }
        subscriptions.recipients(incident.serviceId()).forEach(r -> byAddress.putIfAbsent(lower(r.address()), r));
        d.additionalRecipients().forEach(a -> byAddress.putIfAbsent(lower(a),
                new MailRecipient(a, settings.getDefaultLocale())));
        return List.copyOf(byAddress.values());
    }

    /** Every internal message carries the key in its title and subject (seed 003). */
    private static String title(Incident incident, UpdateAudience audience, String title) {
        if (audience == UpdateAudience.INTERNAL && !title.contains("[" + incident.key() + "]")) {
            return "[" + incident.key() + "] " + title;
        }
        return title;
    }

    private Locale locale(UpdateDraft d) {
        if (d.language() != null) {
            return Locale.forLanguageTag(d.language().strip().toLowerCase(Locale.ROOT));
        }
        return CurrentActor.principal().map(TocsinPrincipal::locale)
                .filter(l -> MessageTemplates.LANGUAGES.contains(l.getLanguage())).orElse(settings.getDefaultLocale());
    }

    Map<String, Object> variables(Incident incident, UpdateDraft d, Instant next, Locale locale) {
        var products = catalog.productsById(incident.productIds()).values().stream().map(p -> p.name()).sorted().toList();
        var end = incident.resolvedAt() != null ? incident.resolvedAt() : clock.instant();
        long linked = links.ticketCount(incident.id());
        var assessed = incident.assessment() == null ? null : incident.assessment().supportTicketCount();
        return MessageVariables.of(new MessageVariables.Facts(incident.key(), incident.summary(), incident.severity(),
                severities.label(incident.severity(), locale),
                catalog.findService(incident.serviceId()).map(s -> s.name()).orElse("?"), products,
                IncidentChannels.room(incident.key()), channels.statusDocumentUrl(incident.key()), d.summary(),
                d.customerImpact(), d.affected(), d.rootCause(), d.expectedRecovery(), d.currentStatus(),
                d.nextSteps(), next == null ? null : formatTime(next, locale),
                duration(Duration.between(incident.times().recoveryCountedFrom(), end), locale),
                Math.max(linked, assessed == null ? 0 : assessed), d.keyFigures()), locale);
    }

    /** "15:30 UTC, Sun 22 Nov" / "15:30 UTC, So. 22. Nov.": recipients live in many zones, so UTC says it plainly. */
    static String formatTime(Instant at, Locale locale) {
        var pattern = locale.getLanguage().equals("de") ? "HH:mm 'UTC', EEE d. MMM" : "HH:mm 'UTC', EEE d MMM";
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(ZoneOffset.UTC).format(at);
    }

    static String duration(Duration d, Locale locale) {
        long minutes = Math.max(0, d.toMinutes());
        long hours = minutes / 60;
        String h = locale.getLanguage().equals("de") ? " Std. " : " h ";
        return hours > 0 ? hours + h + (minutes % 60) + " min" : minutes + " min";
    }

    private static final String SELECT = """
            select id, incident_id, incident_key, audience, kind, language, title, body, summary, next_update_at, gaps,
                   recipient_count, posted_at, posted_by_name from incident_update""";

    private static Update map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        var next = rs.getTimestamp("next_update_at");
        var gaps = rs.getString("gaps");
        return new Update(rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class),
                rs.getString("incident_key"), UpdateAudience.valueOf(rs.getString("audience")),
                UpdateKind.valueOf(rs.getString("kind")), rs.getString("language"), rs.getString("title"),
                rs.getString("body"), rs.getString("summary"), next == null ? null : next.toInstant(),
                gaps == null ? List.of() : Arrays.stream(gaps.split(",")).map(ChecklistGap::valueOf).toList(),
                rs.getInt("recipient_count"), rs.getTimestamp("posted_at").toInstant(), rs.getString("posted_by_name"));
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
