package io.tocsin.identity.web;

import java.time.LocalDate;
import java.time.ZoneId;

import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.identity.internal.AuditRetention;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import org.springframework.context.annotation.Bean;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit log page for administrators: filters, the newest 200 entries, and the same as CSV. */
@Controller
class AuditPageController {

    private final AuditLog audit;
    private final AuditRetention retention;

    AuditPageController(AuditLog audit, AuditRetention retention) {
        this.audit = audit;
        this.retention = retention;
    }

    @Bean
    static NavigationItem auditNavigation() {
        return new NavigationItem(Section.ADMINISTRATION, "nav.audit", "/admin/audit", 90, Role.ADMIN.name());
    }

    @GetMapping("/admin/audit")
    String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        ZoneId zone = CurrentActor.principal().map(TocsinPrincipal::zone).orElse(ZoneId.of("UTC"));
        var fromInstant = from == null ? null : from.atStartOfDay(zone).toInstant();
        var toInstant = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
        model.addAttribute("entries", audit.search(new AuditLog.Query(actor, action, entityType, null, fromInstant,
                toInstant, null, 200)));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("entityType", entityType);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("retentionDays", retention.retention().toDays());
        var csv = UriComponentsBuilder.fromPath("/api/v1/audit-log/csv");
        set(csv, "actor", actor);
        set(csv, "action", action);
        set(csv, "entityType", entityType);
        set(csv, "from", fromInstant);
        set(csv, "to", toInstant);
        model.addAttribute("csvUrl", csv.encode().build().toUriString());
        return "identity/audit";
    }

    private static void set(UriComponentsBuilder b, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            b.queryParam(name, value.toString());
        }
    }
}
