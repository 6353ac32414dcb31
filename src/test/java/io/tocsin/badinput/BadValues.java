package io.tocsin.badinput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The corpus of bad values, by what they are wrong for. Kinds name the classes of the corpus, so the
 * summary can say which class an endpoint stumbled over.
 */
final class BadValues {

    static final String NUL = "a\u0000b";
    static final String LONE_SURROGATE = "x\uD800y";
    static final String HUGE_TEXT = "x".repeat(100_000);
    static final String LONG_SEGMENT = "y".repeat(3_000);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Writes every non-ASCII character as a \\u escape: a lone surrogate has no UTF-8 form to send otherwise. */
    static final JsonMapper WRITER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** A bad JSON value and the class it belongs to. */
    record Value(String kind, String label, JsonNode json) {
    }

    /** A bad text for a path or query parameter, already percent-encoded as it goes on the wire. */
    record Raw(String kind, String label, String encoded) {
    }

    private BadValues() {
    }

    /** Bad values for a JSON property with this schema. */
    static List<Value> forProperty(JsonNode schema) {
        var values = new ArrayList<Value>();
        values.add(new Value("null", "null", NODES.nullNode()));
        values.add(new Value("nul-character", "\\u0000 in a string", NODES.stringNode(NUL)));
        String type = SampleBodies.type(schema);
        String format = schema.path("format").asString("");
        switch (type) {
            case "integer", "number" -> {
                values.add(new Value("extreme-number", "-2^63", NODES.numberNode(Long.MIN_VALUE)));
                values.add(new Value("extreme-number", "2^63-1", NODES.numberNode(Long.MAX_VALUE)));
                values.add(new Value("extreme-number", "2^64", NODES.numberNode(new java.math.BigInteger("18446744073709551616"))));
                values.add(new Value("extreme-number", "1e308", NODES.numberNode(1e308)));
                values.add(new Value("extreme-number", "-1e308", NODES.numberNode(-1e308)));
                values.add(new Value("extreme-number", "1.5", NODES.numberNode(1.5)));
                values.add(new Value("nan-like", "\"NaN\"", NODES.stringNode("NaN")));
                values.add(new Value("nan-like", "\"Infinity\"", NODES.stringNode("-Infinity")));
                values.add(new Value("wrong-type", "object for a number", NODES.objectNode()));
                values.add(new Value("wrong-type", "true for a number", NODES.booleanNode(true)));
            }
            case "boolean" -> {
                values.add(new Value("wrong-type", "\"maybe\" for a boolean", NODES.stringNode("maybe")));
                values.add(new Value("wrong-type", "2 for a boolean", NODES.numberNode(2)));
            }
            case "array" -> {
                values.add(new Value("wrong-type", "object for an array", NODES.objectNode()));
                values.add(new Value("wrong-type", "string for an array", NODES.stringNode("x")));
                values.add(new Value("null", "[null]", NODES.arrayNode().addNull()));
            }
            case "object" -> {
                values.add(new Value("wrong-type", "string for an object", NODES.stringNode("x")));
                values.add(new Value("wrong-type", "array for an object", NODES.arrayNode().add(1)));
            }
            default -> {
                values.add(new Value("lone-surrogate", "lone UTF-16 surrogate", NODES.stringNode(LONE_SURROGATE)));
                values.add(new Value("wrong-type", "object for a string", NODES.objectNode().put("a", 1)));
                values.add(new Value("wrong-type", "array for a string", NODES.arrayNode().add("a")));
                values.add(new Value("huge-value", "100,000 characters", NODES.stringNode(HUGE_TEXT)));
                if (schema.has("enum")) {
                    values.add(new Value("bad-enum", "unknown constant", NODES.stringNode("NO_SUCH_VALUE")));
                    values.add(new Value("bad-enum", "lower case constant",
                            NODES.stringNode(schema.get("enum").get(0).asString().toLowerCase() + "x")));
                }
                switch (format) {
                    case "uuid" -> {
                        values.add(new Value("bad-id", "not a UUID", NODES.stringNode("not-a-uuid")));
                        values.add(new Value("bad-id", "unknown UUID", NODES.stringNode(UUID.randomUUID().toString())));
                    }
                    case "date-time" -> dates(values, "T00:00:00Z");
                    case "date" -> dates(values, "");
                    default -> {
                        values.add(new Value("extreme-number", "\"-9223372036854775808\"",
                                NODES.stringNode("-9223372036854775808")));
                        values.add(new Value("nan-like", "\"NaN\"", NODES.stringNode("NaN")));
                    }
                }
            }
        }
        return values;
    }

