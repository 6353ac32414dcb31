package io.tocsin.alerts.internal.format;

import static io.tocsin.alerts.internal.format.FormatFixtures.ALERTMANAGER;
import static io.tocsin.alerts.internal.format.FormatFixtures.JSON;
import static io.tocsin.alerts.internal.format.FormatFixtures.OPSGENIE;
import static io.tocsin.alerts.internal.format.FormatFixtures.PAGERDUTY;
import static io.tocsin.alerts.internal.format.FormatFixtures.WEBHOOK;
import static io.tocsin.alerts.internal.format.FormatFixtures.assertFits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.internal.SeverityOverrides;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property tests of the ingest mappers (issue 17): for arbitrary payloads, mostly shaped like the format with
 * arbitrary text (NUL, unpaired surrogates, very long runs, huge and tiny dates) and arbitrary JSON anywhere, no
 * mapper throws, and whatever a mapper accepts fits the database columns and holds nothing PostgreSQL refuses.
 * QuickTheories shrinks a failing payload to a small one and prints it with its seed.
 */
class FormatPropertiesTest {

    private static final int EXAMPLES = 400;
    private static final SeverityOverrides OVERRIDES = new SeverityOverrides(Map.of("error", AlertSeverity.CRITICAL),
            AlertSeverity.WARNING);

    /** A payload shape: a field is text, an object of fields, an array of such objects, or any JSON. */
    private sealed interface Shape {
    }

    private record AnyText() implements Shape {
    }

    private record Fields(Map<String, Shape> fields) implements Shape {
    }

    private record ArrayOf(Shape element) implements Shape {
    }

    /** Mostly one of the words the format expects here, else any text. */
    private record Words(String... words) implements Shape {
    }

    private static final Shape TEXT = new AnyText();

    private static Fields fields(Object... nameThenShape) {
        var map = new LinkedHashMap<String, Shape>();
        for (int i = 0; i < nameThenShape.length; i += 2) {
            map.put((String) nameThenShape[i], (Shape) nameThenShape[i + 1]);
        }
        return new Fields(map);
    }

