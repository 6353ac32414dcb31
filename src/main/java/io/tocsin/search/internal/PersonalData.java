package io.tocsin.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * E-mail addresses and phone numbers in indexed text. Stakeholders may not read personal data
 * ({@code docs/permissions.md}), so the index keeps text without them and the contacts apart, searchable only by
 * members and administrators; snippets never show them.
 */
final class PersonalData {

    static final String MASK = "…";
    private static final Pattern CONTACT = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|\\+?\\d[\\d ()/.-]{6,}\\d");

    private PersonalData() {
    }

    record Redacted(String text, List<String> contacts) {
    }

    static Redacted redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redacted(text == null ? "" : text, List.of());
        }
        var found = new ArrayList<String>();
        var m = CONTACT.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            var hit = m.group();
            // Digits alone count as a phone number only with enough of them (not "2026-03-02", "10.0.0.12" stays).
            if (!hit.contains("@") && (hit.replaceAll("\\D", "").length() < 8 || hit.matches("\\d{4}-\\d{2}-\\d{2}.*")
                    || hit.matches("[\\d.]+"))) {
                continue;
            }
            found.add(normalize(hit));
            m.appendReplacement(out, MASK);
        }
        m.appendTail(out);
        return new Redacted(out.toString(), found);
    }

    /** The form contacts are indexed and searched in: lower case, a phone number as its digits. */
    static String normalize(String contact) {
        var c = contact.strip().toLowerCase(java.util.Locale.ROOT);
        return c.contains("@") ? c : c.replaceAll("\\D", "");
    }

    static boolean looksLikeContact(String term) {
        return CONTACT.matcher(term).matches();
    }
}