    private static void dates(List<Value> values, String time) {
        for (String date : List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01", "2026-02-30", "99999-01-01")) {
            values.add(new Value("date-out-of-range", date + time, NODES.stringNode(date + time)));
        }
        values.add(new Value("date-out-of-range", "not a date", NODES.stringNode("yesterday")));
        values.add(new Value("extreme-number", "epoch millis -2^63", NODES.numberNode(Long.MIN_VALUE)));
    }

    /** Bad values for a path parameter of this schema (other path parameters keep existing ids). */
    static List<Raw> forPath(OpenApiOperations.Param param) {
        var values = new ArrayList<Raw>();
        values.add(new Raw("nul-character", "%00", "%00"));
        values.add(new Raw("nul-character", "a%00b", "a%00b"));
        values.add(new Raw("bad-id", "invalid UTF-8", "%C3%28"));
        values.add(new Raw("bad-id", "3,000 characters", LONG_SEGMENT));
        values.add(new Raw("bad-id", "space", "%20"));
        switch (param.type()) {
            case "integer", "number" -> {
                values.add(new Raw("extreme-number", "-2^63", "-9223372036854775808"));
                values.add(new Raw("extreme-number", "2^63", "9223372036854775808"));
                values.add(new Raw("extreme-number", "1e308", "1e308"));
                values.add(new Raw("nan-like", "NaN", "NaN"));
            }
            default -> {
                if (param.schema().has("enum")) {
                    values.add(new Raw("bad-enum", "unknown constant", "NO_SUCH_VALUE"));
                } else if (param.format().equals("uuid")) {
                    values.add(new Raw("bad-id", "unknown UUID", UUID.randomUUID().toString()));
                    values.add(new Raw("bad-id", "not a UUID", "not-a-uuid"));
                    values.add(new Raw("extreme-number", "-2^63", "-9223372036854775808"));
                } else {
                    values.add(new Raw("bad-id", "unknown key", "INC-99999999999999999999"));
                    values.add(new Raw("bad-id", "negative key", "INC--1"));
                    values.add(new Raw("bad-id", "unknown id", UUID.randomUUID().toString()));
                }
            }
        }
        return values;
    }

    /** Bad values for a query parameter of this schema. */
    static List<Raw> forQuery(OpenApiOperations.Param param) {
        var values = new ArrayList<Raw>();
        values.add(new Raw("nul-character", "%00", "%00"));
        values.add(new Raw("nul-character", "a%00b", "a%00b"));
        values.add(new Raw("malformed-query", "invalid percent-encoding", "%zz"));
        values.add(new Raw("malformed-query", "invalid UTF-8", "%C3%28"));
        values.add(new Raw("huge-value", "3,000 characters", LONG_SEGMENT));
        JsonNode schema = param.schema();
        String type = param.type();
        if (type.equals("array")) {
            schema = schema.path("items");
            type = SampleBodies.type(schema);
            values.add(new Raw("bad-enum", "list with a bad member", "1,%00,NO_SUCH_VALUE"));
        }
        switch (type) {
            case "integer", "number" -> {
                values.add(new Raw("extreme-number", "-2^63", "-9223372036854775808"));
                values.add(new Raw("extreme-number", "2^63-1", "9223372036854775807"));
                values.add(new Raw("extreme-number", "2^64", "18446744073709551616"));
                values.add(new Raw("extreme-number", "1e308", "1e308"));
                values.add(new Raw("nan-like", "NaN", "NaN"));
                values.add(new Raw("extreme-number", "-1", "-1"));
            }
            case "boolean" -> values.add(new Raw("wrong-type", "maybe", "maybe"));
            default -> {
                if (schema.has("enum")) {
                    values.add(new Raw("bad-enum", "unknown constant", "NO_SUCH_VALUE"));
                }
                switch (schema.path("format").asString("")) {
                    case "uuid" -> values.add(new Raw("bad-id", "not a UUID", "not-a-uuid"));
                    case "date-time" -> {
                        values.add(new Raw("date-out-of-range", "+999999999-12-31T23:59:59Z", "%2B999999999-12-31T23:59:59Z"));
                        values.add(new Raw("date-out-of-range", "-999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z"));
                        values.add(new Raw("date-out-of-range", "0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"));
                        values.add(new Raw("date-out-of-range", "2026-02-30T00:00:00Z", "2026-02-30T00:00:00Z"));
                        values.add(new Raw("date-out-of-range", "not a date", "yesterday"));
                    }
                    default -> values.add(new Raw("extreme-number", "-2^63", "-9223372036854775808"));
                }
            }
        }
        return values;
    }

