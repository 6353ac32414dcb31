package io.tocsin.reports.internal;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailContent;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.MailRequest;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.reports.ReportQuery;
import io.tocsin.reports.Reports;
import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import io.tocsin.shared.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fires a team's monthly report timer (issue 16 point 3): reads the previous calendar month's figures in the team's
 * zone through {@link Reports} (the same queries as the Reports page and API), queues one mail per recipient in
 * notify's outbox, and schedules the next month. The outbox key names the team and the month, so a second firing
 * for the same month (a retried batch, a restored backup) queues nothing new; notify retries the sending.
 */
@Component
class MonthlyReportMailer implements TimerHandler {

    private static final Logger log = LoggerFactory.getLogger(MonthlyReportMailer.class);

    private final MonthlyMails settings;
    private final Reports reports;
    private final Identity identity;
    private final Notifications notifications;
    private final Timers timers;
    private final MonthlyReportText text;
    private final String baseUrl;

    MonthlyReportMailer(MonthlyMails settings, Reports reports, Identity identity, Notifications notifications,
            Timers timers, MonthlyReportText text, @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.settings = settings;
        this.reports = reports;
        this.identity = identity;
        this.notifications = notifications;
        this.timers = timers;
        this.text = text;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public String kind() {
        return MonthlyMails.TIMER;
    }

    @Override
    public void fire(Timer timer) {
        var teamId = UUID.fromString(timer.key());
        var subscription = settings.load(teamId).orElse(null);
        if (subscription == null) {
            return; // turned off meanwhile: nothing to send, nothing to schedule
        }
        var s = subscription.settings();
        ZoneId zone = s.zoneId();
        var month = MonthlyFiring.reportedMonth(timer.dueAt(), zone);
        // Counted from the due time, not from now: a late firing (a node was down) still schedules the month after.
        timers.schedule(MonthlyMails.TIMER, timer.key(), MonthlyFiring.next(timer.dueAt(), zone), null);
        var content = content(teamId, month, zone, s.locale());
        var about = new Subject(SubjectType.TEAM, teamId.toString(), null, null, content.subject(), content.link());
        var requests = new ArrayList<MailRequest>();
        for (var address : recipients(s)) {
            requests.add(MailRequest.now("reports:monthly:" + teamId + ":" + month, DeliveryKind.UPDATE, about,
                    new MailRecipient(address, s.locale()), content.mail()));
        }
        if (!requests.isEmpty()) {
            notifications.enqueueMails(requests);
        }
    }

    record Rendered(MailContent mail, String link) {

        String subject() {
            return mail.subject();
        }
    }

    /** The month's mail for the team in the language: figures from the reports, a link to that month's page. */
    Rendered content(UUID teamId, YearMonth month, ZoneId zone, Locale locale) {
        var from = month.atDay(1).atStartOfDay(zone).toInstant();
        var to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        var q = new ReportQuery(from, to, teamId, null, null, null, zone);
        var figures = new MonthlyReportText.Figures(reports.incidents(q).figures(),
                reports.onCall(q).teams().stream().filter(t -> teamId.equals(t.teamId())).findFirst().orElse(null),
                reports.learning(q));
        String link = baseUrl + "/reports?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth() + "&team=" + teamId;
        String monthName = month.format(DateTimeFormatter.ofPattern("LLLL yyyy", locale));
        return new Rendered(text.render(identity.team(teamId).name(), monthName, zone, figures, link, locale), link);
    }

    /** The users' current addresses (active ones), then the plain ones, each once. */
    private List<String> recipients(MonthlyMails.Settings s) {
        var addresses = new java.util.LinkedHashMap<String, String>();
        for (var id : s.userIds()) {
            identity.findUser(id).filter(u -> u.active() && u.email() != null).ifPresent(u ->
                    addresses.putIfAbsent(u.email().toLowerCase(Locale.ROOT), u.email()));
        }
        s.emails().forEach(e -> addresses.putIfAbsent(e.toLowerCase(Locale.ROOT), e));
        return addresses.values().stream().filter(a -> {
            var problem = MailRecipient.problem(a);
            problem.ifPresent(p -> log.warn("Not sending the monthly report to {}: {}", a, p));
            return problem.isEmpty();
        }).toList();
    }
}
