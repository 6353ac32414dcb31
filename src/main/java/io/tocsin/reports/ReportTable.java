package io.tocsin.reports;

import java.util.List;

/**
 * A table of a report section as the page shows it and CSV exports it: an id unique on the Reports page (the CSV
 * file name), message keys of its title and column headings, and its rows as display texts.
 */
public record ReportTable(String id, String titleKey, List<String> headingKeys, List<List<String>> rows) {

    public ReportTable {
        headingKeys = List.copyOf(headingKeys);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
