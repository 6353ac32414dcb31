package io.tocsin.alerts.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Normalising inbound text and dates so both databases can always store them (issue 17, R4). */
class TextTest {

    static Stream<Arguments> cleaning() {
        return Stream.of(
                // input, cleaned, replaced characters
                Arguments.of("plain", "plain", 0),
                Arguments.of("a\u0000b", "a\uFFFDb", 1),
                Arguments.of("\u0000\u0000", "\uFFFD\uFFFD", 2),
                Arguments.of("lone \uD800 high", "lone \uFFFD high", 1),
                Arguments.of("lone \uDC00 low", "lone \uFFFD low", 1),
                Arguments.of("pair \uD83D\uDD25 kept", "pair \uD83D\uDD25 kept", 0),
                Arguments.of("end \uD83D", "end \uFFFD", 1),
                Arguments.of("tab\tand\u0001control stay", "tab\tand\u0001control stay", 0));
    }

    @ParameterizedTest
    @MethodSource("cleaning")
    void replacesWhatPostgresRefusesAndNothingElse(String input, String cleaned, int replaced) {
        var adjustments = new Adjustments();
        assertThat(Text.clean(input, "summary", adjustments)).isEqualTo(cleaned);
        assertThat(Text.storable(cleaned)).isTrue();
        assertThat(Text.storable(input)).isEqualTo(replaced == 0);
        assertThat(adjustments.list()).hasSize(replaced == 0 ? 0 : 1);
        if (replaced > 0) {
            assertThat(adjustments.list().getFirst().length()).isEqualTo(replaced);
        }
    }

    @Test
    void cleanTextIsReturnedAsTheSameInstance() {
        String s = "nothing to do here";
        assertThat(Text.clean(s, "f", new Adjustments())).isSameAs(s);
        assertThat(Text.fit(s, 100, "f", new Adjustments())).isSameAs(s);
    }

    static Stream<Arguments> fitting() {
        return Stream.of(
                // length, max, expected length, truncated?
                Arguments.of(10, 20, 10, false),
                Arguments.of(20, 20, 20, false),
                Arguments.of(21, 20, 20, true),
                Arguments.of(30_000, 15_000, 15_000, true),
                Arguments.of(1025, 1024, 1024, true));
    }

    @ParameterizedTest
    @MethodSource("fitting")
    void overLongTextIsCutWithAVisibleMarkerAndNoted(int length, int max, int expected, boolean truncated) {
        var adjustments = new Adjustments();
        String fitted = Text.fit("x".repeat(length), max, "description", adjustments);
        assertThat(fitted).hasSize(expected);
        assertThat(fitted.endsWith(Text.MARKER)).isEqualTo(truncated);
        assertThat(adjustments.list()).hasSize(truncated ? 1 : 0);
        if (truncated) {
            assertThat(adjustments.list().getFirst()).isEqualTo(new Adjustments.Adjustment("description",
                    Adjustments.Kind.TRUNCATED, length, max, null));
        }
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDD25";
        String s = "a".repeat(7) + emoji.repeat(10);
        String fitted = Text.fit(s, 8 + Text.MARKER.length(), "f", new Adjustments());
        assertThat(Text.storable(fitted)).isTrue();
        assertThat(fitted.length()).isLessThanOrEqualTo(8 + Text.MARKER.length());
    }

    @Test
    void longKeysStayDistinctAndStable() {
        var adjustments = new Adjustments();
        String a = "k".repeat(600) + "a";
        String b = "k".repeat(600) + "b";
        String ka = Text.key(a, 512, "alias", adjustments);
        assertThat(ka).hasSize(512).isEqualTo(Text.key(a, 512, "alias", new Adjustments()));
        assertThat(ka).isNotEqualTo(Text.key(b, 512, "alias", new Adjustments())).startsWith("kkkk").contains("~");
        assertThat(adjustments.list()).extracting(Adjustments.Adjustment::kind)
                .containsExactly(Adjustments.Kind.KEY_SHORTENED);
        assertThat(Text.key("short", 512, "alias", adjustments)).isEqualTo("short");
        assertThat(Text.key("nul\u0000key", 255, "dedup_key", new Adjustments())).isEqualTo("nul\uFFFDkey");
    }

    static Stream<Arguments> moments() {
        return Stream.of(
                Arguments.of("2026-11-22T00:37:35.332833798Z", Instant.parse("2026-11-22T00:37:35.332833798Z"), false),
                Arguments.of("2015-07-17T08:42:58.315+0000", Instant.parse("2015-07-17T08:42:58.315Z"), false),
                Arguments.of("2015-07-17T10:42:58+02:00", Instant.parse("2015-07-17T08:42:58Z"), false),
                Arguments.of("+999999999-12-31T23:59:59Z", Text.LATEST, true),
                Arguments.of("-999999999-01-01T00:00:00Z", Text.EARLIEST, true),
                Arguments.of("0001-01-01T00:00:00Z", Text.EARLIEST, true),
                Arguments.of("1969-12-31T23:59:59Z", Text.EARLIEST, true));
    }

    @ParameterizedTest
    @MethodSource("moments")
    void datesAreReadWithOrWithoutTheOffsetColonAndClampedToStorableYears(String text, Instant expected,
            boolean clamped) {
        var adjustments = new Adjustments();
        assertThat(Text.moment(text, "startsAt", adjustments)).isEqualTo(new Text.Moment.At(expected));
        assertThat(adjustments.isEmpty()).isEqualTo(!clamped);
    }

    @Test
    void absentAndUnreadableDates() {
        assertThat(Text.moment(null, "t", new Adjustments())).isInstanceOf(Text.Moment.Absent.class);
        assertThat(Text.moment("  ", "t", new Adjustments())).isInstanceOf(Text.Moment.Absent.class);
        assertThat(Text.moment("yesterday", "t", new Adjustments())).isInstanceOf(Text.Moment.Unreadable.class);
        assertThat(Text.moment("2026-13-45T99:00:00Z", "t", new Adjustments()))
                .isInstanceOf(Text.Moment.Unreadable.class);
    }
}
