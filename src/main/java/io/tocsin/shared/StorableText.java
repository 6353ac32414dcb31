package io.tocsin.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one rule every write applies to text it is given: PostgreSQL cannot store the NUL character (U+0000) in a
 * text column, and a lone UTF-16 surrogate has no UTF-8 form at all, so neither can be stored as sent. Such
 * input is refused, naming the field, rather than silently altered (ingest formats, which must never lose an
 * alert, replace these characters instead).
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why this text cannot be stored, or null when it can. */
    public static String problem(CharSequence text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "must not contain a lone UTF-16 surrogate (U+" + hex(c).toUpperCase(java.util.Locale.ROOT) + ")";
                }
            } else if (Character.isLowSurrogate(c)) {
                return "must not contain a lone UTF-16 surrogate (U+" + hex(c).toUpperCase(java.util.Locale.ROOT) + ")";
            }
        }
        return null;
    }

    /**
     * The violations among named values (parameter name to values, as a servlet request has them); a name that
     * itself cannot be stored is reported under its printable form.
     */
    public static List<FieldViolation> violations(Map<String, String[]> parameters) {
        var violations = new ArrayList<FieldViolation>();
        parameters.forEach((name, values) -> {
            String nameProblem = problem(name);
            if (nameProblem != null) {
                violations.add(new FieldViolation(printable(name), "parameter name " + nameProblem));
                return;
            }
            for (String value : values) {
                String valueProblem = problem(value);
                if (valueProblem != null) {
                    violations.add(new FieldViolation(name, valueProblem));
                    return;
                }
            }
        });
        return violations;
    }

    /** The text with NUL and lone surrogates written as {@code \u0000}-style escapes, for naming a field. */
    public static String printable(String text) {
        var sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                sb.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                sb.append("\\u").append(hex(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String hex(char c) {
        return String.format("%04x", (int) c);
    }
}
