package io.tocsin.statuspage.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tocsin.statuspage.PublicIncidents.PublicIncident;
import io.tocsin.statuspage.ComponentStatus;
import org.springframework.context.MessageSource;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.springframework.stereotype.Component;

/** Renders a page model to the public HTML once per language, when the snapshot is built (never per request). */
@Component
public class PublicRenderer {

    private final ITemplateEngine templates;
    private final MessageSource messages;

    PublicRenderer(ITemplateEngine templates, MessageSource messages) {
        this.templates = templates;
        this.messages = messages;
    }

    public byte[] html(PageModel model, String language) {
        return html(model, language, false);
    }

    /** {@code preview} marks the page as a preview (not indexed, no subscribe form). */
    public byte[] html(PageModel model, String language, boolean preview) {
        var locale = Locale.forLanguageTag(language);
        var context = new Context(locale);
        context.setVariable("m", model);
        context.setVariable("lang", language);
        context.setVariable("base", "/status/" + model.page().slug());
        context.setVariable("fmt", new Formats(model, locale, messages));
        context.setVariable("preview", preview);
        context.setVariable("history", history(model));
        return templates.process("statuspage/public", context).getBytes(StandardCharsets.UTF_8);
    }

    /** Past incidents by month, newest first. */
    static Map<YearMonth, List<PublicIncident>> history(PageModel model) {
        var byMonth = new LinkedHashMap<YearMonth, List<PublicIncident>>();
        model.incidents().stream().filter(i -> !i.maintenance() && i.status().ends())
                .forEach(i -> byMonth.computeIfAbsent(YearMonth.from(i.createdAt().atZone(model.zone())),
                        k -> new java.util.ArrayList<>()).add(i));
        return byMonth;
    }

    /** Dates and times in the page's zone and the visitor's language. */
    public static final class Formats {

        private final PageModel model;
        private final Locale locale;
        private final MessageSource messages;

        Formats(PageModel model, Locale locale, MessageSource messages) {
            this.model = model;
            this.locale = locale;
            this.messages = messages;
        }

        /**
         * The 90 day bars of a component as list items: the class is the day's worst state (one letter, see
         * statuspage.css; n for no data), {@code data-p} its uptime where below 100 %. Built here rather than by
         * the template, and with the end tags and quotes HTML lets a list item leave out, because they are most of
         * the page: 1,800 of them on a page of 20 components (about 12 bytes each instead of 190 before). Only
         * letters and numbers go in, no text of anyone's.
         */
        public String bars(PageModel.ComponentView c) {
            var html = new StringBuilder(c.days().size() * 14);
            for (var d : c.days()) {
                html.append("<li class=").append(bar(d));
                if (!d.noData() && d.uptimePercent() < 100.0) {
                    html.append(" data-p=").append(String.format(Locale.ROOT, "%.2f", d.uptimePercent()));
                }
                html.append('>');
            }
            return html.toString();
        }

        private static char bar(UptimeBars.Day d) {
            if (d.noData()) {
                return 'n';
            }
            return switch (d.worst()) {
                case OPERATIONAL -> 'o';
                case UNDER_MAINTENANCE -> 'u';
                case DEGRADED_PERFORMANCE -> 'd';
                case PARTIAL_OUTAGE -> 'p';
                case MAJOR_OUTAGE -> 'm';
            };
        }

        /**
         * The bars in one sentence for screen readers: the total, each day that was not plain operational with
         * its worst state and uptime, and since when there is data.
         */
        public String uptimeText(PageModel.ComponentView c) {
            var text = new StringBuilder(msg("statuspage.public.uptime-of", c.component().name(), percent(c.uptime())));
            var bad = c.days().stream().filter(d -> !d.noData()
                    && (d.worst() != ComponentStatus.OPERATIONAL || d.uptimePercent() < 100.0))
                    .map(d -> msg("statuspage.public.bad-day", date(d.date()),
                            msg("statuspage.component." + d.worst().wire()), percent(d.uptimePercent())))
                    .toList();
            text.append(' ').append(bad.isEmpty() ? msg("statuspage.public.no-bad-days")
                    : msg("statuspage.public.bad-days", String.join("; ", bad)));
            var first = c.days().stream().filter(d -> !d.noData()).findFirst();
            if (first.isPresent() && !first.get().date().equals(c.days().getFirst().date())) {
                text.append(' ').append(msg("statuspage.public.no-data-before", date(first.get().date())));
            }
            return text.toString();
        }

        private String msg(String key, Object... args) {
            return messages.getMessage(key, args, locale);
        }

        public String time(Instant at) {
            if (at == null) {
                return "";
            }
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                    .format(at.atZone(model.zone())) + " " + model.zone().getId();
        }

        /** An update's body as safe HTML from its Markdown subset ({@link Markdown}). */
        public String body(String text) {
            return Markdown.html(text);
        }

        public String iso(Instant at) {
            return at == null ? "" : at.toString();
        }

        public String date(LocalDate d) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(d);
        }

        public String month(YearMonth m) {
            return DateTimeFormatter.ofPattern("LLLL yyyy", locale).format(m);
        }

        public String percent(double p) {
            return String.format(locale, "%.2f %%", p);
        }
    }
}
