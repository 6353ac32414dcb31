package io.tocsin.alerts.internal.format;

/** A payload field that can never be accepted as sent; {@code field} is null for the body as a whole. */
public record FieldError(String field, String message) {

    /** As PagerDuty and the webhooks list errors: {@code 'payload.summary' is required}. */
    public String quoted() {
        return field == null ? message : "'" + field + "' " + message;
    }
}
