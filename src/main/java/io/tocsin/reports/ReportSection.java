package io.tocsin.reports;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One section of the Reports page, contributed as a bean by any module (reports' own sections, SLA compliance from
 * the {@code sla} module). The page shows the sections by {@link #order()}; each renders its Thymeleaf fragment
 * {@code section} of {@link #template()} with the model it returns (the variable {@code section} holds it), and
 * every table it lists is exported to CSV at {@code /api/v1/reports/csv/{table id}} with the page's filters.
 */
public interface ReportSection {

    /** Stable id, used as the HTML anchor. */
    String id();

    /** Message key of the section heading. */
    String titleKey();

    int order();

    /** Thymeleaf template holding a fragment named {@code section}. */
    String template();

    /** What the fragment renders for this query and reader, and the section's tables (page and CSV export). */
    Rendered render(ReportQuery query, Reader reader);

    record Rendered(Map<String, Object> model, List<ReportTable> tables) {
    }

    /** Who reads: their language (for labels) and whether they may see figures per person (members and admins). */
    record Reader(Locale locale, boolean seesPeople) {
    }
}
