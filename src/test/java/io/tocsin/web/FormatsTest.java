package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

/** The top bar's short times: the weekday within the coming six days, the date as well after that. */
class FormatsTest {

    // Thursday 26 March 2026, 10:00 UTC; without a signed-in viewer times are in UTC.
    private final Formats fmt = new Formats(Clock.fixed(Instant.parse("2026-03-26T10:00:00Z"), ZoneOffset.UTC),
            new StaticMessageSource());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void soonIsTheWeekdayThisWeekAndTheDateLater() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(fmt.soon(Instant.parse("2026-03-27T09:00:00Z"))).isEqualTo("Fri 09:00");
        assertThat(fmt.soon(Instant.parse("2026-04-01T23:59:00Z"))).isEqualTo("Wed 23:59");
        assertThat(fmt.soon(Instant.parse("2026-04-02T09:00:00Z"))).isEqualTo("Thu 2 Apr 09:00");
        assertThat(fmt.soon(null)).isEmpty();

        LocaleContextHolder.setLocale(Locale.GERMAN);
        assertThat(fmt.soon(Instant.parse("2026-03-27T09:00:00Z"))).isEqualTo("Fr. 09:00");
        assertThat(fmt.soon(Instant.parse("2026-04-02T09:00:00Z"))).isEqualTo("Do. 02.04. 09:00");
    }
}
