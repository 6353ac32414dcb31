package io.tocsin.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.HumanTime;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times and durations for templates ({@code ${@fmt.dateTime(i)}}): in the viewer's time zone and language,
 * relative where it helps ("12 min ago"), durations as "1 h 23 min" (ui.md).
 */
@Component("fmt")
public class Formats {

    private final Clock clock;
    private final MessageSource messages;

    Formats(Clock clock, MessageSource messages) {
        this.clock = clock;
        this.messages = messages;
    }

    public ZoneId zone() {
        return CurrentActor.principal().map(TocsinPrincipal::zone).orElse(ZoneId.of("UTC"));
    }

    public String dateTime(Instant instant) {
        return HumanTime.dateTime(instant, locale(), zone());
    }

    /**
     * A time in the coming days, short enough for the top bar: "Tue 09:00" within the next six days, else with the
     * date ("Tue 2 Dec 09:00", "Di. 02.12. 09:00"). Pair it with the exact instant on hover.
     */
    public String soon(Instant instant) {
        if (instant == null) {
            return "";
        }
        var local = instant.atZone(zone());
        boolean german = locale().getLanguage().equals("de");
        boolean thisWeek = !local.toLocalDate().isAfter(clock.instant().atZone(zone()).toLocalDate().plusDays(6));
        String pattern = thisWeek ? "EEE HH:mm" : german ? "EEE dd.MM. HH:mm" : "EEE d MMM HH:mm";
        return DateTimeFormatter.ofPattern(pattern, locale()).format(local);
    }

    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale())
                .withZone(zone()).format(instant);
    }

    /** The exact instant in UTC, for hover titles and machine-readable attributes. */
    public String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** The value for a datetime-local input in the viewer's zone. */
    public String inputValue(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(zone()).format(instant);
    }

    public String relative(Instant instant) {
        if (instant == null) {
            return "";
        }
        var d = Duration.between(instant, clock.instant());
        boolean future = d.isNegative();
        String amount = duration(d.abs());
        String key = future ? "time.in" : "time.ago";
        if (d.abs().toSeconds() < 60) {
            return messages.getMessage("time.just-now", null, "just now", locale());
        }
        return messages.getMessage(key, new Object[] {amount}, amount, locale());
    }

    public String duration(Duration d) {
        return HumanTime.duration(d, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
