package io.tocsin.oncall.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.oncall.Shift;
import io.tocsin.oncall.TimeRange;
import io.tocsin.oncall.UserShift;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Component;

/**
 * iCalendar (RFC 5545) feeds of final shifts, per person and per schedule, from a month back to a year ahead.
 * Folding and escaping are ical4j's; UIDs are derived from schedule, shift start and person, so a
 * regenerated feed updates calendar entries instead of duplicating them.
 */
@Component
public class CalendarFeeds {

    static final Duration PAST = Duration.ofDays(31);
    static final Duration AHEAD = Duration.ofDays(366);

    private final Schedules schedules;
    private final Identity identity;
    private final Clock clock;

    CalendarFeeds(Schedules schedules, Identity identity, Clock clock) {
        this.schedules = schedules;
        this.identity = identity;
        this.clock = clock;
    }

    public String userFeed(UUID userId) {
        var user = identity.user(userId);
        var shifts = schedules.shiftsOf(userId, window());
        var calendar = calendar();
        for (UserShift s : shifts) {
            calendar.add(event(s.scheduleId(), s.shift(), "On call: " + s.scheduleName(),
                    "On call for " + s.scheduleName() + " as " + user.name()));
        }
        return write(calendar);
    }

    public String scheduleFeed(UUID scheduleId) {
        var schedule = schedules.schedule(scheduleId);
        List<Shift> shifts = schedules.plan(scheduleId, window()).finalShifts();
        Map<UUID, User> users = identity.usersById(shifts.stream().map(Shift::userId).toList());
        var calendar = calendar();
        for (Shift s : shifts) {
            String who = users.containsKey(s.userId()) ? users.get(s.userId()).name() : s.userId().toString();
            calendar.add(event(scheduleId, s, schedule.name() + ": " + who,
                    who + " is on call for " + schedule.name()));
        }
        return write(calendar);
    }

    private TimeRange window() {
        Instant now = clock.instant();
        return new TimeRange(now.minus(PAST), now.plus(AHEAD));
    }

    private static Calendar calendar() {
        var calendar = new Calendar();
        calendar.add(new ProdId("-//Tocsin//On-call schedules//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        return calendar;
    }

    private VEvent event(UUID scheduleId, Shift shift, String summary, String description) {
        var event = new VEvent(shift.start(), shift.end(), summary);
        event.replace(new DtStamp(clock.instant()));
        event.replace(new Uid(uid(scheduleId, shift)));
        event.add(new Description(description));
        return event;
    }

    /** Stable across regenerations: the same person's shift starting at the same instant keeps its UID. */
    static String uid(UUID scheduleId, Shift shift) {
        String key = scheduleId + "/" + shift.start().toEpochMilli() + "/" + shift.userId();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)) + "@tocsin";
    }

    private static String write(Calendar calendar) {
        var out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
