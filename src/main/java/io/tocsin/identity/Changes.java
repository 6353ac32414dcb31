package io.tocsin.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What a configuration change changed, for the audit log (issue 15 point 4): the fields whose values differ,
 * before and after ({@code name: 'Old' -> 'New'}). Callers pass secrets only as a fingerprint (for example
 * {@code "changed"} or {@code "set"}), never the secret itself. Kept within the audit detail's 4000 characters.
 */
public final class Changes {

    static final int MAX = 3900;

    private final Map<String, String> before = new LinkedHashMap<>();
    private final Map<String, String> after = new LinkedHashMap<>();

    private Changes() {
    }

    public static Changes of() {
        return new Changes();
    }

    /** One field, before and after (either may be null: not set). */
    public Changes field(String name, Object was, Object is) {
        before.put(name, was == null ? null : String.valueOf(was));
        after.put(name, is == null ? null : String.valueOf(is));
        return this;
    }

    /** A secret field: only whether it changed, never its value. */
    public Changes secret(String name, boolean changed) {
        if (changed) {
            before.put(name, "(secret)");
            after.put(name, "(secret, changed)");
        }
        return this;
    }

    /** {@code "f: 'a' -> 'b'; g: (none) -> 'c'"}, or {@code "no change"}. */
    @Override
    public String toString() {
        var text = new StringJoiner("; ");
        before.forEach((name, was) -> {
            var is = after.get(name);
            if (!Objects.equals(was, is)) {
                text.add(name + ": " + quoted(was) + " -> " + quoted(is));
            }
        });
        String s = text.length() == 0 ? "no change" : text.toString();
        return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
    }

    private static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.startsWith("(secret") ? value : "'" + value + "'";
    }
}
