package io.tocsin.escalation.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.tocsin.notify.Subject;

/**
 * One escalation of one subject (an alert or an incident): an aggregate that guards its own state. Every change
 * goes through a transition here that refuses what its status does not allow ({@link IllegalStateException}):
 * only a paging run (waiting or active) starts a level, is re-notified, is acknowledged, exhausted or stopped;
 * an acknowledged run can still be resolved; an ended run changes no more.
 *
 * <p>{@code kind}: POLICY follows a service's policy, IMOC pages the incident manager on call until a manager is
 * assigned, TEAM pages the owning team (severity 3 within business hours) or a fallback target. {@code attempt}
 * counts from 0 within the current level and cycle. Built by {@link #start}; {@link RunStore} restores it.
 */
public final class Run {

    private final UUID id;
    private final Kind kind;
    private final Subject subject;
    private final UUID serviceId;
    private final UUID incidentId;
    private final UUID policyId;
    private final Policy.Target target;
    private final Instant startedAt;
    private String runKey;
    private Status status;
    private int levelIndex;
    private int cycle;
    private int attempt;
    private Instant levelStartedAt;
    private Instant lastAttemptAt;
    private Instant nextStepAt;
    private Instant answeredAt;
    private UUID answeredBy;
    private String answeredByName;
    private String answeredVia;
    private Instant endedAt;
    private String endReason;
    private long version;

    /** What should start: a run of this kind about this subject, at {@code startAt} (null: now). */
    public record Spec(Kind kind, Subject subject, UUID serviceId, UUID incidentId, UUID policyId,
            Policy.Target target, Instant startAt) {

        public Spec {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
        }

        /** While a run is open, no second one of the same kind starts about the same subject. */
        String runKey() {
            return subject.type() + ":" + subject.id() + ":" + kind;
        }
    }

    /** Everything stored about a run, column by column (used only to restore and save it). */
    record Row(UUID id, String runKey, Kind kind, Subject subject, UUID serviceId, UUID incidentId, UUID policyId,
            Policy.Target target, Status status, int levelIndex, int cycle, int attempt, Instant levelStartedAt,
            Instant lastAttemptAt, Instant nextStepAt, Instant startedAt, Instant answeredAt, UUID answeredBy,
            String answeredByName, String answeredVia, Instant endedAt, String endReason, long version) {
    }

    private Run(Row r) {
        id = r.id();
        runKey = r.runKey();
        kind = r.kind();
        subject = r.subject();
        serviceId = r.serviceId();
        incidentId = r.incidentId();
        policyId = r.policyId();
        target = r.target();
        status = r.status();
        levelIndex = r.levelIndex();
        cycle = r.cycle();
        attempt = r.attempt();
        levelStartedAt = r.levelStartedAt();
        lastAttemptAt = r.lastAttemptAt();
        nextStepAt = r.nextStepAt();
        startedAt = r.startedAt();
        answeredAt = r.answeredAt();
        answeredBy = r.answeredBy();
        answeredByName = r.answeredByName();
        answeredVia = r.answeredVia();
        endedAt = r.endedAt();
        endReason = r.endReason();
        version = r.version();
    }

    /** A new run: waiting when it starts later than {@code now} (business hours), else active at level 1. */
    static Run start(UUID id, Spec spec, Instant now) {
        boolean waits = spec.startAt() != null && spec.startAt().isAfter(now);
        return new Run(new Row(id, spec.runKey(), spec.kind(), spec.subject(), spec.serviceId(), spec.incidentId(),
                spec.policyId(), spec.target(), waits ? Status.WAITING : Status.ACTIVE, 0, 0, 0, null, null,
                waits ? spec.startAt() : null, now, null, null, null, null, null, null, 0));
    }

    static Run restore(Row row) {
        return new Run(row);
    }

    Row row() {
        return new Row(id, runKey, kind, subject, serviceId, incidentId, policyId, target, status, levelIndex, cycle,
                attempt, levelStartedAt, lastAttemptAt, nextStepAt, startedAt, answeredAt, answeredBy, answeredByName,
                answeredVia, endedAt, endReason, version);
    }

    /** Where the run stands, as {@link EscalationStep} reads it. */
    EscalationStep.State state() {
        return new EscalationStep.State(status, levelIndex, cycle, attempt, levelStartedAt,
                status == Status.WAITING ? nextStepAt : null);
    }

