package io.tocsin.reports.internal;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.catalog.Catalog;
import io.tocsin.reports.BarChart;
import io.tocsin.reports.Distribution;
import io.tocsin.reports.ReportQuery;
import io.tocsin.reports.ReportTable;
import io.tocsin.reports.Reports;
import org.springframework.stereotype.Component;

/** Incident counts by severity, service and week, and the duration distributions (MTTA, TTD, TTR, impact). */
@Component
class IncidentSection extends SectionBase {

    private final Reports reports;
    private final Catalog catalog;
    private final Texts texts;

    IncidentSection(Reports reports, Catalog catalog, Texts texts) {
        super("incidents", 10);
        this.reports = reports;
        this.catalog = catalog;
        this.texts = texts;
    }

    @Override
    public Rendered render(ReportQuery query, Reader reader) {
        var l = reader.locale();
        var f = reports.incidents(query).figures();
        var charts = new ArrayList<String>();
        var tables = new ArrayList<ReportTable>();

        var severityRows = new ArrayList<List<String>>();
        var severityBars = new ArrayList<BarChart.Bar>();
        f.bySeverity().forEach((sev, n) -> {
            String label = texts.msg(l, "reports.severity", sev);
            severityRows.add(List.of(label, Texts.count(n, l)));
            severityBars.add(new BarChart.Bar(label, n, Texts.count(n, l), "sev" + sev));
        });
        charts.add(BarChart.svg("chart-by-severity", texts.msg(l, "reports.by-severity"), severityBars));
        tables.add(new ReportTable("incidents-by-severity", "reports.by-severity",
                List.of("reports.col.severity", "reports.col.incidents"), severityRows));

        var names = catalog.servicesById(f.byService().keySet().stream().filter(java.util.Objects::nonNull).toList());
        var serviceRows = new ArrayList<List<String>>();
        var serviceBars = new ArrayList<BarChart.Bar>();
        f.byService().entrySet().stream().sorted(Map.Entry.<java.util.UUID, Long>comparingByValue().reversed()
                .thenComparing(e -> String.valueOf(e.getKey()))).forEach(e -> {
                    String name = e.getKey() != null && names.containsKey(e.getKey()) ? names.get(e.getKey()).name()
                            : texts.msg(l, "reports.unknown-service");
                    serviceRows.add(List.of(name, Texts.count(e.getValue(), l)));
                    if (serviceBars.size() < 15) {
                        serviceBars.add(new BarChart.Bar(name, e.getValue(), Texts.count(e.getValue(), l)));
                    }
                });
        charts.add(BarChart.svg("chart-by-service", texts.msg(l, "reports.by-service"), serviceBars));
        tables.add(new ReportTable("incidents-by-service", "reports.by-service",
                List.of("reports.col.service", "reports.col.incidents"), serviceRows));

        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(l);
        var weekRows = new ArrayList<List<String>>();
        var weekBars = new ArrayList<BarChart.Bar>();
        for (var w : f.byWeek()) {
            weekRows.add(List.of(w.starts().toString(), Texts.count(w.incidents(), l)));
            weekBars.add(new BarChart.Bar(dates.format(w.starts()), w.incidents(), Texts.count(w.incidents(), l)));
        }
        charts.add(BarChart.svg("chart-by-week", texts.msg(l, "reports.by-week"), weekBars));
        tables.add(new ReportTable("incidents-by-week", "reports.by-week",
                List.of("reports.col.week", "reports.col.incidents"), weekRows));

        var durations = new ArrayList<List<String>>();
        durations.add(row("reports.mtta", f.timeToAcknowledge(), l));
        durations.add(row("reports.ttd", f.timeToDetect(), l));
        durations.add(row("reports.ttr", f.timeToRecover(), l));
        durations.add(row("reports.impact", f.customerImpact(), l));
        tables.add(new ReportTable("incident-durations", "reports.durations",
                List.of("reports.col.measure", "reports.col.count", "reports.col.mean", "reports.col.median",
                        "reports.col.p90", "reports.col.max"), durations));

        var histogram = new ArrayList<List<String>>();
        var bins = Distribution.BOUNDS.size() + 1;
        for (int i = 0; i < bins; i++) {
            histogram.add(List.of(Texts.bin(f.timeToRecover().bins().get(i), l),
                    Texts.count(f.timeToAcknowledge().bins().get(i).count(), l),
                    Texts.count(f.timeToDetect().bins().get(i).count(), l),
                    Texts.count(f.timeToRecover().bins().get(i).count(), l),
                    Texts.count(f.customerImpact().bins().get(i).count(), l)));
        }
        tables.add(new ReportTable("incident-histogram", "reports.histogram",
                List.of("reports.col.duration", "reports.mtta", "reports.ttd", "reports.ttr", "reports.impact"), histogram));
        charts.add(BarChart.svg("chart-ttr", texts.msg(l, "reports.ttr-histogram"), f.timeToRecover().bins().stream()
                .map(b -> new BarChart.Bar(Texts.bin(b, l), b.count(), Texts.count(b.count(), l))).toList()));

        var notes = List.of(texts.msg(l, "reports.incidents.note", Texts.count(f.total(), l),
                Texts.count(f.total() - f.timeToDetect().count(), l)));
        return new Rendered(Map.of("notes", notes, "charts", charts), tables);
    }

    private List<String> row(String key, Distribution d, java.util.Locale l) {
        return List.of(texts.msg(l, key), Texts.count(d.count(), l), Texts.duration(d.mean(), l),
                Texts.duration(d.median(), l), Texts.duration(d.p90(), l), Texts.duration(d.max(), l));
    }
}
