package io.tocsin.learning.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.learning.LearningSettings;
import io.tocsin.learning.Postmortem;
import io.tocsin.learning.PostmortemEvents;
import io.tocsin.learning.PostmortemStatus;
import io.tocsin.learning.Postmortems;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailAttachment;
import io.tocsin.shared.HumanTime;
import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import io.tocsin.shared.Timers;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What follows from a postmortem's events, in the same transaction: the incident's timeline says so (so the final
 * update's promise of a review is visibly kept), the due reminder is set or cleared on a durable timer, reviewers
 * are asked, and the meeting invitation goes out as an iCalendar attachment through notify's outbox.
 */
@Component
class PostmortemReactions implements TimerHandler {

    static final String DUE_TIMER = "learning.postmortem-due";
    static final Duration REPEAT = Duration.ofDays(1);

    private final Postmortems postmortems;
    private final Incidents incidents;
    private final Timeline timeline;
    private final Timers timers;
    private final Identity identity;
    private final LearningMailer mailer;
    private final LearningSettings settings;
    private final MessageSource messages;
    private final java.time.Clock clock;

    PostmortemReactions(Postmortems postmortems, Incidents incidents, Timeline timeline, Timers timers,
            Identity identity, LearningMailer mailer, LearningSettings settings, MessageSource messages,
            java.time.Clock clock) {
        this.postmortems = postmortems;
        this.incidents = incidents;
        this.timeline = timeline;
        this.timers = timers;
        this.identity = identity;
        this.mailer = mailer;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    @EventListener
    void on(PostmortemEvents.Drafted e) {
        var owner = e.ownerId() == null ? null : identity.findUser(e.ownerId()).orElse(null);
        timeline.recordSystem(e.incidentId(), e.incidentKey(), "learning.postmortem-drafted",
                List.of(owner == null ? TimelineArg.code("learning.nobody") : TimelineArg.text(owner.name()),
                        TimelineArg.text(e.dueOn().toString())), Actor.SYSTEM, e.at());
        timers.schedule(DUE_TIMER, e.postmortemId().toString(), overdueFrom(e.dueOn()), e.incidentKey());
    }

    @EventListener
    void on(PostmortemEvents.ReviewRequested e) {
        var p = postmortems.find(e.postmortemId()).orElseThrow();
        timeline.recordSystem(e.incidentId(), e.incidentKey(), "learning.postmortem-review-requested", List.of(),
                Actor.SYSTEM, e.at());
        var reviewers = identity.usersById(p.reviewers().stream().map(r -> r.userId()).toList()).values().stream()
                .filter(User::active).toList();
        mailer.queue("learning:review:" + p.id() + ":" + e.at().toEpochMilli(), DeliveryKind.NOTICE, about(p), reviewers,
                locale -> new LearningMailer.Mail("[" + p.incidentKey() + "] " + msg("learning.mail.review.subject", locale),
                        msg("learning.mail.review.body", locale, p.incidentKey()) + "\n\n" + mailer.postmortemUrl(p.incidentKey()),
                        List.of()));
    }

    @EventListener
    void on(PostmortemEvents.Published e) {
        timers.cancel(DUE_TIMER, e.postmortemId().toString());
        timeline.recordSystem(e.incidentId(), e.incidentKey(), "learning.postmortem-published",
                List.of(TimelineArg.count(e.revision())), Actor.SYSTEM, e.at());
    }

    @EventListener
    void on(PostmortemEvents.Revised e) {
        var p = postmortems.find(e.postmortemId()).orElseThrow();
        timers.schedule(DUE_TIMER, p.id().toString(), overdueFrom(p.dueOn()).isAfter(e.at()) ? overdueFrom(p.dueOn())
                : e.at().plus(REPEAT), p.incidentKey());
    }

    /** Mails the review meeting to its participants with an iCalendar invitation attached. */
    @EventListener
    void on(PostmortemEvents.MeetingScheduled e) {
        var p = postmortems.find(e.postmortemId()).orElseThrow();
        var incident = incidents.find(p.incidentId()).orElseThrow();
        var people = postmortems.participants(p);
        var organizer = p.ownerId() == null ? null : identity.findUser(p.ownerId()).orElse(null);
        var org = organizer == null ? new MeetingInvitation.Person("Tocsin", "postmortems@tocsin.invalid")
                : new MeetingInvitation.Person(organizer.name(), organizer.email());
        var attendees = people.stream().map(u -> new MeetingInvitation.Person(u.name(), u.email())).toList();
        String link = mailer.postmortemUrl(p.incidentKey());
        String title = msg("learning.meeting.summary", Locale.forLanguageTag(p.language()), p.incidentKey(),
                incident.summary());
        String ics = MeetingInvitation.ics(p.id(), e.sequence(), e.meetingAt(), Duration.ofMinutes(e.minutes()), title,
                title + "\n" + link, link, org, attendees, e.at());
        var attachment = new MailAttachment("postmortem-review-" + p.incidentKey() + ".ics",
                "text/calendar; method=REQUEST; charset=UTF-8", ics.getBytes(StandardCharsets.UTF_8));
        timeline.recordSystem(p.incidentId(), p.incidentKey(), "learning.postmortem-meeting",
                List.of(TimelineArg.at(e.meetingAt()), TimelineArg.count(people.size())), Actor.SYSTEM, e.at());
        mailer.queue("learning:meeting:" + p.id() + ":" + e.sequence(), DeliveryKind.INVITATION, about(p), people,
                locale -> new LearningMailer.Mail("[" + p.incidentKey() + "] " + msg("learning.mail.meeting.subject", locale),
                        msg("learning.mail.meeting.body", locale, p.incidentKey(), incident.summary(),
                                HumanTime.dateTime(e.meetingAt(), locale, settings.getZone()), e.minutes()) + "\n\n" + link,
                        List.of(attachment)));
    }

    @Override
    public String kind() {
        return DUE_TIMER;
    }

    /** The postmortem is overdue: remind its owner, and again every day until it is published. */
    @Override
    public void fire(Timer timer) {
        var p = postmortems.find(UUID.fromString(timer.key())).orElse(null);
        if (p == null || p.status() == PostmortemStatus.PUBLISHED || p.ownerId() == null) {
            return;
        }
        var now = clock.instant();
        if (now.isBefore(overdueFrom(p.dueOn()))) {
            timers.schedule(DUE_TIMER, p.id().toString(), overdueFrom(p.dueOn()), p.incidentKey());
            return;
        }
        var owner = identity.findUser(p.ownerId()).filter(User::active).stream().toList();
        mailer.queue("learning:postmortem-overdue:" + p.id() + ":" + timer.dueAt().toEpochMilli(), DeliveryKind.REMINDER,
                about(p), owner, locale -> new LearningMailer.Mail("[" + p.incidentKey() + "] "
                        + msg("learning.mail.postmortem-overdue.subject", locale),
                        msg("learning.mail.postmortem-overdue.body", locale, p.incidentKey(), p.dueOn().toString())
                                + "\n\n" + mailer.postmortemUrl(p.incidentKey()), List.of()));
        timers.schedule(DUE_TIMER, p.id().toString(), now.plus(REPEAT), p.incidentKey());
    }

    private io.tocsin.notify.Subject about(Postmortem p) {
        var incident = incidents.find(p.incidentId()).orElseThrow();
        return mailer.about(p.incidentId().toString(), p.incidentKey(), p.severity(), incident.summary(),
                mailer.postmortemUrl(p.incidentKey()));
    }

    private Instant overdueFrom(java.time.LocalDate dueOn) {
        return dueOn.plusDays(1).atStartOfDay(settings.getZone()).toInstant();
    }

    private String msg(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, code, locale);
    }
}
