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
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.springframework.stereotype.Component;

/** Renders a page model to the public HTML once per language, when the snapshot is built (never per request). */
@Component
public class PublicRenderer {

    private final ITemplateEngine templates;

    PublicRenderer(ITemplateEngine templates) {
        this.templates = templates;
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
        context.setVariable("fmt", new Formats(model, locale));
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

        Formats(PageModel model, Locale locale) {
            this.model = model;
            this.locale = locale;
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
