package io.tocsin.reports.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Team;
import io.tocsin.reports.BarChart;
import io.tocsin.reports.Fairness;
import io.tocsin.reports.ReportQuery;
import io.tocsin.reports.ReportTable;
import io.tocsin.reports.Reports;
import org.springframework.stereotype.Component;

/**
 * On-call load and fairness per person and team (R20). Stakeholders see each team's fairness figures only, not the
 * load of named people.
 */
@Component
class OnCallSection extends SectionBase {

    private final Reports reports;
    private final Identity identity;
    private final Texts texts;

    OnCallSection(Reports reports, Identity identity, Texts texts) {
        super("on-call", 20);
        this.reports = reports;
        this.identity = identity;
        this.texts = texts;
    }

    @Override
    public Rendered render(ReportQuery query, Reader reader) {
        var l = reader.locale();
        var teams = reports.onCall(query).teams();
        var userIds = new HashSet<UUID>();
        teams.forEach(t -> t.people().forEach(p -> userIds.add(p.userId())));
        var users = identity.usersById(userIds);
        var teamNames = new java.util.HashMap<UUID, String>();
        identity.teams().forEach((Team t) -> teamNames.put(t.id(), t.name()));
        var people = new ArrayList<List<String>>();
        var fairness = new ArrayList<List<String>>();
        var charts = new ArrayList<String>();
        for (var t : teams) {
            String team = t.teamId() == null ? texts.msg(l, "reports.no-team")
                    : teamNames.getOrDefault(t.teamId(), t.teamId().toString());
            fairness.add(List.of(team, Texts.count(t.people().size(), l), fair(t.pages(), l), fair(t.nightPages(), l),
                    fair(t.hours(), l)));
            if (!reader.seesPeople()) {
                continue;
            }
            var bars = new ArrayList<BarChart.Bar>();
            for (var p : t.people()) {
                var user = users.get(p.userId());
                String name = user == null ? p.userId().toString() : user.name();
                people.add(List.of(team, name, user == null ? "" : user.zone().getId(), Texts.number(p.hoursOnCall(), 1, l),
                        Texts.count(p.shifts(), l), Texts.count(p.pages(), l), Texts.count(p.nightPages(), l),
                        Texts.count(p.weekendPages(), l), p.interruptionsPerShift() == null ? "–"
                                : Texts.number(p.interruptionsPerShift(), 2, l),
                        Texts.duration(p.meanTimeToAck(), l)));
                if (bars.size() < 20) {
                    bars.add(new BarChart.Bar(name, p.pages(), texts.msg(l, "reports.pages-of",
                            Texts.count(p.pages(), l), Texts.count(p.nightPages(), l))));
                }
            }
            if (!bars.isEmpty()) {
                charts.add(BarChart.svg("chart-pages-" + (t.teamId() == null ? "none" : t.teamId()),
                        texts.msg(l, "reports.pages-per-person", team), bars));
            }
        }
        var tables = new ArrayList<ReportTable>();
        tables.add(new ReportTable("on-call-fairness", "reports.fairness",
                List.of("reports.col.team", "reports.col.people", "reports.col.pages-spread",
                        "reports.col.night-spread", "reports.col.hours-spread"), fairness));
        if (reader.seesPeople()) {
            tables.add(new ReportTable("on-call-people", "reports.people",
                    List.of("reports.col.team", "reports.col.person", "reports.col.zone", "reports.col.hours",
                            "reports.col.shifts", "reports.col.pages", "reports.col.night", "reports.col.weekend",
                            "reports.col.per-shift", "reports.col.tta"), people));
        }
        var notes = new ArrayList<String>(List.of(texts.msg(l, "reports.on-call.note"),
                texts.msg(l, "reports.fairness.note")));
        if (!Reports.shiftsNotFilteredBy(query).isEmpty()) {
            notes.add(texts.msg(l, "reports.on-call.shift-filters"));
        }
        if (!reader.seesPeople()) {
            notes.add(texts.msg(l, "reports.on-call.stakeholder"));
        }
        return new Rendered(Map.of("notes", notes, "charts", charts), tables);
    }

    /** "CV 0.35 · max/min 2.00" */
    private String fair(Fairness f, java.util.Locale l) {
        return texts.msg(l, "reports.spread", Texts.ratio(f.coefficientOfVariation(), l), Texts.ratio(f.maxMinRatio(), l));
    }
}
