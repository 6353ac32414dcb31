package io.tocsin.badinput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The operations of the served OpenAPI document: method, path template, parameters and request body schema. */
final class OpenApiOperations {

    record Param(String name, String in, JsonNode schema) {

        String type() {
            return schema.path("type").asString("string");
        }

        String format() {
            return schema.path("format").asString("");
        }
    }

    record Operation(String method, String path, List<Param> params, JsonNode body) {

        String key() {
            return method + " " + path;
        }

        List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        boolean hasBody() {
            return body != null;
        }
    }

    private final JsonNode doc;

    OpenApiOperations(JsonNode doc) {
        this.doc = doc;
    }

    /**
     * Every operation, reads first and deletes last, so the destructive ones remove the fixtures only after every
     * other operation has used them.
     */
    List<Operation> all() {
        var operations = new ArrayList<Operation>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            var params = new ArrayList<Param>();
            op.getValue().path("parameters").forEach(p -> params.add(
                    new Param(p.get("name").asString(), p.get("in").asString(), resolve(p.path("schema")))));
            var content = op.getValue().path("requestBody").path("content");
            JsonNode body = content.isMissingNode() ? null
                    : resolve(content.propertyStream().findFirst().orElseThrow().getValue().path("schema"));
            operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), params, body));
        }));
        operations.sort(Comparator.comparingInt((Operation o) -> order(o.method())).thenComparing(Operation::path));
        return operations;
    }

    private static int order(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "DELETE" -> 2;
            default -> 1;
        };
    }

    /** The schema with a {@code $ref} replaced by what it names (one level; callers resolve nested ones). */
    JsonNode resolve(JsonNode schema) {
        if (schema != null && schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            return doc.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }
}
