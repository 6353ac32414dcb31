package io.tocsin.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One argument of a system timeline entry, typed so that it is rendered for the reader: a message code in the
 * reader's language, an instant in the reader's time zone, a count with the reader's digit grouping. Modules say
 * what a value is; only the timeline decides how it reads.
 */
public sealed interface TimelineArg {

    /** Words as someone wrote them (a summary, a name, a reason): shown as they are. */
    record Text(String value) implements TimelineArg {
        public Text {
            value = value == null ? "" : value;
        }
    }

    /** A message code, rendered in the reader's language (e.g. {@code status.FIXING}). */
    record Code(String code) implements TimelineArg {
        public Code {
            Objects.requireNonNull(code, "code");
        }
    }

    /** A moment, shown in the reader's time zone. */
    record At(Instant instant) implements TimelineArg {
        public At {
            Objects.requireNonNull(instant, "instant");
        }
    }

    /** A number of things (alerts, recipients, attempts). */
    record Count(long value) implements TimelineArg {
    }

    /** A length of time, shown as "1 h 23 min". */
    record Span(Duration duration) implements TimelineArg {
        public Span {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Fields that changed, each with its old and new value; {@code field} names a label code. */
    record Changes(List<Change> changes) implements TimelineArg {
        public Changes {
            changes = List.copyOf(changes);
        }
    }

    /** One changed field; a missing value is {@code null}. */
    record Change(String field, TimelineArg from, TimelineArg to) {
        public Change {
            Objects.requireNonNull(field, "field");
        }
    }

    static TimelineArg text(String value) {
        return new Text(value);
    }

    static TimelineArg code(String code) {
        return new Code(code);
    }

    static TimelineArg at(Instant instant) {
        return new At(instant);
    }

    static TimelineArg count(long value) {
        return new Count(value);
    }

    static TimelineArg span(Duration duration) {
        return new Span(duration);
    }
}
