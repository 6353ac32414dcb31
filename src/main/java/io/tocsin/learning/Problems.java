package io.tocsin.learning;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.BuiltInRole;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.Incidents;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.PreconditionFailedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Problem management (R29, ITIL): problem records with root cause and workaround, several incidents linked to one,
 * the searchable known-error list, and the workaround shown when a new incident hits the same service.
 */
@Component
@Transactional
public class Problems {

    private final ProblemRepository problems;
    private final ActionItemRepository items;
    private final Incidents incidents;
    private final IncidentRoles roles;
    private final Identity identity;
    private final Catalog catalog;
    private final LearningSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    Problems(ProblemRepository problems, ActionItemRepository items, Incidents incidents, IncidentRoles roles,
            Identity identity, Catalog catalog, LearningSettings settings, JdbcClient jdbc, Clock clock) {
        this.problems = problems;
        this.items = items;
        this.incidents = incidents;
        this.roles = roles;
        this.identity = identity;
        this.catalog = catalog;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Opens a problem, optionally from incidents (keys or ids). The owner defaults to the problem manager of the
     * first incident (R16's role), else to whoever opens it.
     */
    public Problem open(Problem.Fields f, List<String> incidentRefs) {
        Problem.check(f, true);
        var violations = new ArrayList<FieldViolation>();
        check(f, violations);
        var linked = new ArrayList<io.tocsin.incidents.Incident>();
        if (incidentRefs != null) {
            if (incidentRefs.size() > 100) {
                violations.add(new FieldViolation("incidents", "at most 100 incidents at once"));
            } else {
                for (var ref : incidentRefs) {
                    incidents.find(ref).ifPresentOrElse(linked::add,
                            () -> violations.add(new FieldViolation("incidents", "no incident " + ref)));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        long number = jdbc.sql("select nextval('problem_number_seq')").query(Long.class).single();
        var now = clock.instant();
        var owner = f.ownerId() != null ? f.ownerId() : linked.stream()
                .flatMap(i -> roles.active(i.id()).stream())
                .filter(a -> BuiltInRole.PROBLEM_MANAGER.code().equals(a.roleCode())).map(a -> a.userId()).findFirst()
                .orElse(CurrentActor.get().userId());
        var problem = Problem.open(settings.getProblemKeyPrefix() + "-" + number, new Problem.Fields(f.title(),
                f.description(), f.status(), f.priority(), owner, f.serviceId(), f.rootCause(), f.workaround(),
                f.changes()), now);
        linked.forEach(i -> problem.link(i.id(), i.key(), i.serviceId(), now));
        return problems.save(problem.changed());
    }

    public Problem update(String ref, Problem.Fields f, Long version) {
        var problem = get(ref);
        if (version != null && version != problem.version()) {
            throw new PreconditionFailedException(version, problem.version());
        }
        Problem.check(f, false);
        var violations = new ArrayList<FieldViolation>();
        check(f, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        problem.apply(f, clock.instant());
        return problems.save(problem.changed());
    }

    public Problem linkIncident(String ref, String incidentRef) {
        var problem = get(ref);
        var incident = incidents.find(incidentRef)
                .orElseThrow(() -> new InvalidInputException("incident", "no incident " + incidentRef));
        problem.link(incident.id(), incident.key(), incident.serviceId(), clock.instant());
        return problems.save(problem.changed());
    }

    public ActionItem linkActionItem(String ref, UUID itemId) {
        var problem = get(ref);
        var item = items.findById(itemId)
                .orElseThrow(() -> new InvalidInputException("actionItemId", "no action item with id " + itemId));
        item.linkProblem(problem.id(), clock.instant());
        return items.save(item);
    }

    @Transactional(readOnly = true)
    public Problem get(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("problem", ref));
    }

    @Transactional(readOnly = true)
    public Optional<Problem> find(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        try {
            return problems.findById(UUID.fromString(ref));
        } catch (IllegalArgumentException notAUuid) {
            return problems.findByProblemKey(ref.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** Problems, newest first; {@code knownErrorsOnly} keeps the known errors, {@code q} searches their words. */
    @Transactional(readOnly = true)
    public List<Problem> list(ProblemStatus status, boolean knownErrorsOnly, String q) {
        String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        return problems.findAll().stream()
                .filter(p -> status == null || p.status() == status)
                .filter(p -> !knownErrorsOnly || p.status() == ProblemStatus.KNOWN_ERROR)
                .filter(p -> needle == null || text(p).contains(needle))
                .sorted(Comparator.comparing(Problem::createdAt).reversed()).toList();
    }

    /** The open problems with a workaround that concern the service: what a new incident there should see first. */
    @Transactional(readOnly = true)
    public List<Problem> workaroundsFor(UUID serviceId) {
        return problems.findAll().stream().filter(p -> p.workaroundFor(serviceId))
                .sorted(Comparator.comparing((Problem p) -> p.status() != ProblemStatus.KNOWN_ERROR)
                        .thenComparing(Problem::createdAt)).toList();
    }

    @Transactional(readOnly = true)
    public List<Problem> forIncident(UUID incidentId) {
        return problems.findAll().stream().filter(p -> p.incidents().stream()
                .anyMatch(i -> i.incidentId().equals(incidentId))).toList();
    }

    private static String text(Problem p) {
        return String.join("\n", p.key(), p.title(), nz(p.description()), nz(p.rootCause()), nz(p.workaround()))
                .toLowerCase(Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void check(Problem.Fields f, List<FieldViolation> violations) {
        if (f.ownerId() != null && identity.findUser(f.ownerId()).filter(u -> u.active()).isEmpty()) {
            violations.add(new FieldViolation("ownerId", "no active user with id " + f.ownerId()));
        }
        if (f.serviceId() != null && catalog.findService(f.serviceId()).isEmpty()) {
            violations.add(new FieldViolation("serviceId", "no service with id " + f.serviceId()));
        }
    }
}
