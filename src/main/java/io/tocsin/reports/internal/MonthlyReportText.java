package io.tocsin.reports.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Locale;

import io.tocsin.notify.MailContent;
import io.tocsin.reports.IncidentFigures;
import io.tocsin.reports.OnCallFigures;
import io.tocsin.reports.Reports;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the monthly report e-mail (issue 16 point 3) in the chosen language: the same lines as plain text and as
 * HTML (escaped: a team's name is user input), from figures the reports computed.
 */
@Component
class MonthlyReportText {

    /** What the mail shows: the incident figures, the team's on-call load (null: no shifts, no pages), learning. */
    record Figures(IncidentFigures.Result incidents, OnCallFigures.Team onCall, Reports.LearningReport learning) {
    }

    private final MessageSource messages;

    MonthlyReportText(MessageSource messages) {
        this.messages = messages;
    }

    MailContent render(String team, String month, ZoneId zone, Figures f, String link, Locale locale) {
        var lines = new ArrayList<String>();
        var i = f.incidents();
        lines.add(msg("reports.mail.incidents", locale, count(i.total(), locale)));
        lines.add(msg("reports.mail.by-severity", locale, count(i.bySeverity().getOrDefault(1, 0L), locale),
                count(i.bySeverity().getOrDefault(2, 0L), locale), count(i.bySeverity().getOrDefault(3, 0L), locale)));
        lines.add(msg("reports.mail.mtta", locale, duration(i.timeToAcknowledge().median(), locale)));
        lines.add(msg("reports.mail.ttr", locale, duration(i.timeToRecover().median(), locale)));
        long pages = f.onCall() == null ? 0 : f.onCall().people().stream().mapToLong(OnCallFigures.Person::pages).sum();
        long night = f.onCall() == null ? 0
                : f.onCall().people().stream().mapToLong(OnCallFigures.Person::nightPages).sum();
        lines.add(msg("reports.mail.pages", locale, count(pages, locale), count(night, locale)));
        var l = f.learning();
        lines.add(msg("reports.mail.postmortems", locale, count(l.postmortems(), locale),
                count(l.publishedOnTime(), locale), count(l.overdue(), locale)));
        lines.add(msg("reports.mail.action-items", locale, count(l.actionItemsOverdue(), locale),
                count(l.actionItems(), locale)));
        String subject = msg("reports.mail.subject", locale, team, month);
        String intro = msg("reports.mail.intro", locale, team, month, zone.getId());
        String more = msg("reports.mail.link", locale);
        String why = msg("reports.mail.why", locale, team);
        var text = new StringBuilder(intro).append("\n\n");
        lines.forEach(line -> text.append("- ").append(line).append('\n'));
        text.append('\n').append(more).append(' ').append(link).append("\n\n-- \n").append(why).append('\n');
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(locale.getLanguage())
                .append("\"><body><p>").append(esc(intro)).append("</p><ul>");
        lines.forEach(line -> html.append("<li>").append(esc(line)).append("</li>"));
        html.append("</ul><p><a href=\"").append(esc(link)).append("\">").append(esc(more)).append("</a></p><p><small>")
                .append(esc(why)).append("</small></p></body></html>");
        return MailContent.of(subject, text.toString(), html.toString());
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private String duration(Duration d, Locale locale) {
        return d == null ? msg("reports.mail.none", locale) : Texts.duration(d, locale);
    }

    private static String count(long value, Locale locale) {
        return Texts.count(value, locale);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
