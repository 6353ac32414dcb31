package io.tocsin.alerts.internal.format;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reads one payload's fields and collects what is wrong with them: a field present with the wrong type is an
 * error (it can never be accepted as that field); an absent or null field is simply absent. Also carries the
 * payload's {@link Adjustments}.
 */
final class Payload {

    final List<FieldError> errors = new ArrayList<>(0);
    final Adjustments adjustments = new Adjustments();

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** The field's text as sent, or null when absent; {@code path} names it in errors. */
    String string(JsonNode node, String field, String path) {
        var value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            error(path, "must be a string");
            return null;
        }
        return value.asString();
    }

    /** Cleaned and cut to {@code max}: see {@link Text#fit}. */
    String text(JsonNode node, String field, String path, int max) {
        return Text.fit(string(node, field, path), max, path, adjustments);
    }

    /** Like {@link #text}, but blank counts as absent; the result is stripped. */
    String nonBlank(JsonNode node, String field, String path, int max) {
        String s = string(node, field, path);
        return s == null || s.isBlank() ? null : Text.fit(s.strip(), max, path, adjustments);
    }

    /** The field when it is an object (else null, with an error when present with another type). */
    JsonNode object(JsonNode node, String field, String path) {
        var value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            error(path, "must be an object");
            return null;
        }
        return value;
    }

    /** The field when it is an array (else null, with an error when present with another type). */
    JsonNode array(JsonNode node, String field, String path) {
        var value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            error(path, "must be an array");
            return null;
        }
        return value;
    }
}
