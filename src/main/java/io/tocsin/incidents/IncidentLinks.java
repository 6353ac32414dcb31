package io.tocsin.incidents;

import static io.tocsin.incidents.TimelineArg.text;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.Versions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Support tickets (R7) and clean-up tasks (R27) linked to an incident; each change lands on the timeline. */
@Component
@Transactional
public class IncidentLinks {

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final Identity identity;
    private final AuditLog audit;
    private final Clock clock;

    IncidentLinks(JdbcClient jdbc, Timeline timeline, Identity identity, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    public SupportTicket linkTicket(Incident incident, String system, String externalId, String customer, String url) {
        var violations = new ArrayList<FieldViolation>();
        require(violations, "system", system, 100);
        require(violations, "externalId", externalId, 200);
        if (customer != null && customer.length() > 300) {
            violations.add(new FieldViolation("customer", "must be at most 300 characters"));
        }
        if (url != null && !url.isBlank() && !url.matches("(?i)https?://\\S{1,2000}")) {
            violations.add(new FieldViolation("url", "must be an http(s) URL"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var actor = CurrentActor.get();
        var now = clock.instant();
        var ticket = new SupportTicket(UUID.randomUUID(), incident.id(), system.strip(), externalId.strip(),
                blank(customer), blank(url), now, actor.name());
        try {
            jdbc.sql("""
                    insert into support_ticket_link (id, incident_id, system, external_id, customer, url, linked_at,
                                                     linked_by, linked_by_name)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(ticket.id(), incident.id(), ticket.system(), ticket.externalId(), ticket.customer(),
                            ticket.url(), Timestamp.from(now), actor.userId(), actor.name())
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("already-linked", "Ticket " + ticket.system() + " " + ticket.externalId()
                    + " is already linked to " + incident.key());
        }
        timeline.recordSystem(incident.id(), incident.key(), "ticket-linked",
                List.of(text(ticket.system()), text(ticket.externalId()), text(ticket.customer())),
                actor, now);
        audit.record(actor, "incident.ticket-linked", "incident", incident.id(), ticket.system() + " " + ticket.externalId());
        return ticket;
    }

    public void unlinkTicket(Incident incident, UUID ticketId) {
        var ticket = tickets(incident.id()).stream().filter(t -> t.id().equals(ticketId)).findFirst()
                .orElseThrow(() -> new NotFoundException("support ticket link", ticketId));
        jdbc.sql("delete from support_ticket_link where id = ?").param(ticketId).update();
        var actor = CurrentActor.get();
        timeline.recordSystem(incident.id(), incident.key(), "ticket-unlinked",
                List.of(text(ticket.system()), text(ticket.externalId())), actor, clock.instant());
        audit.record(actor, "incident.ticket-unlinked", "incident", incident.id(), ticket.system() + " " + ticket.externalId());
    }

    @Transactional(readOnly = true)
    public List<SupportTicket> tickets(UUID incidentId) {
        return jdbc.sql("""
                select id, incident_id, system, external_id, customer, url, linked_at, linked_by_name
                from support_ticket_link where incident_id = ? order by linked_at, system, external_id""")
                .param(incidentId)
                .query((rs, n) -> new SupportTicket(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .list();
    }

    @Transactional(readOnly = true)
    public long ticketCount(UUID incidentId) {
        return jdbc.sql("select count(*) from support_ticket_link where incident_id = ?").param(incidentId)
                .query(Long.class).single();
    }

    public record TaskDraft(String title, UUID ownerId, LocalDate dueDate, CleanupTaskStatus status) {
    }

    public CleanupTask addTask(Incident incident, TaskDraft draft) {
        validate(draft, true);
        var actor = CurrentActor.get();
        var now = clock.instant();
        var task = new CleanupTask(UUID.randomUUID(), incident.id(), draft.title().strip(), draft.ownerId(),
                draft.dueDate(), draft.status() == null ? CleanupTaskStatus.OPEN : draft.status(), now, now, 0);
        jdbc.sql("""
                insert into cleanup_task (id, incident_id, title, owner_id, due_date, status, created_at, created_by,
                                          updated_at, updated_by, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(task.id(), incident.id(), task.title(), task.ownerId(), task.dueDate(), task.status().name(),
                        Timestamp.from(now), actor.userId(), Timestamp.from(now), actor.userId())
                .update();
        timeline.recordSystem(incident.id(), incident.key(), "task-added", List.of(text(task.title()), text(ownerName(task.ownerId()))),
                actor, now);
        audit.record(actor, "incident.task-added", "incident", incident.id(), task.title());
        return task;
    }

    public CleanupTask updateTask(Incident incident, UUID taskId, TaskDraft draft, String ifMatch, Long version) {
        var current = task(incident.id(), taskId);
        Versions.check(ifMatch, version, current.version());
        validate(draft, false);
        var title = draft.title() == null ? current.title() : draft.title().strip();
        var owner = draft.ownerId() == null ? current.ownerId() : draft.ownerId();
        var due = draft.dueDate() == null ? current.dueDate() : draft.dueDate();
        var status = draft.status() == null ? current.status() : draft.status();
        var actor = CurrentActor.get();
        var now = clock.instant();
        int n = jdbc.sql("""
                update cleanup_task set title = ?, owner_id = ?, due_date = ?, status = ?, updated_at = ?,
                       updated_by = ?, version = version + 1
                where id = ? and version = ?""")
                .params(title, owner, due, status.name(), Timestamp.from(now), actor.userId(), taskId, current.version())
                .update();
        if (n == 0) {
            throw new ConflictException("stale-version", "The task was changed by someone else; reload it");
        }
        timeline.recordSystem(incident.id(), incident.key(), "task-changed",
                List.of(text(title), text(status.name()), text(ownerName(owner))), actor, now);
        audit.record(actor, "incident.task-changed", "incident", incident.id(), title + " " + status);
        return task(incident.id(), taskId);
    }

    @Transactional(readOnly = true)
    public List<CleanupTask> tasks(UUID incidentId) {
        return jdbc.sql("""
                select id, incident_id, title, owner_id, due_date, status, created_at, updated_at, version
                from cleanup_task where incident_id = ? order by created_at, title""")
                .param(incidentId).query((rs, n) -> new CleanupTask(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getObject(4, UUID.class),
                        rs.getObject(5, LocalDate.class), CleanupTaskStatus.valueOf(rs.getString(6)),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getLong(9)))
                .list();
    }

    @Transactional(readOnly = true)
    public CleanupTask task(UUID incidentId, UUID taskId) {
        return tasks(incidentId).stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("clean-up task", taskId));
    }

    private void validate(TaskDraft draft, boolean creating) {
        var violations = new ArrayList<FieldViolation>();
        if (creating || draft.title() != null) {
            require(violations, "title", draft.title(), 500);
        }
        if (draft.ownerId() != null && identity.findUser(draft.ownerId()).isEmpty()) {
            violations.add(new FieldViolation("ownerId", "no user with id " + draft.ownerId()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private String ownerName(UUID ownerId) {
        return identity.findUser(ownerId).map(u -> u.name()).orElse("-");
    }

    private static void require(List<FieldViolation> violations, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "must not be blank"));
        } else if (value.strip().length() > max) {
            violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
