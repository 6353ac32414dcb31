package io.tocsin.comms.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what people type into parts that compose into grammatical messages (R23, R25), whatever punctuation they
 * used: a sentence ends with exactly one full stop (or their own ? or !), a fragment placed after a label carries
 * no trailing punctuation, a list reads "A, B and C" ("A, B und C"), bullets lose the dash people type. Pure.
 */
public final class Prose {

    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern TRAILING = Pattern.compile("[\\s.,;:]+$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•–—]+|\\d+[.)])\\s+");

    private Prose() {
    }

    /** A sentence: one line, first letter capital, ending with one full stop unless it ends with ?, ! or …. */
    public static String sentence(String text) {
        String s = oneLine(text);
        if (s == null) {
            return null;
        }
        if (s.endsWith("...") || s.endsWith("…") || s.endsWith("?") || s.endsWith("!")) {
            return capitalise(s);
        }
        String body = TRAILING.matcher(s).replaceAll("");
        return body.isEmpty() ? null : capitalise(body) + ".";
    }

    /** Words that follow a label ("Impact on customers: …") or stand inside a sentence: no trailing punctuation. */
    public static String fragment(String text) {
        String s = oneLine(text);
        if (s == null || s.endsWith("?") || s.endsWith("!") || s.endsWith("...") || s.endsWith("…")) {
            return s;
        }
        String body = TRAILING.matcher(s).replaceAll("");
        return body.isEmpty() ? null : body;
    }

    /** A bullet as people type it ("- done.", "* Rollback started;", "2) next") without the dash or the stop. */
    public static String bullet(String text) {
        return text == null ? null : fragment(BULLET.matcher(text).replaceFirst(""));
    }

    public static List<String> bullets(List<String> lines) {
        return lines == null ? List.of() : lines.stream().map(Prose::bullet).filter(b -> b != null).toList();
    }

    /** "A", "A and B", "A, B and C" in the reader's language; null for none. */
    public static String list(List<String> items, Locale locale) {
        var parts = items == null ? List.<String>of() : items.stream().map(Prose::fragment).filter(p -> p != null).toList();
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        String and = locale != null && locale.getLanguage().equals("de") ? " und " : " and ";
        return String.join(", ", parts.subList(0, parts.size() - 1)) + and + parts.getLast();
    }

    private static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String s = SPACE.matcher(text).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }

    private static String capitalise(String s) {
        int first = s.codePointAt(0);
        return Character.isLowerCase(first) ? new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(s.substring(Character.charCount(first))).toString() : s;
    }
}
