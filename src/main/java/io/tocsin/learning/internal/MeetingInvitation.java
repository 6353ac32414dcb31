package io.tocsin.learning.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The postmortem review meeting as an iCalendar invitation (RFC 5545 with iTIP {@code METHOD:REQUEST}, RFC 5546):
 * one UID per postmortem and a rising SEQUENCE, so a moved meeting updates the calendar entry instead of adding one.
 */
public final class MeetingInvitation {

    private MeetingInvitation() {
    }

    public record Person(String name, String email) {
    }

    public static String uid(UUID postmortemId) {
        return UUID.nameUUIDFromBytes(("postmortem-meeting/" + postmortemId).getBytes(StandardCharsets.UTF_8)) + "@tocsin";
    }

    public static String ics(UUID postmortemId, int sequence, Instant start, Duration length, String summary,
            String description, String link, Person organizer, List<Person> attendees, Instant now) {
        var event = new VEvent(start, start.plus(length), summary);
        event.replace(new DtStamp(now));
        event.replace(new Uid(uid(postmortemId)));
        event.add(new Sequence(sequence));
        event.add(new Description(description));
        if (link != null) {
            event.add(new Url(URI.create(link)));
        }
        var org = new Organizer(URI.create("mailto:" + organizer.email()));
        org.add(new Cn(organizer.name()));
        event.add(org);
        for (var p : attendees) {
            var a = new Attendee(URI.create("mailto:" + p.email()));
            a.add(new Cn(p.name()));
            a.add(Role.REQ_PARTICIPANT);
            a.add(PartStat.NEEDS_ACTION);
            a.add(Rsvp.TRUE);
            event.add(a);
        }
        var calendar = new Calendar();
        calendar.add(new ProdId("-//Tocsin//Postmortem review//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.REQUEST);
        calendar.add(event);
        var out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
