package io.tocsin.reports.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.Priority;
import io.tocsin.reports.ReportQuery;
import io.tocsin.reports.ReportSections;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The Reports page: the filter form, then every contributed section in order, each table with its CSV link. */
@Controller
class ReportPage {

    private final ReportSections sections;
    private final Catalog catalog;
    private final Identity identity;
    private final Clock clock;

    ReportPage(ReportSections sections, Catalog catalog, Identity identity, Clock clock) {
        this.sections = sections;
        this.catalog = catalog;
        this.identity = identity;
        this.clock = clock;
    }

    @Bean
    static NavigationItem reportsNavigation() {
        return new NavigationItem(Section.COMMUNICATION, "nav.reports", "/reports", 80);
    }

    List<ReportSections.Shown> render(ReportQuery query, Locale locale) {
        return sections.render(query, ReportFilters.reader(locale));
    }

    @GetMapping("/reports")
    String page(@ModelAttribute ReportFilters filters, Model model, Locale locale, HttpServletRequest request) {
        ReportQuery query;
        try {
            query = filters.toQuery(clock.instant());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.byField());
            query = new ReportFilters(null, null, null, null, null, null).toQuery(clock.instant());
        }
        var zone = query.zone();
        model.addAttribute("fromDate", LocalDate.ofInstant(query.from(), zone));
        model.addAttribute("toDate", LocalDate.ofInstant(query.to(), zone).minusDays(1));
        model.addAttribute("query", query);
        model.addAttribute("teams", identity.teams());
        model.addAttribute("services", catalog.services());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("shown", render(query, locale));
        model.addAttribute("csvQuery", request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return "reports/reports";
    }
}
