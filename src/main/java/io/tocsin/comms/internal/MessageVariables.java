package io.tocsin.comms.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables message templates see, made from what Tocsin knows and what people typed. Values are shaped for
 * their place in a message ({@link Prose}), so an editor of a template can rely on them: {@code summary} is a
 * sentence, the impact, affected, cause, recovery and key figures are fragments for "Label: value" lines, bullets
 * carry no dash, {@code productList} is a list in words or null, and an unknown value is null (templates say "not
 * known yet" or leave the line out).
 */
public final class MessageVariables {

    /** What goes into a message, as known or typed. */
    public record Facts(String key, String incidentSummary, int severity, String severityLabel, String service,
            List<String> products, String room, String statusDocumentUrl, String summary, String customerImpact,
            String affected, String rootCause, String expectedRecovery, List<String> currentStatus,
            List<String> nextSteps, String nextUpdate, String duration, long ticketCount, String keyFigures) {
    }

    private MessageVariables() {
    }

    public static Map<String, Object> of(Facts f, Locale locale) {
        var v = new LinkedHashMap<String, Object>();
        v.put("key", f.key());
        v.put("incidentSummary", Prose.fragment(f.incidentSummary()));
        v.put("severity", f.severity());
        v.put("severityLabel", f.severityLabel());
        v.put("service", f.service());
        String productList = Prose.list(f.products(), locale);
        v.put("productList", productList);
        v.put("products", productList != null ? productList : f.service());
        v.put("room", f.room());
        v.put("statusDocumentUrl", f.statusDocumentUrl());
        v.put("summary", Prose.sentence(f.summary()));
        v.put("customerImpact", Prose.fragment(f.customerImpact()));
        v.put("affected", Prose.fragment(f.affected()));
        v.put("rootCause", Prose.fragment(f.rootCause()));
        v.put("expectedRecovery", Prose.fragment(f.expectedRecovery()));
        v.put("currentStatus", Prose.bullets(f.currentStatus()));
        v.put("nextSteps", Prose.bullets(f.nextSteps()));
        v.put("nextUpdate", Prose.fragment(f.nextUpdate()));
        v.put("duration", f.duration());
        v.put("ticketCount", f.ticketCount());
        v.put("keyFigures", Prose.fragment(f.keyFigures()));
        return v;
    }
}
