package io.tocsin.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores timeline arguments as a JSON array of one-key objects ({@code {"text":"…"}}, {@code {"code":"…"}},
 * {@code {"at":"2026-03-02T08:00:00Z"}}, {@code {"count":5}}, {@code {"span":"PT5M"}},
 * {@code {"changes":[{"field":…,"from":…,"to":…}]}}), the same shape the API shows. Entries written before
 * arguments were typed hold plain strings: one starting with {@code #} is a message code, any other is text.
 */
final class TimelineArgsJson {

    private TimelineArgsJson() {
    }

    static String write(JsonMapper json, List<TimelineArg> args) {
        return args.isEmpty() ? null : json.writeValueAsString(args.stream().map(TimelineArgsJson::shape).toList());
    }

    static List<TimelineArg> read(JsonMapper json, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        var out = new ArrayList<TimelineArg>();
        json.readTree(text).forEach(node -> out.add(arg(node)));
        return List.copyOf(out);
    }

    /** The API's view of an argument: one key naming its type. */
    static Map<String, Object> shape(TimelineArg arg) {
        var m = new LinkedHashMap<String, Object>();
        switch (arg) {
            case TimelineArg.Text t -> m.put("text", t.value());
            case TimelineArg.Code c -> m.put("code", c.code());
            case TimelineArg.At a -> m.put("at", a.instant().toString());
            case TimelineArg.Count c -> m.put("count", c.value());
            case TimelineArg.Span s -> m.put("span", s.duration().toString());
            case TimelineArg.Changes c -> m.put("changes", c.changes().stream().map(ch -> {
                var one = new LinkedHashMap<String, Object>();
                one.put("field", ch.field());
                one.put("from", ch.from() == null ? null : shape(ch.from()));
                one.put("to", ch.to() == null ? null : shape(ch.to()));
                return one;
            }).toList());
        }
        return m;
    }

    private static TimelineArg arg(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            String legacy = node.asString();
            return legacy.startsWith("#") ? new TimelineArg.Code(legacy.substring(1)) : new TimelineArg.Text(legacy);
        }
        if (node.has("text")) {
            return new TimelineArg.Text(node.get("text").asString());
        }
        if (node.has("code")) {
            return new TimelineArg.Code(node.get("code").asString());
        }
        if (node.has("at")) {
            return new TimelineArg.At(Instant.parse(node.get("at").asString()));
        }
        if (node.has("count")) {
            return new TimelineArg.Count(node.get("count").asLong());
        }
        if (node.has("span")) {
            return new TimelineArg.Span(Duration.parse(node.get("span").asString()));
        }
        if (node.has("changes")) {
            var changes = new ArrayList<TimelineArg.Change>();
            node.get("changes").forEach(c -> changes.add(new TimelineArg.Change(c.get("field").asString(),
                    arg(c.get("from")), arg(c.get("to")))));
            return new TimelineArg.Changes(changes);
        }
        return new TimelineArg.Text(node.toString());
    }
}
