package io.tocsin.shared;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A box a module adds to a page it does not own (the dashboard, the incident page, a service page), so pages
 * stay decoupled from the modules that enrich them. The template must define a fragment named {@code panel};
 * it sees the map returned by {@link #model} as the variable {@code panelModel}.
 */
public interface UiPanel {

    String DASHBOARD = "dashboard";
    String INCIDENT_SIDE = "incident-side";
    String INCIDENT_MAIN = "incident-main";
    String SERVICE = "service";
    /** A small badge next to an incident's status in the incident list; the subject is its {@code IncidentSummary}. */
    String INCIDENT_ROW = "incident-row";
    String PROFILE = "profile";
    /** A warning above every page's content for the person viewing it, e.g. "nobody can page you". */
    String BANNER = "banner";
    /** Buttons in the incident update composer's action row; the subject is the incident key. */
    String UPDATE_COMPOSER = "update-composer";
    /** Buttons above a postmortem's sections; the subject is the incident key. */
    String POSTMORTEM_ACTIONS = "postmortem-actions";
    /** A small status in the top bar, e.g. "on call until Tue 09:00". */
    String TOPBAR = "topbar";

    /** Which page and column the panel goes on: one of the constants above. */
    String page();

    /** Smaller first. */
    int order();

    /** Template name, e.g. {@code oncall/panels}; it must contain {@code th:fragment="panel"}. */
    String template();

    /** {@code subject} is null on the dashboard, the incident on incident pages, the service on service pages. */
    Map<String, Object> model(Context context);

    record Context(Object subject, UUID viewerId, Locale locale, ZoneId zone) {
    }

    /** A panel from its parts, for modules that declare panels as beans. */
    static UiPanel of(String page, int order, String template, Function<Context, Map<String, Object>> model) {
        record Simple(String page, int order, String template, Function<Context, Map<String, Object>> content)
                implements UiPanel {

            @Override
            public Map<String, Object> model(Context context) {
                return content.apply(context);
            }
        }
        return new Simple(page, order, template, model);
    }
}
