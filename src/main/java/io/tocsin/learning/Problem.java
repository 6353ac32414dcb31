package io.tocsin.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.incidents.Priority;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.MappedCollection;

/**
 * An ITIL problem record (R29): the underlying cause behind one or more incidents. It becomes a known error when
 * its root cause and a workaround are documented; while it is open, new incidents on its service show the
 * workaround at once.
 */
public class Problem extends AbstractAggregateRoot<Problem> {

    public static final int MAX_TITLE = 300;
    public static final int MAX_TEXT = 20_000;

    @Id
    private UUID id;
    private String problemKey;
    private String title;
    private String description;
    private ProblemStatus status;
    private Priority priority;
    private UUID ownerId;
    private UUID serviceId;
    private String rootCause;
    private String workaround;
    private Instant createdAt;
    private Instant updatedAt;
    @MappedCollection(idColumn = "problem_id")
    private Set<LinkedIncident> incidents = new HashSet<>();
    @MappedCollection(idColumn = "problem_id", keyColumn = "position")
    private List<LinkedChange> changes = new ArrayList<>();
    @Version
    private Long version;

    Problem() {
    }

    /** The editable fields; null leaves a field as it is. */
    public record Fields(String title, String description, ProblemStatus status, Priority priority, UUID ownerId,
            UUID serviceId, String rootCause, String workaround, List<String> changes) {
    }

    static Problem open(String key, Fields f, Instant now) {
        var p = new Problem();
        p.id = UUID.randomUUID();
        p.problemKey = key;
        p.status = ProblemStatus.NEW;
        p.priority = Priority.P3;
        p.createdAt = now;
        p.apply(f, now);
        return p;
    }

    static void check(Fields f, boolean creating) {
        var violations = new ArrayList<FieldViolation>();
        if (creating || f.title() != null) {
            if (f.title() == null || f.title().isBlank()) {
                violations.add(new FieldViolation("title", "must not be blank"));
            } else if (f.title().strip().length() > MAX_TITLE) {
                violations.add(new FieldViolation("title", "must be at most " + MAX_TITLE + " characters"));
            }
        }
        tooLong(f.description(), "description", violations);
        tooLong(f.rootCause(), "rootCause", violations);
        tooLong(f.workaround(), "workaround", violations);
        if (f.changes() != null && (f.changes().size() > 50
                || f.changes().stream().anyMatch(c -> c == null || c.isBlank() || c.length() > 1000))) {
            violations.add(new FieldViolation("changes", "at most 50 references of 1 to 1000 characters"));
        }
        if (f.status() == ProblemStatus.KNOWN_ERROR && creating
                && (f.workaround() == null || f.workaround().isBlank())) {
            violations.add(new FieldViolation("workaround", "a known error documents its workaround"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static void tooLong(String text, String field, List<FieldViolation> violations) {
        if (text != null && text.length() > MAX_TEXT) {
            violations.add(new FieldViolation(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }

    void apply(Fields f, Instant now) {
        if (f.title() != null) {
            title = f.title().strip();
        }
        if (f.description() != null) {
            description = blankToNull(f.description());
        }
        if (f.priority() != null) {
            priority = f.priority();
        }
        if (f.ownerId() != null) {
            ownerId = f.ownerId();
        }
        if (f.serviceId() != null) {
            serviceId = f.serviceId();
        }
        if (f.rootCause() != null) {
            rootCause = blankToNull(f.rootCause());
        }
        if (f.workaround() != null) {
            workaround = blankToNull(f.workaround());
        }
        if (f.changes() != null) {
            changes = new ArrayList<>(f.changes().stream().map(c -> new LinkedChange(c.strip())).toList());
        }
        if (f.status() != null) {
            if (f.status() == ProblemStatus.KNOWN_ERROR && workaround == null) {
                throw new InvalidInputException("workaround", "a known error documents its workaround");
            }
            status = f.status();
        }
        updatedAt = now;
    }

    /** Links an incident; the first one names the problem's service if none was given. */
    boolean link(UUID incidentId, String incidentKey, UUID incidentService, Instant now) {
        if (incidents.stream().anyMatch(i -> i.incidentId().equals(incidentId))) {
            return false;
        }
        incidents.add(new LinkedIncident(incidentId, incidentKey, incidentService, now));
        if (serviceId == null) {
            serviceId = incidentService;
        }
        updatedAt = now;
        return true;
    }

    /** Whether new incidents on the service should see this problem's workaround. */
    public boolean workaroundFor(UUID service) {
        return status.open() && workaround != null
                && (service.equals(serviceId) || incidents.stream().anyMatch(i -> i.serviceId().equals(service)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public UUID id() {
        return id;
    }

    public String key() {
        return problemKey;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public ProblemStatus status() {
        return status;
    }

    public Priority priority() {
        return priority;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public String rootCause() {
        return rootCause;
    }

    public String workaround() {
        return workaround;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Records that the problem changed, with the incidents it is linked to now; called just before it is saved. */
    Problem changed() {
        registerEvent(new ProblemChanged(id, problemKey, incidents.stream().map(LinkedIncident::incidentId).toList()));
        return this;
    }

    public List<LinkedIncident> incidents() {
        return incidents.stream().sorted(Comparator.comparing(LinkedIncident::linkedAt)).toList();
    }

    public List<String> changes() {
        return changes.stream().map(LinkedChange::reference).toList();
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
