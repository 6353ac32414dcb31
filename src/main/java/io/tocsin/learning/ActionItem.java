package io.tocsin.learning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;

import io.tocsin.incidents.Priority;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * A tracked follow-up of an incident or problem (R28 "concrete action items as tracked tickets"): owner, team,
 * priority, due date, status and kind, optionally linked to an external tracker whose sync state it keeps.
 */
public class ActionItem extends AbstractAggregateRoot<ActionItem> {

    public static final int MAX_TITLE = 300;
    public static final int MAX_DESCRIPTION = 8_000;

    @Id
    private UUID id;
    private UUID incidentId;
    private String incidentKey;
    private UUID serviceId;
    private UUID problemId;
    private String title;
    private String description;
    private UUID ownerId;
    private UUID teamId;
    private Priority priority;
    private ActionItemKind kind;
    private ActionItemStatus status;
    private LocalDate dueOn;
    private String externalKey;
    private String externalUrl;
    private String externalStatus;
    private SyncState syncState;
    private String syncError;
    private Instant syncedAt;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant doneAt;
    @Version
    private Long version;

    ActionItem() {
    }

    /** What an item is about and says; owner and team are checked by the caller. */
    public record Fields(String title, String description, UUID ownerId, UUID teamId, Priority priority,
            ActionItemKind kind, ActionItemStatus status, LocalDate dueOn) {
    }

    static ActionItem create(UUID incidentId, String incidentKey, UUID serviceId, UUID problemId, Fields f,
            LocalDate defaultDue, Instant now) {
        var item = new ActionItem();
        item.id = UUID.randomUUID();
        item.incidentId = incidentId;
        item.incidentKey = incidentKey;
        item.serviceId = serviceId;
        item.problemId = problemId;
        item.title = f.title().strip();
        item.description = blankToNull(f.description());
        item.ownerId = f.ownerId();
        item.teamId = f.teamId();
        item.priority = f.priority() == null ? Priority.P3 : f.priority();
        item.kind = f.kind() == null ? ActionItemKind.PREVENT : f.kind();
        item.status = f.status() == null ? ActionItemStatus.OPEN : f.status();
        item.dueOn = f.dueOn() == null ? defaultDue : f.dueOn();
        item.syncState = SyncState.NONE;
        item.createdAt = now;
        item.updatedAt = now;
        item.doneAt = item.status.finished() ? now : null;
        return item;
    }

    /** Checks the words of a new or changed item; {@code creating} requires a title and owner. */
    static void check(Fields f, boolean creating) {
        var violations = new ArrayList<FieldViolation>();
        if (creating || f.title() != null) {
            if (f.title() == null || f.title().isBlank()) {
                violations.add(new FieldViolation("title", "must not be blank"));
            } else if (f.title().strip().length() > MAX_TITLE) {
                violations.add(new FieldViolation("title", "must be at most " + MAX_TITLE + " characters"));
            }
        }
        if (f.description() != null && f.description().length() > MAX_DESCRIPTION) {
            violations.add(new FieldViolation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (creating && f.ownerId() == null) {
            violations.add(new FieldViolation("ownerId", "every action item needs an owner"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    void update(Fields f, Instant now) {
        if (f.title() != null) {
            title = f.title().strip();
        }
        if (f.description() != null) {
            description = blankToNull(f.description());
        }
        if (f.ownerId() != null) {
            ownerId = f.ownerId();
        }
        if (f.teamId() != null) {
            teamId = f.teamId();
        }
        if (f.priority() != null) {
            priority = f.priority();
        }
        if (f.kind() != null) {
            kind = f.kind();
        }
        if (f.dueOn() != null) {
            dueOn = f.dueOn();
        }
        if (f.status() != null && f.status() != status) {
            status = f.status();
            doneAt = status.finished() ? now : null;
        }
        updatedAt = now;
    }

    /** Links an issue that exists elsewhere, by hand. */
    void link(String key, String url, Instant now) {
        externalKey = blankToNull(key);
        externalUrl = blankToNull(url);
        externalStatus = null;
        syncState = externalKey == null && externalUrl == null ? SyncState.NONE : SyncState.LINKED;
        syncError = null;
        syncedAt = null;
        updatedAt = now;
    }

    void syncStarted(Instant now) {
        syncState = SyncState.PENDING;
        syncError = null;
        updatedAt = now;
    }

    void synced(String key, String url, String remoteStatus, Instant now) {
        externalKey = key;
        externalUrl = url;
        externalStatus = remoteStatus;
        syncState = SyncState.SYNCED;
        syncError = null;
        syncedAt = now;
        updatedAt = now;
    }

    void syncFailed(String error, Instant now) {
        syncState = SyncState.FAILED;
        syncError = error.length() > 2000 ? error.substring(0, 1999) + "…" : error;
        updatedAt = now;
    }

    void linkProblem(UUID problem, Instant now) {
        problemId = problem;
        updatedAt = now;
    }

    public boolean overdue(LocalDate today) {
        return !status.finished() && dueOn.isBefore(today);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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

    public UUID problemId() {
        return problemId;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public UUID teamId() {
        return teamId;
    }

    public Priority priority() {
        return priority;
    }

    public ActionItemKind kind() {
        return kind;
    }

    public ActionItemStatus status() {
        return status;
    }

    public LocalDate dueOn() {
        return dueOn;
    }

    public String externalKey() {
        return externalKey;
    }

    public String externalUrl() {
        return externalUrl;
    }

    public String externalStatus() {
        return externalStatus;
    }

    public SyncState syncState() {
        return syncState;
    }

    public String syncError() {
        return syncError;
    }

    public Instant syncedAt() {
        return syncedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant doneAt() {
        return doneAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
