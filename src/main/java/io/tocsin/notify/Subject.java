package io.tocsin.notify;

/**
 * What a notification is about: its {@link SubjectType type} (an alert, an incident), its id, the key people
 * read (e.g. {@code INC-42}), severity (1 = most severe), a one-line summary and a link to it.
 */
public record Subject(SubjectType type, String id, String key, Integer severity, String summary, String link) {

    public Subject {
        if (type == null || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a subject needs a type and an id");
        }
    }

    /** The key if there is one, else the id. */
    public String label() {
        return key == null || key.isBlank() ? id : key;
    }
}
