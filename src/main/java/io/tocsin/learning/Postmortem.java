package io.tocsin.learning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.security.access.AccessDeniedException;

/**
 * The blameless postmortem of one incident (R28). Guards its workflow {@code DRAFT -> IN_REVIEW -> PUBLISHED}:
 * drafts and postmortems in review are edited (an edit in review clears the decisions given); a review needs reviewers; a reviewer asking for changes sends it back to draft;
 * publishing needs every reviewer's approval and every required section written, and keeps the published text as a
 * revision, so revising a published postmortem keeps its history. Every change records a domain event.
 */
public class Postmortem extends AbstractAggregateRoot<Postmortem> {

    public static final int MAX_SECTION = 100_000;
    public static final int MAX_ENTRY = 20_000;
    public static final int MAX_ANNOTATION = 8_000;
    public static final int MAX_REVIEWERS = 20;

    @Id
    private UUID id;
    private UUID incidentId;
    private String incidentKey;
    private UUID serviceId;
    private int severity;
    private PostmortemStatus status;
    private String language;
    private UUID ownerId;
    private LocalDate dueOn;
    private Instant meetingAt;
    private Integer meetingMinutes;
    private int meetingSequence;
    private int revision;
    private Instant createdAt;
    private String createdByName;
    private Instant updatedAt;
    private Instant reviewRequestedAt;
    private Instant publishedAt;
    @MappedCollection(idColumn = "postmortem_id", keyColumn = "position")
    private List<PostmortemSection> sections = new ArrayList<>();
    @MappedCollection(idColumn = "postmortem_id", keyColumn = "position")
    private List<PostmortemEntry> entries = new ArrayList<>();
    @MappedCollection(idColumn = "postmortem_id")
    private Set<PostmortemReviewer> reviewers = new HashSet<>();
    @MappedCollection(idColumn = "postmortem_id")
    private Set<PostmortemRevision> revisions = new HashSet<>();
    @Version
    private Long version;

    Postmortem() {
    }

    /** What a draft starts from: the incident, who owns it, until when, in which language, and the imported timeline. */
    record Draft(UUID incidentId, String incidentKey, UUID serviceId, int severity, UUID ownerId, LocalDate dueOn,
            String language, List<PostmortemSection> sections, List<PostmortemEntry> entries, Set<UUID> reviewerIds,
            String createdByName) {
    }

    static Postmortem draft(Draft d, Instant now) {
        var p = new Postmortem();
        p.id = UUID.randomUUID();
        p.incidentId = d.incidentId();
        p.incidentKey = d.incidentKey();
        p.serviceId = d.serviceId();
        p.severity = d.severity();
        p.status = PostmortemStatus.DRAFT;
        p.language = d.language();
        p.ownerId = d.ownerId();
        p.dueOn = d.dueOn();
        p.sections = new ArrayList<>(d.sections());
        p.entries = new ArrayList<>(d.entries());
        p.entries.sort(Comparator.comparing(PostmortemEntry::occurredAt));
        p.reviewers = new HashSet<>(d.reviewerIds().stream().map(PostmortemReviewer::undecided).toList());
        p.createdAt = now;
        p.createdByName = d.createdByName();
        p.updatedAt = now;
        p.registerEvent(new PostmortemEvents.Drafted(p.id, p.incidentId, p.incidentKey, p.ownerId, p.dueOn, now));
        return p;
    }

    public void writeSection(String code, String body, Instant now) {
        beforeEdit();
        if (body != null && body.length() > MAX_SECTION) {
            throw new InvalidInputException("body", "must be at most " + MAX_SECTION + " characters");
        }
        int index = sectionIndex(code);
        sections.set(index, sections.get(index).withBody(blankToNull(body)));
        updatedAt = now;
    }

    /** What the author changes on one timeline entry; null leaves a field as it is. */
    public record EntryEdit(String text, String annotation, KeyMoment keyMoment, Boolean clearKeyMoment,
            Boolean included) {
    }