    private static final Fields LINK = fields("href", TEXT, "text", TEXT);
    private static final Words DATE = new Words("2015-07-17T08:42:58.315+0000", "2026-11-22T00:37:35.332833798Z",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z");
    private static final Fields PAGERDUTY_EVENT = fields("routing_key", TEXT,
            "event_action", new Words("trigger", "trigger", "acknowledge", "resolve"), "dedup_key", TEXT,
            "payload", fields("summary", TEXT, "source", TEXT, "severity", new Words("critical", "error", "warning",
                    "info"), "timestamp", DATE, "component", TEXT,
                    "group", TEXT, "class", TEXT, "custom_details", fields("a", TEXT, "b", TEXT)),
            "client", TEXT, "client_url", TEXT, "links", new ArrayOf(LINK), "images", new ArrayOf(fields("src", TEXT)));
    private static final Fields LABELS = fields("alertname", TEXT, "severity", TEXT, "service", TEXT);
    private static final Fields ALERTMANAGER_GROUP = fields("receiver", TEXT,
            "status", new Words("firing", "resolved", "alerting", "ok"), "groupKey", TEXT,
            "truncatedAlerts", TEXT, "externalURL", TEXT, "title", TEXT, "message", TEXT,
            "alerts", new ArrayOf(fields("status", new Words("firing", "resolved"), "labels", LABELS,
                    "annotations", fields("summary", TEXT), "startsAt", DATE, "endsAt", DATE, "generatorURL", TEXT,
                    "fingerprint", TEXT)),
            "groupLabels", LABELS, "commonLabels", LABELS,
            "commonAnnotations", fields("summary", TEXT, "runbook_url", TEXT));
    private static final Fields OPSGENIE_CREATE = fields("message", TEXT, "alias", TEXT, "description", TEXT,
            "source", TEXT, "entity", TEXT, "priority", new Words("P1", "P2", "P3", "P4", "P5"), "user", TEXT,
            "note", TEXT,
            "tags", new ArrayOf(TEXT), "details", fields("k", TEXT), "responders", new ArrayOf(fields("name", TEXT)));
    private static final Fields WEBHOOK_EVENT = fields("action", new Words("trigger", "acknowledge", "resolve"),
            "dedupKey", TEXT, "summary", TEXT,
            "severity", TEXT, "source", TEXT, "details", TEXT, "links", new ArrayOf(LINK));

    /** Words that steer the mappers down their interesting paths, and text that databases refuse. */
    private static final String[] WORDS = {"trigger", "acknowledge", "resolve", "firing", "resolved", "alerting", "ok",
        "critical", "error", "warning", "info", "P1", "P5", "P9", "\u0000", "\uD800", "\uDC00", "a\uD83D\uDD25b",
        "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
        "2015-07-17T08:42:58.315+0000", "2026-11-22T00:37:35.332833798Z", "yesterday", "", " "};

    /** Generates JSON for a shape from QuickTheories' randomness, so failures shrink. */
    private record Payloads(Fields schema) implements Gen<JsonNode> {

        @Override
        public JsonNode generate(RandomnessSource in) {
            return value(in, schema, 3);
        }

        private static long pick(RandomnessSource in, long min, long max) {
            return in.next(Constraint.between(min, max));
        }

        private JsonNode value(RandomnessSource in, Shape shape, int depth) {
            // Mostly the right shape; now and then anything at all.
            if (pick(in, 0, 19) == 0) {
                return anyValue(in, depth);
            }
            return switch (shape) {
                case AnyText t -> JSON.getNodeFactory().stringNode(text(in));
                case Words w -> JSON.getNodeFactory().stringNode(pick(in, 0, 4) > 0
                        ? w.words()[(int) pick(in, 0, w.words().length - 1)] : text(in));
                case Fields f -> {
                    ObjectNode object = JSON.createObjectNode();
                    f.fields().forEach((name, inner) -> {
                        if (pick(in, 0, 9) < 9) {
                            object.set(name, value(in, inner, depth - 1));
                        }
                    });
                    if (pick(in, 0, 9) == 0) {
                        object.set(text(in), anyValue(in, depth - 1));
                    }
                    yield object;
                }
                case ArrayOf a -> {
                    ArrayNode array = JSON.createArrayNode();
                    for (long i = pick(in, 0, 4); i > 0; i--) {
                        array.add(value(in, a.element(), depth - 1));
                    }
                    yield array;
                }
            };
        }

        private JsonNode anyValue(RandomnessSource in, int depth) {
            var nodes = JSON.getNodeFactory();
            return switch ((int) pick(in, 0, depth > 0 ? 7 : 5)) {
                case 0 -> nodes.nullNode();
                case 1 -> nodes.booleanNode(pick(in, 0, 1) == 1);
                case 2 -> nodes.numberNode(pick(in, Long.MIN_VALUE, Long.MAX_VALUE));
                case 3 -> nodes.numberNode(new java.math.BigInteger("9".repeat((int) pick(in, 1, 40))));
                case 4 -> nodes.numberNode(pick(in, -1000, 1000) / 7.0);
                case 5 -> nodes.stringNode(text(in));
                case 6 -> {
                    ArrayNode array = JSON.createArrayNode();
                    for (long i = pick(in, 0, 3); i > 0; i--) {
                        array.add(anyValue(in, depth - 1));
                    }
                    yield array;
                }
                default -> {
                    ObjectNode object = JSON.createObjectNode();
                    for (long i = pick(in, 0, 3); i > 0; i--) {
                        object.set(text(in), anyValue(in, depth - 1));
                    }
                    yield object;
                }
            };
        }

        private static String text(RandomnessSource in) {
            return switch ((int) pick(in, 0, 5)) {
                case 0 -> WORDS[(int) pick(in, 0, WORDS.length - 1)];
                case 1 -> "text " + pick(in, 0, 1000);
                case 2 -> {
                    var s = new StringBuilder();
                    for (long i = pick(in, 0, 24); i > 0; i--) {
                        int cp = (int) pick(in, 0, Character.MAX_CODE_POINT);
                        if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                            s.append((char) cp);
                        } else {
                            s.appendCodePoint(cp);
                        }
                    }
                    yield s.toString();
                }
                case 3 -> WORDS[(int) pick(in, 0, WORDS.length - 1)].repeat((int) pick(in, 1, 40));
                default -> String.valueOf((char) pick(in, 0, 0xFFFF)).repeat((int) pick(in, 100, 40_000));
            };
        }
    }

    private static void check(Fields schema, Consumer<JsonNode> property) {
        qt().withExamples(EXAMPLES).withShrinkCycles(200).forAll(new Payloads(schema)).checkAssert(property);
    }

    @Test
    void pagerDutyEventsNeverThrowAndAlwaysFit() {
        check(PAGERDUTY_EVENT, root -> {
            if (!root.isObject()) {
                return;
            }
            PagerDutyFormat.routingKey(root);
            if (PAGERDUTY.event(root, OVERRIDES) instanceof Mapped.Accepted<PagerDutyFormat.Event>(var event)) {
                assertThat(event.action()).isNotNull();
                assertThat(event.dedupKey() == null || event.dedupKey().length() <= Limits.PAGERDUTY_DEDUP_KEY)
                        .isTrue();
                if (event.signal() != null) {
                    assertFits(event.signal());
                }
            }
            if (PAGERDUTY.change(root) instanceof Mapped.Accepted<PagerDutyFormat.Change>(var change)) {
                assertThat(change.summary()).isNotBlank().hasSizeLessThanOrEqualTo(Limits.SUMMARY);
                assertThat(change.source() == null || change.source().length() <= Limits.SOURCE).isTrue();
                assertThat(change.details() == null || change.details().length() <= Limits.CHANGE_DETAILS).isTrue();
                assertThat(change.links() == null || change.links().length() <= Limits.LINKS).isTrue();
                for (String text : new String[] {change.summary(), change.source(), change.details(), change.links()}) {
                    assertThat(text == null || Text.storable(text)).isTrue();
                }
            }
        });
    }

