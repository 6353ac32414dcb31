package io.tocsin.importer.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** Small, tolerant readers of the vendors' JSON: absent or null fields read as null, unknown ones are ignored. */
public final class Json {

    private Json() {
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asString();
    }

    public static String text(JsonNode node, String object, String field) {
        return node == null ? null : text(node.get(object), field);
    }

    public static Instant instant(JsonNode node, String field) {
        String s = text(node, field);
        return s == null || s.isBlank() ? null : OffsetDateTime.parse(s).toInstant();
    }

    public static long number(JsonNode node, String field, long fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isNumber() ? fallback : v.asLong();
    }

    public static List<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        var out = new ArrayList<JsonNode>();
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }
}
