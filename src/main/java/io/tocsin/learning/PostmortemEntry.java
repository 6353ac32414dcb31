package io.tocsin.learning;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One line of the postmortem's own timeline: drafted from what Tocsin recorded (the incident timeline, change
 * events on the service) or added by the author. {@code source} says where it came from ({@code incident},
 * {@code change}, {@code author}); {@code sourceEntryId} names the incident timeline entry it copies. The author
 * edits the text, annotates, tags a key moment and leaves entries out; the incident's timeline is never touched.
 */
@Table("postmortem_entry")
public record PostmortemEntry(UUID entryRef, Instant occurredAt, String source, Long sourceEntryId, String text,
        String annotation, KeyMoment keyMoment, boolean included) {

    public static final String FROM_INCIDENT = "incident";
    public static final String FROM_CHANGE = "change";
    public static final String FROM_AUTHOR = "author";
}