    public PostmortemEntry editEntry(UUID ref, EntryEdit edit, Instant now) {
        beforeEdit();
        int index = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).entryRef().equals(ref)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new io.tocsin.shared.NotFoundException("postmortem timeline entry", ref);
        }
        var e = entries.get(index);
        var violations = new ArrayList<FieldViolation>();
        if (edit.text() != null && (edit.text().isBlank() || edit.text().length() > MAX_ENTRY)) {
            violations.add(new FieldViolation("text", "must be 1 to " + MAX_ENTRY + " characters"));
        }
        if (edit.annotation() != null && edit.annotation().length() > MAX_ANNOTATION) {
            violations.add(new FieldViolation("annotation", "must be at most " + MAX_ANNOTATION + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var moment = Boolean.TRUE.equals(edit.clearKeyMoment()) ? null
                : edit.keyMoment() != null ? edit.keyMoment() : e.keyMoment();
        var changed = new PostmortemEntry(e.entryRef(), e.occurredAt(), e.source(), e.sourceEntryId(),
                edit.text() != null ? edit.text().strip() : e.text(),
                edit.annotation() != null ? blankToNull(edit.annotation()) : e.annotation(), moment,
                edit.included() != null ? edit.included() : e.included());
        entries.set(index, changed);
        updatedAt = now;
        return changed;
    }

    /** Adds a moment nobody recorded at the time; it takes its place by time. */
    public PostmortemEntry addEntry(Instant occurredAt, String text, String annotation, KeyMoment keyMoment,
            Instant now) {
        beforeEdit();
        var violations = new ArrayList<FieldViolation>();
        if (occurredAt == null) {
            violations.add(new FieldViolation("occurredAt", "must be given"));
        } else if (occurredAt.isAfter(now)) {
            violations.add(new FieldViolation("occurredAt", "cannot be in the future"));
        }
        if (text == null || text.isBlank() || text.length() > MAX_ENTRY) {
            violations.add(new FieldViolation("text", "must be 1 to " + MAX_ENTRY + " characters"));
        }
        if (annotation != null && annotation.length() > MAX_ANNOTATION) {
            violations.add(new FieldViolation("annotation", "must be at most " + MAX_ANNOTATION + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var entry = new PostmortemEntry(UUID.randomUUID(), occurredAt, PostmortemEntry.FROM_AUTHOR, null, text.strip(),
                blankToNull(annotation), keyMoment, true);
        entries.add(entry);
        entries.sort(Comparator.comparing(PostmortemEntry::occurredAt));
        updatedAt = now;
        return entry;
    }

    /** Owner, due date and reviewers; null leaves a field as it is. People are checked by the caller. */
    public void plan(UUID newOwner, LocalDate newDue, Collection<UUID> reviewerIds, Instant now) {
        if (status == PostmortemStatus.PUBLISHED) {
            throw conflict("postmortem-published", "revise it first");
        }
        if (reviewerIds != null && reviewerIds.size() > MAX_REVIEWERS) {
            throw new InvalidInputException("reviewerIds", "at most " + MAX_REVIEWERS + " reviewers");
        }
        if (newOwner != null) {
            ownerId = newOwner;
        }
        if (newDue != null) {
            dueOn = newDue;
        }
        if (reviewerIds != null) {
            var kept = new HashSet<PostmortemReviewer>();
            for (var userId : new LinkedHashSet<>(reviewerIds)) {
                kept.add(reviewers.stream().filter(r -> r.userId().equals(userId)).findFirst()
                        .orElse(PostmortemReviewer.undecided(userId)));
            }
            reviewers = kept;
        }
        updatedAt = now;
    }

    /** Sets the review meeting; every change raises the invitation's sequence so calendars update it. */
    public void scheduleMeeting(Instant at, int minutes, Instant now) {
        var violations = new ArrayList<FieldViolation>();
        if (at == null) {
            violations.add(new FieldViolation("at", "must be given"));
        } else if (at.isBefore(now)) {
            violations.add(new FieldViolation("at", "must be in the future"));
        }
        if (minutes < 15 || minutes > 480) {
            violations.add(new FieldViolation("minutes", "must be 15 to 480"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        meetingAt = at;
        meetingMinutes = minutes;
        meetingSequence++;
        updatedAt = now;
        registerEvent(new PostmortemEvents.MeetingScheduled(id, incidentId, incidentKey, at, minutes, meetingSequence - 1,
                now));
    }

    public void requestReview(Instant now) {
        requireDraft();
        if (reviewers.isEmpty()) {
            throw new InvalidInputException("reviewerIds", "name at least one reviewer before asking for a review");
        }
        reviewers = new HashSet<>(reviewers.stream().map(r -> PostmortemReviewer.undecided(r.userId())).toList());
        status = PostmortemStatus.IN_REVIEW;
        reviewRequestedAt = now;
        updatedAt = now;
        registerEvent(new PostmortemEvents.ReviewRequested(id, incidentId, incidentKey, now));
    }

    public void review(UUID reviewerId, ReviewDecision decision, String comment, Instant now) {
        if (status != PostmortemStatus.IN_REVIEW) {
            throw conflict("postmortem-not-in-review", "only a postmortem in review can be approved or sent back");
        }
        if (decision == null) {
            throw new InvalidInputException("decision", "must be APPROVE or REQUEST_CHANGES");
        }
        if (decision == ReviewDecision.REQUEST_CHANGES && (comment == null || comment.isBlank())) {
            throw new InvalidInputException("comment", "say which changes you ask for");
        }
        if (comment != null && comment.length() > 4000) {
            throw new InvalidInputException("comment", "must be at most 4000 characters");
        }
        if (reviewers.stream().noneMatch(r -> r.userId().equals(reviewerId))) {
            throw new AccessDeniedException("only the postmortem's reviewers decide on it");
        }
        reviewers = new HashSet<>(reviewers.stream().map(r -> r.userId().equals(reviewerId)
                ? new PostmortemReviewer(reviewerId, decision, blankToNull(comment), now) : r).toList());
        if (decision == ReviewDecision.REQUEST_CHANGES) {
            status = PostmortemStatus.DRAFT;
        }
        updatedAt = now;
        registerEvent(new PostmortemEvents.Reviewed(id, incidentId, incidentKey, reviewerId, decision, now));
    }

    /** The required sections nobody has written yet, in template order. */
    public List<PostmortemSection> missingSections() {
        return sections.stream().filter(s -> s.required() && !s.written()).toList();
    }

    /**
     * Publishes: every required section written (else 422 naming each), every reviewer approved (else 409). The
     * published text is kept as the next revision.
     */
    public void publish(Supplier<String> markdown, String byName, Instant now) {
        var missing = missingSections();
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing.stream().map(s -> new FieldViolation("sections." + s.code(),
                    "the required section '" + s.title() + "' is empty")).toList());
        }
        if (status != PostmortemStatus.IN_REVIEW) {
            throw conflict("postmortem-not-in-review", "publishing needs a review: request one first");
        }
        var pending = reviewers.stream().filter(r -> r.decision() != ReviewDecision.APPROVE).map(r -> r.userId().toString())
                .toList();
        if (!pending.isEmpty()) {
            throw new ConflictException("postmortem-not-approved", incidentKey
                    + ": every reviewer has to approve before publishing", Map.of("pendingReviewers", pending));
        }
        revision++;
        status = PostmortemStatus.PUBLISHED;
        publishedAt = now;
        updatedAt = now;
        revisions.add(new PostmortemRevision(revision, now, byName, markdown.get()));
        registerEvent(new PostmortemEvents.Published(id, incidentId, incidentKey, revision, now));
    }

    /** Opens a published postmortem for a revision; the published revisions stay. */
    public void revise(Instant now) {
        if (status != PostmortemStatus.PUBLISHED) {
            throw conflict("postmortem-not-published", "only a published postmortem is revised");
        }
        status = PostmortemStatus.DRAFT;
        updatedAt = now;
        registerEvent(new PostmortemEvents.Revised(id, incidentId, incidentKey, revision + 1, now));
    }

    /**
     * Drafts and postmortems in review are edited; an edit in review clears the decisions given so far, since they
     * were about the text before it.
     */
    private void beforeEdit() {
        if (status == PostmortemStatus.PUBLISHED) {
            throw conflict("postmortem-published", "revise it to change it");
        }
        if (status == PostmortemStatus.IN_REVIEW) {
            reviewers = new HashSet<>(reviewers.stream().map(r -> PostmortemReviewer.undecided(r.userId())).toList());
        }
    }

    private void requireDraft() {
        if (status != PostmortemStatus.DRAFT) {
            throw conflict("postmortem-not-draft", status == PostmortemStatus.PUBLISHED
                    ? "it is published: revise it to change it" : "it is in review: a reviewer asks for changes first");
        }
    }

    private ConflictException conflict(String type, String why) {
        return new ConflictException(type, "The postmortem of " + incidentKey + " is " + status.name() + "; " + why,
                Map.of("currentStatus", status.name()));
    }

    private int sectionIndex(String code) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).code().equals(code)) {
                return i;
            }
        }
        throw new io.tocsin.shared.NotFoundException("postmortem section", code);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public boolean overdue(LocalDate today) {
        return status != PostmortemStatus.PUBLISHED && dueOn.isBefore(today);
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String incidentKey() {
        return incidentKey;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public int severity() {
        return severity;
    }

    public PostmortemStatus status() {
        return status;
    }

    public String language() {
        return language;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public LocalDate dueOn() {
        return dueOn;
    }

    public Instant meetingAt() {
        return meetingAt;
    }

    public Integer meetingMinutes() {
        return meetingMinutes;
    }

    public int meetingSequence() {
        return meetingSequence;
    }

    public int revision() {
        return revision;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public List<PostmortemSection> sections() {
        return List.copyOf(sections);
    }

    public PostmortemSection section(String code) {
        return sections.get(sectionIndex(code));
    }

    public List<PostmortemEntry> entries() {
        return entries.stream().sorted(Comparator.comparing(PostmortemEntry::occurredAt)).toList();
    }

    public List<PostmortemReviewer> reviewers() {
        return reviewers.stream().sorted(Comparator.comparing(r -> r.userId().toString())).toList();
    }

    public List<PostmortemRevision> revisions() {
        return revisions.stream().sorted(Comparator.comparingInt(PostmortemRevision::number)).toList();
    }

    public long version() {
        return version == null ? 0 : version;
    }

    boolean hasReviewer(UUID userId) {
        return reviewers.stream().anyMatch(r -> Objects.equals(r.userId(), userId));
    }
}
