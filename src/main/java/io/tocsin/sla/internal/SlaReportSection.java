package io.tocsin.sla.internal;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tocsin.reports.BarChart;
import io.tocsin.reports.ReportQuery;
import io.tocsin.reports.ReportSection;
import io.tocsin.reports.ReportTable;
import io.tocsin.sla.SlaCompliance;
import io.tocsin.sla.SlaMetric;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * SLA compliance on the Reports page (issue 16 point 3, R30): met and breached per priority, service and metric
 * under the page's filters, a chart of the share met per priority, and the breached incidents; both tables export to
 * CSV like every report table. The figures are {@link SlaCompliance}'s, the same as the SLA page and its API.
 */
@Component
class SlaReportSection implements ReportSection {

    private final SlaCompliance compliance;
    private final MessageSource messages;

    SlaReportSection(SlaCompliance compliance, MessageSource messages) {
        this.compliance = compliance;
        this.messages = messages;
    }

    @Override
    public String id() {
        return "sla";
    }

    @Override
    public String titleKey() {
        return "sla.report.title";
    }

    /** Between the incidents (10) and on-call (20) sections the reports module keeps 30 free for it. */
    @Override
    public int order() {
        return 30;
    }

    @Override
    public String template() {
        return "reports/section";
    }

    @Override
    public Rendered render(ReportQuery query, Reader reader) {
        Locale l = reader.locale();
        var report = compliance.compute(query.from(), query.to(), query.teamId(), query.serviceId(), query.severities(),
                query.priorities());
        var rows = new ArrayList<List<String>>();
        var perPriority = new LinkedHashMap<String, int[]>();
        for (var r : report.rows()) {
            rows.add(List.of(r.priority().name(), r.serviceName() == null ? "–" : r.serviceName(), metric(r.metric(), l),
                    Integer.toString(r.met()), Integer.toString(r.breached()), Integer.toString(r.open()),
                    r.percentage() == null ? "–" : percent(r.percentage(), l)));
            var sums = perPriority.computeIfAbsent(r.priority().name() + " · " + metric(r.metric(), l), k -> new int[2]);
            sums[0] += r.met();
            sums[1] += r.breached();
        }
        var time = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(l).withZone(query.zone());
        var breaches = new ArrayList<List<String>>();
        for (var b : report.breaches()) {
            breaches.add(List.of(b.incidentKey(), b.priority().name(), b.serviceName() == null ? "–" : b.serviceName(),
                    metric(b.metric(), l), minutes(b.target()), b.breachedAt() == null ? "–" : time.format(b.breachedAt()),
                    b.elapsed() == null ? "–" : minutes(b.elapsed())));
        }
        var bars = new ArrayList<BarChart.Bar>();
        perPriority.forEach((label, sums) -> {
            if (sums[0] + sums[1] > 0) {
                double share = 100.0 * sums[0] / (sums[0] + sums[1]);
                bars.add(new BarChart.Bar(label, share, msg(l, "sla.report.bar", percent(share, l), sums[0],
                        sums[0] + sums[1]), sums[1] > 0 ? "warn" : null));
            }
        });
        var charts = bars.isEmpty() ? List.<String>of()
                : List.of(BarChart.svg("chart-sla-met", msg(l, "sla.report.chart"), bars));
        var tables = List.of(
                new ReportTable("sla-compliance", "sla.report.table.compliance", List.of("sla.report.col.priority",
                        "sla.report.col.service", "sla.page.metric", "sla.page.met", "sla.page.breached", "sla.page.open",
                        "sla.page.percentage"), rows),
                new ReportTable("sla-breaches", "sla.page.breaches", List.of("sla.page.incident",
                        "sla.report.col.priority", "sla.report.col.service", "sla.page.metric", "sla.report.col.target",
                        "sla.page.breached-at", "sla.report.col.elapsed"), breaches));
        return new Rendered(Map.of("notes", List.of(msg(l, "sla.report.note")), "charts", charts), tables);
    }

    private String metric(SlaMetric metric, Locale l) {
        return msg(l, "sla.metric." + metric.name());
    }

    private String msg(Locale l, String key, Object... args) {
        return messages.getMessage(key, args, l);
    }

    private static String percent(double value, Locale l) {
        return String.format(l, "%.1f %%", value);
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m < 60 ? m + " min" : m / 60 + " h " + m % 60 + " min";
    }
}
