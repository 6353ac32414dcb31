package io.tocsin.learning.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.incidents.Priority;
import io.tocsin.learning.ActionItem;
import io.tocsin.learning.ActionItemKind;
import io.tocsin.learning.ActionItemStatus;
import io.tocsin.learning.KeyFigures;
import io.tocsin.learning.KeyMoment;
import io.tocsin.learning.LinkedIncident;
import io.tocsin.learning.Postmortem;
import io.tocsin.learning.PostmortemEntry;
import io.tocsin.learning.PostmortemSection;
import io.tocsin.learning.PostmortemStatus;
import io.tocsin.learning.Postmortems;
import io.tocsin.learning.Problem;
import io.tocsin.learning.ProblemStatus;
import io.tocsin.learning.ReviewDecision;
import io.tocsin.learning.SyncState;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;

/** The JSON shapes of postmortems, action items and problems. */
@Component
class LearningViews {

    private final Postmortems postmortems;
    private final Identity identity;

    LearningViews(Postmortems postmortems, Identity identity) {
        this.postmortems = postmortems;
        this.identity = identity;
    }

    record Person(UUID id, String name) {
    }

    record ReviewerView(UUID userId, String name, ReviewDecision decision, String comment, Instant decidedAt) {
    }

    record RevisionView(int number, Instant publishedAt, String publishedBy) {
    }

    @Schema(name = "PostmortemTimelineEntry")
    record EntryView(UUID id, Instant occurredAt, String source, Long sourceEntryId, String text, String annotation,
            KeyMoment keyMoment, boolean included) {
    }

    record FiguresView(Long timeToDetectSeconds, Long timeToAcknowledgeSeconds, Long timeToMitigateSeconds,
            Long timeToResolveSeconds, Long customerImpactSeconds, long pagesSent, long peoplePaged, int responders,
            Long responderSeconds, long supportTickets, String affectedCustomers) {
    }

    record PostmortemView(UUID id, String incidentKey, UUID incidentId, int severity, PostmortemStatus status,
            String language, Person owner, LocalDate dueOn, boolean overdue, Instant meetingAt, Integer meetingMinutes,
            int revision, List<PostmortemSection> sections, List<String> missingSections, List<EntryView> timeline,
            List<ReviewerView> reviewers, List<RevisionView> revisions, FiguresView figures, Instant createdAt,
            Instant updatedAt, Instant publishedAt, long version) {
    }

    record ActionItemView(UUID id, String incidentKey, UUID problemId, String title, String description, Person owner,
            UUID teamId, Priority priority, ActionItemKind kind, ActionItemStatus status, LocalDate dueOn,
            boolean overdue, Map<String, Object> tracker, Instant createdAt, Instant updatedAt, long version) {
    }

    record ProblemView(UUID id, String key, String title, String description, ProblemStatus status, Priority priority,
            Person owner, UUID serviceId, String rootCause, String workaround, List<LinkedIncident> incidents,
            List<String> changes, List<ActionItemView> actionItems, Instant createdAt, Instant updatedAt, long version) {
    }

    PostmortemView of(Postmortem p) {
        var names = identity.usersById(p.reviewers().stream().map(r -> r.userId()).toList());
        return new PostmortemView(p.id(), p.incidentKey(), p.incidentId(), p.severity(), p.status(), p.language(),
                person(p.ownerId()), p.dueOn(), p.overdue(postmortems.today()), p.meetingAt(), p.meetingMinutes(),
                p.revision(), p.sections(), p.missingSections().stream().map(PostmortemSection::code).toList(),
                p.entries().stream().map(LearningViews::entry).toList(),
                p.reviewers().stream().map(r -> new ReviewerView(r.userId(), names.containsKey(r.userId())
                        ? names.get(r.userId()).name() : null, r.decision(), r.comment(), r.decidedAt())).toList(),
                p.revisions().stream().map(r -> new RevisionView(r.number(), r.publishedAt(), r.publishedBy())).toList(),
                figures(postmortems.figures(p)), p.createdAt(), p.updatedAt(), p.publishedAt(), p.version());
    }

    static EntryView entry(PostmortemEntry e) {
        return new EntryView(e.entryRef(), e.occurredAt(), e.source(), e.sourceEntryId(), e.text(), e.annotation(),
                e.keyMoment(), e.included());
    }

    static FiguresView figures(KeyFigures f) {
        return new FiguresView(seconds(f.timeToDetect()), seconds(f.timeToAcknowledge()), seconds(f.timeToMitigate()),
                seconds(f.timeToResolve()), seconds(f.customerImpact()), f.pagesSent(), f.peoplePaged(), f.responders(),
                seconds(f.responderTime()), f.supportTickets(), f.affectedCustomers());
    }

    ActionItemView of(ActionItem i, LocalDate today) {
        var tracker = new java.util.LinkedHashMap<String, Object>();
        tracker.put("syncState", i.syncState());
        tracker.put("key", i.externalKey());
        tracker.put("url", i.externalUrl());
        tracker.put("status", i.externalStatus());
        tracker.put("error", i.syncError());
        tracker.put("syncedAt", i.syncedAt());
        return new ActionItemView(i.id(), i.incidentKey(), i.problemId(), i.title(), i.description(), person(i.ownerId()),
                i.teamId(), i.priority(), i.kind(), i.status(), i.dueOn(), i.overdue(today), tracker, i.createdAt(),
                i.updatedAt(), i.version());
    }

    ProblemView of(Problem p, List<ActionItem> items, LocalDate today) {
        return new ProblemView(p.id(), p.key(), p.title(), p.description(), p.status(), p.priority(), person(p.ownerId()),
                p.serviceId(), p.rootCause(), p.workaround(), p.incidents(), p.changes(),
                items.stream().map(i -> of(i, today)).toList(), p.createdAt(), p.updatedAt(), p.version());
    }

    private Person person(UUID id) {
        return id == null ? null : new Person(id, identity.findUser(id).map(u -> u.name()).orElse(null));
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    static boolean syncFailed(ActionItem i) {
        return i.syncState() == SyncState.FAILED;
    }
}
