package io.tocsin.notify;

/**
 * What a notification is about: its {@link SubjectType type} (an alert, an incident), its id, the key people
 * read (e.g. {@code INC-42}), severity (1 = most severe), a one-line summary and a link to it.
 */
public record Subject(SubjectType type, String id, String key, Integer severity, String summary, String link) {

    /** Longest key and summary that runs, deliveries and answers store (their columns); longer ones are cut with "…". */
    public static final int MAX_KEY = 100;
    public static final int MAX_SUMMARY = 500;

    public Subject {
        if (type == null || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a subject needs a type and an id");
        }
        // An alert's key is its dedup key, which a sender may make up to 255 characters (or more, before ingest
        // shortens it): a page about it must still be stored and sent, never refused for the key's length.
        key = cut(key, MAX_KEY);
        summary = cut(summary, MAX_SUMMARY);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The key if there is one, else the id. */
    public String label() {
        return key == null || key.isBlank() ? id : key;
    }
}
