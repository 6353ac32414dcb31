package io.tocsin.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Per contact method limits (R12, GoAlert's figures): SMS 5 and voice 3 per 15 minutes, one a minute. */
class RateLimitPolicyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private final RateLimitPolicy sms = new RateLimitPolicy(Duration.ofMinutes(15), 5, Duration.ofMinutes(1));

    @Test
    void theFirstMessageGoesAtOnce() {
        assertThat(sms.nextAllowed(T0, List.of())).isEqualTo(T0);
    }

    @Test
    void atMostOneAMinute() {
        assertThat(sms.nextAllowed(T0.plusSeconds(20), List.of(T0))).isEqualTo(T0.plusSeconds(60));
        assertThat(sms.nextAllowed(T0.plusSeconds(60), List.of(T0))).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theWindowCapWaitsForTheOldestCountedSendToAgeOut() {
        var sends = List.of(T0, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240));
        var now = T0.plusSeconds(300);
        assertThat(sms.nextAllowed(now, sends)).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        // Once the first send has left the window, the sixth may go.
        assertThat(sms.nextAllowed(T0.plus(Duration.ofMinutes(15)), sends)).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void voiceAllowsThreePerWindow() {
        var voice = new RateLimitPolicy(Duration.ofMinutes(15), 3, Duration.ofMinutes(1));
        var sends = List.of(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(voice.nextAllowed(T0.plusSeconds(180), sends)).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void sendsOlderThanTheWindowDoNotCount() {
        var old = List.of(T0.minus(Duration.ofMinutes(20)), T0.minus(Duration.ofMinutes(19)),
                T0.minus(Duration.ofMinutes(18)), T0.minus(Duration.ofMinutes(17)), T0.minus(Duration.ofMinutes(16)));
        assertThat(sms.nextAllowed(T0, old)).isEqualTo(T0);
    }
}
