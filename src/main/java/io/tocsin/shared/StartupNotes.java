package io.tocsin.shared;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What a person starting Tocsin must read: how to log in, the demo logins, keys shown only once. Modules add
 * notes while starting; one banner prints them together when the server is ready, so they do not hide among the
 * log lines of the start.
 */
@Component
public class StartupNotes {

    /** Where a note stands in the banner; the order of the constants is the order of the banner. */
    public enum Section {
        ADMINISTRATOR, DEMO, KEYS, ADVICE
    }

    /** One paragraph: a heading and its lines, each shown as written (indent with spaces). */
    public record Note(Section section, String heading, List<String> lines) {
        public Note {
            lines = List.copyOf(lines);
        }
    }

    private final List<Note> notes = new ArrayList<>();

    public synchronized void add(Section section, String heading, List<String> lines) {
        notes.add(new Note(section, heading, lines));
    }

    /** The notes in banner order (by section, then in the order they were added). */
    public synchronized List<Note> all() {
        return notes.stream().sorted(Comparator.comparing(Note::section)).toList();
    }
}