    /** Bad values for a header parameter (If-Match is the only one the API declares). */
    static List<Raw> forHeader() {
        return List.of(new Raw("bad-header", "not a version", "\"abc\""),
                new Raw("bad-header", "below -2^63", "\"-9223372036854775809\""),
                new Raw("bad-header", "above 2^63", "\"99999999999999999999\""),
                new Raw("bad-header", "weak", "W/\"1\""), new Raw("bad-header", "any", "*"),
                new Raw("bad-header", "unquoted", "1"), new Raw("bad-header", "empty", "\"\""));
    }

    /** Whole bodies that are not the JSON object an endpoint takes. */
    static Map<String, byte[]> malformedBodies() {
        var bodies = new LinkedHashMap<String, byte[]>();
        bodies.put("truncated object", utf8("{\"a\":"));
        bodies.put("missing value", utf8("{\"a\":}"));
        bodies.put("trailing comma", utf8("{\"a\":1,}"));
        bodies.put("single quotes", utf8("{'a':'b'}"));
        bodies.put("two documents", utf8("{\"a\":1}{\"b\":2}"));
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.put("raw NUL byte in a string", new byte[] {'{', '"', 'a', '"', ':', '"', 'x', 0, 'y', '"', '}'});
        bodies.put("lone surrogate as UTF-8 bytes", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, '"', '}'});
        bodies.put("unknown escape", utf8("{\"a\":\"\\q\"}"));
        bodies.put("NaN literal", utf8("{\"a\":NaN}"));
        bodies.put("comment", utf8("{/* c */}"));
        return bodies;
    }

    static Map<String, String> wrongShapes() {
        var bodies = new LinkedHashMap<String, String>();
        bodies.put("array", "[]");
        bodies.put("null", "null");
        bodies.put("string", "\"text\"");
        bodies.put("number", "42");
        bodies.put("boolean", "true");
        bodies.put("empty", "");
        bodies.put("whitespace", "   ");
        bodies.put("byte order mark and an empty object", "\uFEFF{}");
        return bodies;
    }

    static Map<String, String> deepNesting() {
        var bodies = new LinkedHashMap<String, String>();
        bodies.put("100,000 nested arrays", "[".repeat(100_000) + "]".repeat(100_000));
        bodies.put("10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        bodies.put("2,000 nested arrays in a property", "{\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");
        return bodies;
    }

    /** Content types a JSON endpoint does not take, each with a body in that type. */
    static Map<String, String> oddContentTypes(String json) {
        var types = new LinkedHashMap<String, String>();
        types.put("multipart/form-data", "junk");
        types.put("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--XyZ--\r\n");
        types.put("application/xml", "<a>b</a>");
        types.put("application/x-www-form-urlencoded", "a=b");
        types.put("text/plain", json);
        types.put("application/octet-stream", json);
        types.put("", json);
        types.put("application/json; charset=no-such-charset", json);
        types.put("not a media type", json);
        return types;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
