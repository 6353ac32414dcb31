package io.tocsin.alerts.internal.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.alerts.internal.format.Adjustments.Kind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the JSON texts an alert keeps (details, links) so they always fit their columns: Jackson escapes NUL
 * and control characters, unpaired surrogates are replaced, the payload's adjustments are added as
 * {@code tocsin.adjusted}, and details too large for their column are replaced by a note saying so.
 */
public final class Json {

    /** The key under which the details record what Tocsin changed to store the payload. */
    public static final String TOCSIN = "tocsin";

    private final JsonMapper mapper;

    public Json(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The details object with the adjustments added; null when there is nothing to keep. */
    String details(Map<String, Object> details, Adjustments adjustments, int max) {
        if (details.isEmpty() && adjustments.isEmpty()) {
            return null;
        }
        String text = write(withAdjustments(details, adjustments));
        if (text.length() <= max) {
            return text;
        }
        adjustments.add("details", Kind.OMITTED, text.length(), max, "too large to keep");
        return write(withAdjustments(Map.of(), adjustments));
    }

    /** Any JSON the sender gave as details (the generic webhook): an object keeps its shape. */
    String anyDetails(JsonNode given, Adjustments adjustments, int max) {
        var details = new LinkedHashMap<String, Object>();
        if (given != null && !given.isNull()) {
            if (given.isObject()) {
                given.properties().forEach(e -> details.put(e.getKey(), e.getValue()));
            } else {
                details.put("value", given);
            }
        }
        return details(details, adjustments, max);
    }

    private static Map<String, Object> withAdjustments(Map<String, Object> details, Adjustments adjustments) {
        if (adjustments.isEmpty()) {
            return details;
        }
        var copy = new LinkedHashMap<String, Object>(details);
        copy.put(TOCSIN, Map.of("adjusted", adjustments.list()));
        return copy;
    }

    /**
     * A list of links ({@code href}, optional {@code text}); null when empty. Escaping can make the text longer
     * than its parts, so links are dropped from the end until it fits its column.
     */
    String links(List<Map<String, String>> links, Adjustments adjustments) {
        var kept = links;
        while (!kept.isEmpty()) {
            String text = write(kept);
            if (text.length() <= Limits.LINKS) {
                if (kept.size() < links.size()) {
                    adjustments.add("links", Kind.OMITTED, links.size(), kept.size(), "too large to keep");
                }
                return text;
            }
            kept = kept.subList(0, kept.size() / 2);
        }
        if (!links.isEmpty()) {
            adjustments.add("links", Kind.OMITTED, links.size(), 0, "too large to keep");
        }
        return null;
    }

    /** Any value as JSON text the database can store. */
    public String write(Object value) {
        return Text.clean(mapper.writeValueAsString(value), "json", null);
    }

    /** Collects links: href and text cleaned and cut, at most {@link Limits#MAX_LINKS}. */
    static final class Links {
        private final List<Map<String, String>> list = new ArrayList<>(2);
        private final Adjustments adjustments;
        private int omitted;

        Links(Adjustments adjustments) {
            this.adjustments = adjustments;
        }

        void add(String href, String text, String field) {
            if (href == null || href.isBlank()) {
                return;
            }
            if (list.size() >= Limits.MAX_LINKS) {
                omitted++;
                return;
            }
            var link = new LinkedHashMap<String, String>(4);
            link.put("href", Text.fit(href.strip(), Limits.LINK_HREF, field + ".href", adjustments));
            if (text != null) {
                link.put("text", Text.fit(text, Limits.LINK_TEXT, field + ".text", adjustments));
            }
            list.add(link);
        }

        List<Map<String, String>> done() {
            if (omitted > 0) {
                adjustments.add("links", Kind.OMITTED, list.size() + omitted, list.size(), null);
            }
            return list;
        }
    }
}