    @Test
    void alertmanagerAndGrafanaGroupsNeverThrowAndAlwaysFit() {
        check(ALERTMANAGER_GROUP, root -> {
            if (!root.isObject()) {
                return;
            }
            for (String origin : new String[] {"alertmanager", "grafana"}) {
                if (ALERTMANAGER.group(root, origin, OVERRIDES) instanceof Mapped.Accepted<AlertmanagerFormat.Group>(
                        var group)) {
                    assertThat(group.dedupKey()).hasSize(64);
                    assertThat(group.signal() != null).isEqualTo(group.firing());
                    if (group.signal() != null) {
                        assertFits(group.signal());
                    }
                    group.members().forEach(FormatFixtures::assertFits);
                }
            }
        });
    }

    @Test
    void opsgenieBodiesNeverThrowAndAlwaysFit() {
        check(OPSGENIE_CREATE, root -> {
            if (!root.isObject()) {
                return;
            }
            if (OPSGENIE.create(root, OVERRIDES) instanceof Mapped.Accepted<io.tocsin.alerts.internal.Signal>(var s)) {
                assertFits(s);
                assertThat(s.summary()).hasSizeLessThanOrEqualTo(Limits.OPSGENIE_MESSAGE);
            }
            if (OPSGENIE.message(root) instanceof Mapped.Accepted<OpsgenieFormat.Update>(var update)) {
                assertThat(update.text()).isNotBlank().hasSizeLessThanOrEqualTo(Limits.OPSGENIE_MESSAGE);
                assertThat(Text.storable(update.text())).isTrue();
            }
            if (OPSGENIE.description(root) instanceof Mapped.Accepted<OpsgenieFormat.Update>(var update)
                    && update.text() != null) {
                assertThat(update.text()).hasSizeLessThanOrEqualTo(Limits.OPSGENIE_DESCRIPTION);
                assertThat(Text.storable(update.text())).isTrue();
            }
            if (OPSGENIE.action(root) instanceof Mapped.Accepted<OpsgenieFormat.Action>(var action)
                    && action.user() != null) {
                assertThat(action.user()).hasSizeLessThanOrEqualTo(Limits.OPSGENIE_USER);
            }
            var alias = root.get("alias");
            if (alias != null && alias.isString() && OpsgenieFormat.identifier(alias.asString(), "alias")
                    instanceof Mapped.Accepted<OpsgenieFormat.Identifier>(var id)) {
                assertThat(((OpsgenieFormat.Identifier.ByAlias) id).alias()).hasSizeLessThanOrEqualTo(
                        Limits.OPSGENIE_ALIAS);
            }
        });
    }

    @Test
    void webhookEventsNeverThrowAndAlwaysFit() {
        check(WEBHOOK_EVENT, root -> {
            if (root.isObject()
                    && WEBHOOK.event(root, OVERRIDES) instanceof Mapped.Accepted<WebhookFormat.Event>(var event)) {
                assertThat(event.dedupKey() == null || event.dedupKey().length() <= Limits.DEDUP_KEY).isTrue();
                if (event.signal() != null) {
                    assertFits(event.signal());
                }
            }
        });
    }

    @Test
    void normalisedTextIsAlwaysStorableAndWithinItsLimit() {
        qt().withExamples(EXAMPLES).forAll(new Payloads(fields("t", TEXT)).map(n -> n.path("t").asString("")),
                org.quicktheories.generators.SourceDSL.integers().between(Text.MARKER.length() + 2, 3000))
                .checkAssert((s, max) -> {
                    String fitted = Text.fit(s, max, "f", new Adjustments());
                    assertThat(fitted.length()).isLessThanOrEqualTo(max);
                    assertThat(Text.storable(fitted)).isTrue();
                    String key = Text.key(s, Math.max(max, 40), "k", new Adjustments());
                    assertThat(key.length()).isLessThanOrEqualTo(Math.max(max, 40));
                    assertThat(Text.storable(key)).isTrue();
                    assertThat(key).isEqualTo(Text.key(s, Math.max(max, 40), "k", null));
                });
    }
}
