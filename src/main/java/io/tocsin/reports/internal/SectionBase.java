package io.tocsin.reports.internal;

import io.tocsin.reports.ReportSection;

/** The reports module's own sections: an id, a heading and a place, all rendered by {@code reports/section}. */
abstract class SectionBase implements ReportSection {

    private final String id;
    private final int order;

    SectionBase(String id, int order) {
        this.id = id;
        this.order = order;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String titleKey() {
        return "reports." + id;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public String template() {
        return "reports/section";
    }
}
