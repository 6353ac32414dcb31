package io.tocsin.reports.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.notify.MailRecipient;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.Timers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A team's settings for the monthly report e-mail (issue 16 point 3) and its durable timer: saving them schedules
 * the next firing ({@link MonthlyFiring}) in the same transaction, deleting them cancels it. Only administrators
 * and the team's managers read or change them (the recipients' addresses are not for everyone).
 */
@Component
@Transactional
public class MonthlyMails {

    public static final String TIMER = "reports.monthly-mail";
    public static final int MAX_RECIPIENTS = 50;
    static final List<String> LANGUAGES = List.of("en", "de");

    private final JdbcClient jdbc;
    private final Timers timers;
    private final Identity identity;
    private final Clock clock;

    MonthlyMails(JdbcClient jdbc, Timers timers, Identity identity, Clock clock) {
        this.jdbc = jdbc;
        this.timers = timers;
        this.identity = identity;
        this.clock = clock;
    }

    /** What a manager sets: recipients (users by id, plain addresses), language and zone. */
    public record Settings(List<UUID> userIds, List<String> emails, String language, String zone) {

        public Settings {
            userIds = userIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(userIds));
            emails = emails == null ? List.of() : emails.stream().map(e -> e == null ? null : e.strip()).toList();
        }

        public Locale locale() {
            return Locale.forLanguageTag(language);
        }

        public ZoneId zoneId() {
            return ZoneId.of(zone);
        }
    }

    /** The saved settings and when the mail goes out next. */
    public record Subscription(UUID teamId, Settings settings, Instant nextMailAt) {
    }

    @Transactional(readOnly = true)
    public Optional<Subscription> find(UUID teamId) {
        identity.requireManagerOf(identity.team(teamId));
        return load(teamId);
    }

    Optional<Subscription> load(UUID teamId) {
        return jdbc.sql("select language, zone, user_ids, emails from report_monthly_mail where team_id = ?")
                .param(teamId)
                .query((rs, n) -> new Settings(split(rs.getString(3)).stream().map(UUID::fromString).toList(),
                        split(rs.getString(4)), rs.getString(1), rs.getString(2)))
                .optional()
                .map(s -> new Subscription(teamId, s, timers.find(TIMER, teamId.toString()).map(t -> t.dueAt())
                        .orElse(null)));
    }

    /** Turns the mail on for the team or changes it; bad input names its field and changes nothing. */
    public Subscription put(UUID teamId, Settings settings) {
        identity.requireManagerOf(identity.team(teamId));
        check(settings);
        var now = clock.instant();
        int updated = jdbc.sql("update report_monthly_mail set language = ?, zone = ?, user_ids = ?, emails = ?,"
                        + " updated_at = ? where team_id = ?")
                .params(settings.language(), settings.zone(), join(settings.userIds().stream().map(UUID::toString)
                        .toList()), join(settings.emails()), Timestamp.from(now), teamId).update();
        if (updated == 0) {
            jdbc.sql("insert into report_monthly_mail (team_id, language, zone, user_ids, emails, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(teamId, settings.language(), settings.zone(), join(settings.userIds().stream()
                            .map(UUID::toString).toList()), join(settings.emails()), Timestamp.from(now)).update();
        }
        var next = MonthlyFiring.next(now, settings.zoneId());
        timers.schedule(TIMER, teamId.toString(), next, null);
        return new Subscription(teamId, settings, next);
    }

    /** Turns the mail off: the settings and the pending timer go. Returns whether it was on. */
    public boolean delete(UUID teamId) {
        identity.requireManagerOf(identity.team(teamId));
        timers.cancel(TIMER, teamId.toString());
        return jdbc.sql("delete from report_monthly_mail where team_id = ?").param(teamId).update() > 0;
    }

    private void check(Settings s) {
        var violations = new ArrayList<FieldViolation>();
        if (s.language() == null || !LANGUAGES.contains(s.language())) {
            violations.add(new FieldViolation("language", "must be one of " + LANGUAGES));
        }
        if (s.zone() == null || s.zone().isBlank()) {
            violations.add(new FieldViolation("zone", "must be an IANA time zone such as Europe/Berlin"));
        } else {
            try {
                // Region ids only: a fixed offset would not follow the team's summer time.
                if (!ZoneId.getAvailableZoneIds().contains(s.zone())) {
                    throw new DateTimeException(s.zone());
                }
            } catch (DateTimeException e) {
                violations.add(new FieldViolation("zone", "'" + s.zone() + "' is not an IANA time zone"));
            }
        }
        if (s.userIds().size() + s.emails().size() > MAX_RECIPIENTS) {
            violations.add(new FieldViolation("recipients", "at most " + MAX_RECIPIENTS + " recipients"));
        } else if (s.userIds().isEmpty() && s.emails().isEmpty()) {
            violations.add(new FieldViolation("recipients", "name at least one user or e-mail address"));
        }
        for (int i = 0; i < s.emails().size(); i++) {
            int index = i;
            MailRecipient.problem(s.emails().get(i)).ifPresent(p -> violations.add(new FieldViolation(
                    "emails[" + index + "]", p)));
        }
        for (int i = 0; i < s.userIds().size(); i++) {
            if (s.userIds().get(i) == null || identity.findUser(s.userIds().get(i)).isEmpty()) {
                violations.add(new FieldViolation("userIds[" + i + "]", "no such user"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static String join(List<String> values) {
        return String.join(",", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }
}
