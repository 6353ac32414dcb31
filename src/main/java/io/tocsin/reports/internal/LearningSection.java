package io.tocsin.reports.internal;

import java.util.List;
import java.util.Map;

import io.tocsin.reports.BarChart;
import io.tocsin.reports.ReportQuery;
import io.tocsin.reports.ReportTable;
import io.tocsin.reports.Reports;
import org.springframework.stereotype.Component;

/** Learning: postmortems drafted in the period and done on time, action items open and overdue (R28). */
@Component
class LearningSection extends SectionBase {

    private final Reports reports;
    private final Texts texts;

    LearningSection(Reports reports, Texts texts) {
        super("learning", 50);
        this.reports = reports;
        this.texts = texts;
    }

    @Override
    public Rendered render(ReportQuery query, Reader reader) {
        var l = reader.locale();
        var r = reports.learning(query);
        var rows = List.of(
                List.of(texts.msg(l, "reports.pm.drafted"), Texts.count(r.postmortems(), l)),
                List.of(texts.msg(l, "reports.pm.published"), Texts.count(r.published(), l)),
                List.of(texts.msg(l, "reports.pm.on-time"), Texts.count(r.publishedOnTime(), l)),
                List.of(texts.msg(l, "reports.pm.overdue"), Texts.count(r.overdue(), l)),
                List.of(texts.msg(l, "reports.ai.created"), Texts.count(r.actionItems(), l)),
                List.of(texts.msg(l, "reports.ai.open"), Texts.count(r.actionItemsOpen(), l)),
                List.of(texts.msg(l, "reports.ai.overdue"), Texts.count(r.actionItemsOverdue(), l)),
                List.of(texts.msg(l, "reports.ai.done"), Texts.count(r.actionItemsDone(), l)));
        var bars = List.of(
                new BarChart.Bar(texts.msg(l, "reports.pm.on-time"), r.publishedOnTime(), Texts.count(r.publishedOnTime(), l)),
                new BarChart.Bar(texts.msg(l, "reports.pm.late"), r.published() - r.publishedOnTime(),
                        Texts.count(r.published() - r.publishedOnTime(), l), "warn"),
                new BarChart.Bar(texts.msg(l, "reports.pm.overdue"), r.overdue(), Texts.count(r.overdue(), l), "bad"),
                new BarChart.Bar(texts.msg(l, "reports.ai.open"), r.actionItemsOpen(), Texts.count(r.actionItemsOpen(), l)),
                new BarChart.Bar(texts.msg(l, "reports.ai.overdue"), r.actionItemsOverdue(),
                        Texts.count(r.actionItemsOverdue(), l), "bad"));
        return new Rendered(Map.of("notes", List.of(texts.msg(l, "reports.learning.note")), "charts",
                List.of(BarChart.svg("chart-learning", texts.msg(l, "reports.learning"), bars))),
                List.of(new ReportTable("learning", "reports.learning",
                        List.of("reports.col.measure", "reports.col.count"), rows)));
    }
}
