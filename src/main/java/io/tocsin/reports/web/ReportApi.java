package io.tocsin.reports.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.reports.Reports;
import io.tocsin.reports.internal.ReportRebuild;
import io.tocsin.shared.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports", description = "Incident counts and durations, on-call load and fairness, notification delivery"
        + " and learning for a period, filtered by team, service, severity and priority (issue 16, R20, R26, R30)")
class ReportApi {

    private final Reports reports;
    private final ReportPage page;
    private final ReportRebuild rebuild;
    private final MessageSource messages;
    private final Clock clock;

    ReportApi(Reports reports, ReportPage page, ReportRebuild rebuild, MessageSource messages, Clock clock) {
        this.reports = reports;
        this.page = page;
        this.rebuild = rebuild;
        this.messages = messages;
        this.clock = clock;
    }

    @Operation(summary = "Incident counts by severity, service and week; MTTA, TTD, TTR and customer impact with"
            + " histogram, median and p90 (TTD only where known)")
    @GetMapping("/incidents")
    Reports.IncidentReport incidents(@ParameterObject @ModelAttribute ReportFilters filters) {
        return reports.incidents(filters.toQuery(clock.instant()));
    }

    @Operation(summary = "On-call load per person and team (hours, shifts, pages, at night and on weekends in the"
            + " person's zone, interruptions per shift, time to acknowledge) and how uneven it is within each team",
            description = "Team narrows everything. Service, severity and priority narrow the pages (and so night and"
                    + " weekend pages, interruptions per shift and time to acknowledge) but not shifts and hours on call:"
                    + " a shift covers every service and incident of its team. shiftsNotFilteredBy names those of the"
                    + " request's filters.")
    @GetMapping("/on-call")
    Reports.OnCallReport onCall(@ParameterObject @ModelAttribute ReportFilters filters, Locale locale) {
        var report = reports.onCall(filters.toQuery(clock.instant()));
        if (!ReportFilters.reader(locale).seesPeople()) {
            // Stakeholders: each team's fairness, not named people's load.
            report = new Reports.OnCallReport(report.from(), report.to(), report.teams().stream()
                    .map(t -> new io.tocsin.reports.OnCallFigures.Team(t.teamId(), List.of(), t.pages(),
                            t.nightPages(), t.hours()))
                    .toList(), report.shiftsNotFilteredBy());
        }
        return report;
    }

    @Operation(summary = "Notification delivery per channel: queued, sent, delivered, failed, answered, time to answer")
    @GetMapping("/notifications")
    Reports.DeliveryReport notifications(@ParameterObject @ModelAttribute ReportFilters filters) {
        return reports.notifications(filters.toQuery(clock.instant()));
    }

    @Operation(summary = "Postmortems drafted, published, on time and overdue; action items open, overdue and done")
    @GetMapping("/learning")
    Reports.LearningReport learning(@ParameterObject @ModelAttribute ReportFilters filters) {
        return reports.learning(filters.toQuery(clock.instant()));
    }

    @Operation(summary = "One table of the Reports page as CSV (UTF-8, headings in the reader's language)")
    @GetMapping("/csv/{table}")
    ResponseEntity<byte[]> csv(@PathVariable String table, @ParameterObject @ModelAttribute ReportFilters filters,
            Locale locale) {
        var query = filters.toQuery(clock.instant());
        var found = page.render(query, locale).stream().flatMap(s -> s.tables().stream())
                .filter(t -> t.id().equals(table)).findFirst()
                .orElseThrow(() -> new NotFoundException("report table", table));
        var csv = new StringBuilder();
        csv.append(Csv.line(found.headingKeys().stream().map(k -> messages.getMessage(k, null, k, locale)).toList()));
        found.rows().forEach(r -> csv.append(Csv.line(r)));
        String name = table + "-" + LocalDate.ofInstant(query.from(), query.zone()) + "-"
                + LocalDate.ofInstant(query.to(), query.zone()).minusDays(1) + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Operation(summary = "Rebuild every report table from the source modules (administrators)")
    @PostMapping("/rebuild")
    ReportRebuild.Result rebuild() {
        return rebuild.rebuild();
    }
}
