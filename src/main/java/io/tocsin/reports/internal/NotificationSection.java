package io.tocsin.reports.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.reports.BarChart;
import io.tocsin.reports.ReportQuery;
import io.tocsin.reports.ReportTable;
import io.tocsin.reports.Reports;
import org.springframework.stereotype.Component;

/** Notification delivery per channel: queued, sent, delivered, failed, answered, time to answer. */
@Component
class NotificationSection extends SectionBase {

    private final Reports reports;
    private final Texts texts;

    NotificationSection(Reports reports, Texts texts) {
        super("notifications", 40);
        this.reports = reports;
        this.texts = texts;
    }

    @Override
    public Rendered render(ReportQuery query, Reader reader) {
        var l = reader.locale();
        var rows = new ArrayList<List<String>>();
        var bars = new ArrayList<BarChart.Bar>();
        for (var c : reports.notifications(query).channels()) {
            String channel = texts.msg(l, "reports.channel." + c.channel());
            rows.add(List.of(channel, Texts.count(c.queued(), l), Texts.count(c.sent(), l), Texts.count(c.delivered(), l),
                    Texts.count(c.failed(), l), Texts.count(c.answered(), l), Texts.duration(c.medianTimeToAnswer(), l)));
            double share = c.queued() == 0 ? 0 : 100.0 * c.delivered() / c.queued();
            bars.add(new BarChart.Bar(channel, share, texts.msg(l, "reports.delivered-share", Texts.number(share, 0, l),
                    Texts.count(c.failed(), l)), c.failed() > 0 ? "warn" : null));
        }
        var charts = List.of(BarChart.svg("chart-delivery", texts.msg(l, "reports.delivery-chart"), bars));
        var tables = List.of(new ReportTable("notifications-by-channel", "reports.by-channel",
                List.of("reports.col.channel", "reports.col.queued", "reports.col.sent", "reports.col.delivered",
                        "reports.col.failed", "reports.col.answered", "reports.col.median-answer"), rows));
        return new Rendered(Map.of("notes", List.of(texts.msg(l, "reports.notifications.note")), "charts", charts),
                tables);
    }
}
