package io.tocsin.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an endpoint's answer means for a signed HTTP delivery (issue 11 point 6): a dense table of the decision.
 * Columns: status, Retry-After header, answer body, challenge to echo; sent, worth retrying, wait asked for (s).
 */
class HttpOutcomeTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    @ParameterizedTest(name = "{0} Retry-After={1} body={2} echo={3}")
    @CsvSource(nullValues = "-", value = {
            "200, -, ok, -, true, false, -",
            "204, -, -, -, true, false, -",
            "200, -, abc123, abc123, true, false, -",
            "200, -, {\"challenge\":\"abc123\"}, abc123, true, false, -",
            "200, -, ok, abc123, false, false, -",
            "204, -, -, abc123, false, false, -",
            "301, -, -, -, false, false, -",
            "302, -, -, -, false, false, -",
            "400, -, -, -, false, false, -",
            "401, -, -, -, false, false, -",
            "403, -, -, -, false, false, -",
            "404, -, -, -, false, false, -",
            "410, -, -, -, false, false, -",
            "413, -, -, -, false, false, -",
            "422, -, -, -, false, false, -",
            "408, -, -, -, false, true, -",
            "425, -, -, -, false, true, -",
            "429, -, -, -, false, true, -",
            "429, 120, -, -, false, true, 120",
            "429, 0, -, -, false, true, 0",
            "429, 99999999999, -, -, false, true, 3600",
            "429, 'Mon, 02 Mar 2026 08:05:00 GMT', -, -, false, true, 300",
            "429, 'Mon, 02 Mar 2026 07:00:00 GMT', -, -, false, true, 0",
            "429, soon, -, -, false, true, -",
            "500, -, -, -, false, true, -",
            "502, -, -, -, false, true, -",
            "503, 30, -, -, false, true, 30",
            "504, -, -, -, false, true, -",
            "400, 30, -, -, false, false, -"})
    void decides(int status, String retryAfter, String body, String echo, boolean sent, boolean again, Long wait) {
        var outcome = HttpOutcome.of(status, retryAfter, body, echo, NOW);
        assertThat(outcome.sent()).isEqualTo(sent);
        assertThat(outcome.transientFailure()).isEqualTo(again);
        assertThat(outcome.retryAfter()).isEqualTo(wait == null ? null : Duration.ofSeconds(wait));
        assertThat(outcome.error() == null).isEqualTo(sent);
    }
}
