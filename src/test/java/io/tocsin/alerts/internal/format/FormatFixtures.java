package io.tocsin.alerts.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.tocsin.alerts.internal.Members;
import io.tocsin.alerts.internal.Signal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared by the format tests: the mappers over a plain JsonMapper, the captured fixtures, and the column check. */
final class FormatFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Json WRITER = new Json(JSON);
    static final PagerDutyFormat PAGERDUTY = new PagerDutyFormat(WRITER);
    static final AlertmanagerFormat ALERTMANAGER = new AlertmanagerFormat(WRITER);
    static final OpsgenieFormat OPSGENIE = new OpsgenieFormat(WRITER);
    static final WebhookFormat WEBHOOK = new WebhookFormat(WRITER);

    private FormatFixtures() {
    }

    /** A body captured from Alertmanager 0.25 (src/test/resources/fixtures/alertmanager-0.25, copied from shared/). */
    static String fixture(String name) {
        try (var in = FormatFixtures.class.getResourceAsStream("/fixtures/alertmanager-0.25/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static <T> T accepted(Mapped<T> mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Accepted.class);
        return ((Mapped.Accepted<T>) mapped).value();
    }

    static java.util.List<FieldError> refused(Mapped<?> mapped) {
        assertThat(mapped).isInstanceOf(Mapped.Refused.class);
        return ((Mapped.Refused<?>) mapped).errors();
    }

    /** The signal fits every column of {@code alert} and holds nothing PostgreSQL refuses (issue 17). */
    static void assertFits(Signal s) {
        assertThat(s.dedupKey() == null || s.dedupKey().length() <= Limits.DEDUP_KEY).as("dedup key").isTrue();
        assertThat(s.summary()).isNotBlank().hasSizeLessThanOrEqualTo(Limits.SUMMARY);
        assertThat(s.source() == null || s.source().length() <= Limits.SOURCE).as("source").isTrue();
        assertThat(s.sourceSeverity() == null || s.sourceSeverity().length() <= Limits.SOURCE_SEVERITY)
                .as("source severity").isTrue();
        assertThat(s.details() == null || s.details().length() <= Limits.DETAILS).as("details").isTrue();
        assertThat(s.links() == null || s.links().length() <= Limits.LINKS).as("links").isTrue();
        for (String text : new String[] {s.dedupKey(), s.summary(), s.source(), s.sourceSeverity(), s.details(),
            s.links()}) {
            assertThat(text == null || Text.storable(text)).as("storable: %s", text).isTrue();
        }
        if (s.details() != null) {
            JSON.readTree(s.details());
        }
        if (s.links() != null) {
            assertThat(JSON.readTree(s.links()).isArray()).isTrue();
        }
        if (s.occurredAt() != null) {
            assertThat(s.occurredAt()).isBetween(Text.EARLIEST, Text.LATEST);
        }
    }

    static void assertFits(Members.Member m) {
        assertThat(m.fingerprint()).isNotBlank().hasSizeLessThanOrEqualTo(Limits.FINGERPRINT);
        assertThat(m.name()).hasSizeLessThanOrEqualTo(Limits.MEMBER_NAME);
        assertThat(m.status()).isIn("firing", "resolved");
        assertThat(Text.storable(m.fingerprint()) && Text.storable(m.name())).isTrue();
        for (var at : new java.time.Instant[] {m.startsAt(), m.endsAt()}) {
            if (at != null) {
                assertThat(at).isBetween(Text.EARLIEST, Text.LATEST);
            }
        }
    }

    /** The kinds of adjustment the details record for a field ({@code tocsin.adjusted}). */
    static java.util.List<String> adjusted(String details) {
        var list = new java.util.ArrayList<String>();
        if (details != null) {
            for (var a : JSON.readTree(details).path(Json.TOCSIN).path("adjusted")) {
                list.add(a.path("field").asString() + ":" + a.path("kind").asString());
            }
        }
        return list;
    }
}
