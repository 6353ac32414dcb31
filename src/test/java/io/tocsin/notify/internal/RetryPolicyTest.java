package io.tocsin.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retries with doubling backoff (issue 10): pages give up after 5 attempts (7.5 min), mail to addresses after 12. */
class RetryPolicyTest {

    private final RetryPolicy pages = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), 5);
    private final RetryPolicy mail = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), 12);

    @ParameterizedTest(name = "after attempt {0}: wait {1}")
    @CsvSource({"1, PT30S", "2, PT1M", "3, PT2M", "4, PT4M", "5, PT8M", "6, PT10M", "11, PT10M", "40, PT10M"})
    void theWaitDoublesUpToTheCap(int attempt, Duration wait) {
        assertThat(mail.backoff(attempt)).isEqualTo(wait);
    }

    @ParameterizedTest(name = "attempt {0}, transient={1}: page retried {2}, mail retried {3}")
    @CsvSource({
            "1, true, true, true",
            "4, true, true, true",
            "5, true, false, true",
            "11, true, false, true",
            "12, true, false, false",
            "1, false, false, false",
            "3, false, false, false"})
    void transientFailuresAreRetriedUntilTheAttemptsAreUsedUp(int attempt, boolean transientFailure, boolean page,
            boolean mailRetried) {
        assertThat(pages.retries(transientFailure, attempt)).isEqualTo(page);
        assertThat(mail.retries(transientFailure, attempt)).isEqualTo(mailRetried);
    }

    @ParameterizedTest(name = "{0} attempts span {1}")
    @CsvSource({"5, PT7M30S", "12, PT1H15M30S"})
    void howLongAnOutageIsBridged(int attempts, Duration span) {
        var policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), attempts);
        var total = Duration.ZERO;
        for (int a = 1; a < attempts; a++) {
            total = total.plus(policy.backoff(a));
        }
        assertThat(total).isEqualTo(span);
    }
}
