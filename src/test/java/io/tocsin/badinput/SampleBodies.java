package io.tocsin.badinput;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plausible, mostly valid request body for a schema of the OpenAPI document: ids of existing fixtures where a
 * property's name says what it refers to, sensible values for zones, e-mail addresses, times and periods. Each
 * bad-input case spoils one thing of such a body, so the spoilt value is what the endpoint stumbles over rather
 * than some other missing field.
 */
final class SampleBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 5;

    private final OpenApiOperations api;
    private final Fixture fixture;

    SampleBodies(OpenApiOperations api, Fixture fixture) {
        this.api = api;
        this.fixture = fixture;
    }

    JsonNode sample(JsonNode schema) {
        return value("", schema, 0);
    }

    JsonNode value(String property, JsonNode schema, int depth) {
        schema = api.resolve(schema);
        if (schema == null || depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(value(property, schema.path("items"), depth + 1));
                yield array;
            }
            case "integer", "number" -> NODES.numberNode(number(property));
            case "boolean" -> NODES.booleanNode(property.equals("active"));
            default -> text(property, schema);
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        schema.path("properties").properties().forEach(p -> {
            // Versions are optional everywhere; a made-up one would only make every sample a conflict.
            if (!p.getKey().equals("version") && !p.getKey().equals("id")) {
                object.set(p.getKey(), value(p.getKey(), p.getValue(), depth + 1));
            }
        });
        return object;
    }

    static String type(JsonNode schema) {
        var type = schema.path("type");
        if (type.isArray()) {
            for (var t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private long number(String property) {
        Object id = fixture.idFor(property);
        if (id instanceof Long l) {
            return l;
        }
        return switch (property) {
            case "severity", "criticalIncidentSeverity", "thresholdIncidentSeverity", "tier" -> 2;
            case "intervalSeconds" -> 3600;
            case "durationMinutes", "thresholdMinutes" -> 30;
            case "rateLimitPerMinute" -> 600;
            case "timeoutMinutes" -> 5;
            case "delayMinutes", "repeatCount", "graceSeconds" -> 0;
            default -> 1;
        };
    }

    private JsonNode text(String property, JsonNode schema) {
        Object id = fixture.idFor(property);
        if (id != null) {
            return NODES.stringNode(id.toString());
        }
        if (schema.has("enum")) {
            String preferred = switch (property) {
                case "role" -> "RESPONDER";
                case "kind" -> schema.get("enum").toString().contains("WEBHOOK") ? "WEBHOOK"
                        : schema.get("enum").toString().contains("NOTE") ? "NOTE" : null;
                case "type" -> schema.get("enum").toString().contains("EMAIL") ? "EMAIL" : null;
                default -> null;
            };
            return NODES.stringNode(preferred != null ? preferred : schema.get("enum").get(0).asString());
        }
        String format = schema.path("format").asString("");
        var now = fixture.now;
        return NODES.stringNode(switch (format) {
            case "uuid" -> UUID.randomUUID().toString();
            case "email" -> Fixture.email();
            case "date" -> LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(7).toString();
            case "date-time" -> switch (property) {
                case "end", "endsAt", "resolvedAt" -> now.plus(Duration.ofDays(5)).plus(Duration.ofHours(3)).toString();
                case "impactStartedAt", "detectedAt", "occurredAt", "startedAt" -> now.minus(Duration.ofHours(1)).toString();
                default -> now.plus(Duration.ofDays(5)).toString();
            };
            default -> switch (property) {
                case "timeZone" -> "Europe/Berlin";
                case "locale", "language" -> "en";
                case "password", "newPassword" -> "a-new-password-that-is-long";
                case "currentPassword" -> "not-the-current-password";
                case "phone" -> "+4915112345678";
                case "destination" -> "bad.input.destination@example.org";
                case "url" -> "https://example.org/ticket/1";
                case "start", "from", "handoffTime" -> "09:00";
                case "end", "to" -> "17:00";
                case "days" -> "MON";
                case "holidays" -> LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(30).toString();
                case "unit" -> "DAYS";
                case "code" -> "000000";
                case "system" -> "zendesk";
                case "name", "title", "externalId" -> Fixture.unique("bad-input sample");
                default -> "sample text";
            };
        });
    }
}
