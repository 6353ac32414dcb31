package io.tocsin.statuspage;

import java.util.List;
import java.util.Map;

import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;

/**
 * A visitor's subscription that is refused, with a typed reason per field (issue 11 points 1 and 6, R23): the
 * public forms show each reason in the visitor's language (messages {@code statuspage.refused.*}), while REST
 * callers keep the English problem+json every other endpoint gives.
 */
public class SubscriptionRefused extends InvalidInputException {

    /** Why a field was refused; {@link #key()} is its message in statuspage*.properties. */
    public enum Reason {
        URL_MISSING, URL_INVALID, URL_NOT_HTTPS, URL_UNSAFE, EMAIL_MISSING, EMAIL_INVALID, COMPONENTS_UNKNOWN;

        public String key() {
            return "statuspage.refused." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** One refused field: its JSON name, the typed reason and the English text of the API. */
    public record Refusal(String field, Reason reason, String message) {
    }

    private final List<Refusal> refusals;

    public SubscriptionRefused(List<Refusal> refusals) {
        super(refusals.stream().map(r -> new FieldViolation(r.field(), r.message())).toList());
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }

    /** The reason of each field, in the order found. */
    public Map<String, Reason> reasons() {
        var map = new java.util.LinkedHashMap<String, Reason>();
        refusals.forEach(r -> map.putIfAbsent(r.field(), r.reason()));
        return map;
    }
}
