package io.tocsin.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.badinput.OpenApiOperations.Operation;
import io.tocsin.badinput.OpenApiOperations.Param;
import io.tocsin.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bad-input cases of one REST operation, generated from its OpenAPI description: each path parameter spoilt
 * while the others name existing things, each query and header parameter spoilt, and for operations with a body
 * every property (nested ones too) spoilt in an otherwise plausible body, plus bodies that are no JSON object at
 * all, too deep, too large, or sent as another content type.
 * <p>
 * What the API promises beyond "no 5xx" is written into the cases: a NUL character or lone surrogate anywhere is a
 * 400 naming the parameter or the field path; a body in another content type is a 415; a body over the limit a 413.
 */
final class RestCorpus {

    /** The largest body the REST API reads (docs/api.md); the huge-body case is just over it. */
    static final int BODY_LIMIT = 1024 * 1024;
    private static final int MAX_FIELD_DEPTH = 4;

    private final Fixture fixture;
    private final SampleBodies samples;
    private final OpenApiOperations api;

    RestCorpus(OpenApiOperations api, Fixture fixture) {
        this.api = api;
        this.fixture = fixture;
        this.samples = new SampleBodies(api, fixture);
    }

    /** The operation's path with every path parameter naming an existing thing. */
    String existingPath(Operation op) {
        String path = op.path();
        for (Param p : op.in("path")) {
            path = path.replace("{" + p.name() + "}", fixture.existing(op.path(), p.name()));
        }
        return path;
    }

    JsonNode sample(Operation op) {
        return samples.sample(op.body());
    }

    List<Case> cases(Operation op) {
        var cases = new ArrayList<Case>();
        String target = op.key();
        String path = existingPath(op);
        String sample = op.hasBody() ? BadValues.WRITER.writeValueAsString(sample(op)) : null;
        String json = op.hasBody() ? "application/json" : null;

        for (Param p : op.in("path")) {
            for (var bad : BadValues.forPath(p)) {
                String uri = op.path();
                for (Param other : op.in("path")) {
                    uri = uri.replace("{" + other.name() + "}",
                            other == p ? bad.encoded() : fixture.existing(op.path(), other.name()));
                }
                cases.add(Case.of(target, bad.kind(), "{" + p.name() + "}: " + bad.label(), op.method(), uri, json, sample));
            }
        }
        for (Param p : op.in("query")) {
            for (var bad : BadValues.forQuery(p)) {
                var c = Case.of(target, bad.kind(), p.name() + "=" + bad.label(), op.method(),
                        path + "?" + p.name() + "=" + bad.encoded(), json, sample);
                cases.add(bad.kind().equals("nul-character") ? c.expecting(400, p.name()) : c);
            }
        }
        for (Param p : op.in("header")) {
            for (var bad : BadValues.forHeader()) {
                cases.add(Case.of(target, bad.kind(), p.name() + ": " + bad.label(), op.method(), path, json, sample)
                        .withHeaders(Map.of(p.name(), bad.encoded())));
            }
        }
        cases.add(Case.of(target, "malformed-query", "undecodable query string", op.method(),
                path + "?%zz=1&lang=%C3%28", json, sample).expecting(400, null));
        cases.add(Case.of(target, "nul-character", "NUL in an unknown query parameter", op.method(),
                path + "?extra=%00", json, sample).expecting(400, "extra"));
        cases.add(Case.of(target, "content-type", "multipart/form-data on any operation", op.method(), path,
                "multipart/form-data", "junk"));

        if (op.hasBody()) {
            bodyCases(op, target, path, sample, cases);
        }
        return cases;
    }