    /** Level {@code newLevel} of round {@code newCycle} begins now: its people were just paged (attempt 0). */
    void levelStarted(int newLevel, int newCycle, Instant now, Instant next) {
        require(status.paging(), "start a level");
        if (newLevel < 0 || newCycle < 0) {
            throw new IllegalArgumentException("level and round count from 0");
        }
        status = Status.ACTIVE;
        levelIndex = newLevel;
        cycle = newCycle;
        attempt = 0;
        levelStartedAt = now;
        lastAttemptAt = now;
        nextStepAt = next;
    }

    /** The level's people were notified again: attempt {@code newAttempt}, the one after the last. */
    void renotified(int newAttempt, Instant now, Instant next) {
        require(status == Status.ACTIVE, "re-notify");
        if (newAttempt != attempt + 1) {
            throw new IllegalStateException("attempt " + newAttempt + " does not follow attempt " + attempt);
        }
        attempt = newAttempt;
        lastAttemptAt = now;
        nextStepAt = next;
    }

    /** Someone answered: nobody is paged any more; a repeated trigger starts nothing while it stays open. */
    void acknowledge(Instant at, UUID by, String byName, String via) {
        require(status.paging(), "acknowledge");
        status = Status.ACKNOWLEDGED;
        nextStepAt = null;
        answered(at, by, byName, via);
    }

    /** The subject is resolved: the run ends (the first answer stays the one recorded). */
    void resolve(Instant at, UUID by, String byName, String via) {
        require(open(), "resolve");
        status = Status.RESOLVED;
        nextStepAt = null;
        answered(at, by, byName, via);
        end(at, "resolved");
    }

    /** Nobody answered (or could be reached) through every level and repeat. */
    void exhaust(Instant at, String reason) {
        require(status.paging(), "exhaust");
        status = Status.EXHAUSTED;
        nextStepAt = null;
        end(at, reason);
    }

    /** Ended for another reason: an incident manager was assigned, the policy was removed. */
    void stop(Instant at, String reason) {
        require(status.paging(), "stop");
        status = Status.STOPPED;
        nextStepAt = null;
        end(at, reason);
    }

    /** Not ended yet: paging, or acknowledged and waiting for the subject to be resolved. */
    boolean open() {
        return endedAt == null && (status.paging() || status == Status.ACKNOWLEDGED);
    }

    /** The store saved the run: its version moved on. */
    void saved() {
        version++;
    }

    private void answered(Instant at, UUID by, String byName, String via) {
        if (answeredAt == null) {
            answeredAt = at;
            answeredBy = by;
            answeredByName = byName;
            answeredVia = via;
        }
    }

    private void end(Instant at, String reason) {
        endedAt = at;
        endReason = reason;
        // An ended run frees its key: the next trigger about the subject may start a new run.
        runKey = id.toString();
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + action + " escalation run " + id + ": it is " + status);
        }
    }

    public UUID id() {
        return id;
    }

    public String runKey() {
        return runKey;
    }

    public Kind kind() {
        return kind;
    }

    public Subject subject() {
        return subject;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public UUID policyId() {
        return policyId;
    }

    public Policy.Target target() {
        return target;
    }

    public Status status() {
        return status;
    }

    public int levelIndex() {
        return levelIndex;
    }

    public int cycle() {
        return cycle;
    }

    public int attempt() {
        return attempt;
    }

    public Instant levelStartedAt() {
        return levelStartedAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Instant nextStepAt() {
        return nextStepAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public UUID answeredBy() {
        return answeredBy;
    }

    public String answeredByName() {
        return answeredByName;
    }

    public String answeredVia() {
        return answeredVia;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String endReason() {
        return endReason;
    }

    public long version() {
        return version;
    }

    public enum Kind {
        POLICY, IMOC, TEAM
    }

    public enum Status {
        /** Waiting for business hours to begin. */
        WAITING,
        /** Paging. */
        ACTIVE,
        /** Someone answered; nobody is paged any more, repeated triggers page nobody. */
        ACKNOWLEDGED,
        RESOLVED,
        /** Nobody answered through every level and repeat. */
        EXHAUSTED,
        /** Ended for another reason (an incident manager was assigned, the policy was removed). */
        STOPPED;

        public boolean paging() {
            return this == WAITING || this == ACTIVE;
        }
    }

    /** Who a run paged at one level: fixed when the level starts, so repeats reach the same people. */
    public record Page(UUID runId, int cycle, int levelIndex, UUID userId, String userName, String via,
            Instant firstPagedAt, int attempts, boolean reachable) {
    }
}
