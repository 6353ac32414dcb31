package io.tocsin.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for administrators: filtered, newest first, as JSON or CSV. */
@RestController
@Tag(name = "Audit log", description = "Who changed what, when and from where (administrators)")
class AuditApiController {

    private final AuditLog audit;

    AuditApiController(AuditLog audit) {
        this.audit = audit;
    }

    record AuditEntryView(long id, Instant occurredAt, UUID actorId, String actorName, String action,
            String entityType, String entityId, String detail) {

        static AuditEntryView of(AuditLog.Found f) {
            var e = f.entry();
            return new AuditEntryView(f.id(), e.occurredAt(), e.actorId(), e.actorName(), e.action(), e.entityType(),
                    e.entityId(), e.detail());
        }
    }

    @GetMapping("/api/v1/audit-log")
    @Operation(summary = "Audit entries, newest first (actor: part of the name; action: its start, e.g. 'login.';"
            + " from/to: ISO instants; before: an entry id, for the next page)")
    List<AuditEntryView> search(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit) {
        requireAdmin();
        return audit.search(new AuditLog.Query(actor, action, entityType, entityId, from, to, before, limit)).stream()
                .map(AuditEntryView::of).toList();
    }

    @GetMapping("/api/v1/audit-log/csv")
    @Operation(summary = "The same entries as CSV (up to 1000), for a spreadsheet")
    ResponseEntity<String> csv(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "1000") int limit) {
        var rows = search(actor, action, entityType, entityId, from, to, before, limit);
        var out = new StringBuilder("id,occurred_at,actor_id,actor_name,action,entity_type,entity_id,detail\r\n");
        for (var r : rows) {
            out.append(List.of(String.valueOf(r.id()), r.occurredAt().toString(), str(r.actorId()), str(r.actorName()),
                    r.action(), r.entityType(), r.entityId(), str(r.detail())).stream().map(AuditApiController::cell)
                    .collect(Collectors.joining(","))).append("\r\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tocsin-audit-log.csv\"")
                .body(out.toString());
    }

    /** RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe. */
    static String cell(String value) {
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    static void requireAdmin() {
        if (CurrentActor.principal().map(p -> p.role() != Role.ADMIN).orElse(true)) {
            throw new AccessDeniedException("only administrators read the audit log");
        }
    }
}