    private void bodyCases(Operation op, String target, String path, String sample, List<Case> cases) {
        String json = "application/json";
        String method = op.method();
        BadValues.malformedBodies().forEach((label, bytes) -> cases.add(new Case(target, "malformed-json", label,
                method, path, json, bytes, Map.of(), new Case.Expect(400, null, null))));
        BadValues.wrongShapes().forEach((label, body) -> cases.add(Case.of(target, "wrong-type", "body is " + label,
                method, path, json, body)));
        BadValues.deepNesting().forEach((label, body) -> cases.add(Case.of(target, "deep-nesting", label, method, path,
                json, body).expecting(400, null)));
        BadValues.oddContentTypes(sample).forEach((type, body) -> {
            var c = Case.of(target, "content-type", type.isEmpty() ? "no content type" : type, method, path,
                    type.isEmpty() ? null : type, body);
            cases.add(type.startsWith("application/json") ? c : c.expecting(415, null));
        });
        cases.add(Case.of(target, "malformed-form", "undecodable form body", method, path,
                "application/x-www-form-urlencoded", "a=%zz&b=%C3%28"));
        var sampleNode = sample(op);
        if (sampleNode instanceof ObjectNode object) {
            var huge = object.deepCopy();
            huge.put("padding", "z".repeat(BODY_LIMIT + 1));
            cases.add(Case.of(target, "huge-body", "just over 1 MB", method, path, json,
                    BadValues.WRITER.writeValueAsString(huge)).expecting(413, null));
            var nulKey = object.deepCopy();
            nulKey.put("bad\u0000key", "x");
            cases.add(Case.of(target, "nul-character", "NUL in a property name", method, path, json,
                    BadValues.WRITER.writeValueAsString(nulKey)).expecting(400, "bad\\u0000key"));
            var surrogateKey = object.deepCopy();
            surrogateKey.put("bad\uDC00key", "x");
            // Jackson itself refuses a property name it cannot encode: a 400 before any field is known.
            cases.add(Case.of(target, "lone-surrogate", "lone surrogate in a property name", method, path, json,
                    BadValues.WRITER.writeValueAsString(surrogateKey)).expecting(400, null));
        }
        fields(op.body(), "", 0, (fieldPath, schema) -> {
            for (var bad : BadValues.forProperty(schema)) {
                var body = set(sampleNode.deepCopy(), fieldPath, bad.json());
                var c = Case.of(target, bad.kind(), fieldPath + ": " + bad.label(), method, path, json,
                        BadValues.WRITER.writeValueAsString(body));
                boolean unstorable = bad.kind().equals("nul-character") || bad.kind().equals("lone-surrogate");
                cases.add(unstorable ? c.expecting(400, fieldPath) : c);
            }
        });
    }

    private interface FieldVisitor {
        void visit(String path, JsonNode schema);
    }

    /** Every property path of the schema, nested objects and first array elements included. */
    private void fields(JsonNode schema, String prefix, int depth, FieldVisitor visitor) {
        schema = api.resolve(schema);
        if (schema == null || depth > MAX_FIELD_DEPTH) {
            return;
        }
        for (var p : schema.path("properties").properties()) {
            String path = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
            JsonNode property = api.resolve(p.getValue());
            visitor.visit(path, property);
            if (SampleBodies.type(property).equals("array")) {
                JsonNode items = api.resolve(property.path("items"));
                visitor.visit(path + "[0]", items);
                fields(items, path + "[0]", depth + 1, visitor);
            } else {
                fields(property, path, depth + 1, visitor);
            }
        }
    }

    /** Sets the value at a path such as {@code levels[0].targets[0].type}, creating what is missing. */
    static JsonNode set(JsonNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            boolean indexed = part.endsWith("[0]");
            String name = indexed ? part.substring(0, part.length() - 3) : part;
            ObjectNode object = (ObjectNode) node;
            if (!indexed) {
                if (last) {
                    object.set(name, value);
                    return root;
                }
                if (!(object.get(name) instanceof ObjectNode)) {
                    object.putObject(name);
                }
                node = object.get(name);
                continue;
            }
            ArrayNode array = object.get(name) instanceof ArrayNode a ? a : object.putArray(name);
            if (last) {
                if (array.isEmpty()) {
                    array.add(value);
                } else {
                    array.set(0, value);
                }
                return root;
            }
            if (array.isEmpty() || !(array.get(0) instanceof ObjectNode)) {
                if (array.isEmpty()) {
                    array.addObject();
                } else {
                    array.set(0, array.objectNode());
                }
            }
            node = array.get(0);
        }
        return root;
    }
}
