package io.tocsin.search.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One searchable thing: an incident, a timeline entry, an update, a postmortem, a problem or an alert.
 * {@code text} is already free of personal contact data ({@link PersonalData#redact}); what was taken out is in
 * {@code contacts}, searchable by members and administrators only.
 */
record SearchDocument(String docId, DocType type, UUID incidentId, String key, String title, String text, String url,
        Instant at, List<String> contacts) {

    enum DocType {
        INCIDENT, TIMELINE, UPDATE, POSTMORTEM, PROBLEM, ALERT
    }
}
