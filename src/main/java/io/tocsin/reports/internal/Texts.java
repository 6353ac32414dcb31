package io.tocsin.reports.internal;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;

import io.tocsin.reports.Distribution;
import io.tocsin.shared.HumanTime;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Labels, numbers and durations of the report sections in the reader's language. */
@Component
class Texts {

    private final MessageSource messages;

    Texts(MessageSource messages) {
        this.messages = messages;
    }

    String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    static String duration(Duration d, Locale locale) {
        return HumanTime.duration(d, locale);
    }

    static String number(double value, int decimals, Locale locale) {
        var f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(value);
    }

    static String count(long value, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    static String ratio(Double value, Locale locale) {
        return value == null ? "–" : number(value, 2, locale);
    }

    /** The label of a histogram bin, e.g. "15 min – 30 min" or "≥ 24 h". */
    static String bin(Distribution.Bin b, Locale locale) {
        if (b.to() == null) {
            return "≥ " + duration(b.from(), locale);
        }
        if (b.from().isZero()) {
            return "< " + duration(b.to(), locale);
        }
        return duration(b.from(), locale) + " – " + duration(b.to(), locale);
    }
}
