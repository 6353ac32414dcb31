package io.tocsin.assist;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what must not leave Tocsin before text goes to a language model (issue 18 point 4, R32): secrets (API
 * tokens, keys, passwords, bearer strings, integration and routing keys, private keys, credentials in URLs),
 * e-mail addresses and phone numbers. Each is replaced by a marker ({@code [secret]}, {@code [email]},
 * {@code [phone]}) so the model still sees that something was there. Pure: no state, no I/O.
 *
 * <p>It errs towards removing: a 40-character commit hash is treated as a key, and so is any long string that
 * mixes upper case, lower case and digits. What it keeps on purpose: times (09:10), dates (2026-03-02), counts
 * (1,200), percentages, versions, IP addresses, UUIDs and incident keys, which a summary needs.
 */
public final class Redactor {

    public enum Kind {
        SECRET, EMAIL, PHONE
    }

    public static final String SECRET = "[secret]";
    public static final String EMAIL = "[email]";
    public static final String PHONE = "[phone]";

    /** The redacted text and how many of each kind were removed. */
    public record Redacted(String text, Map<Kind, Integer> counts) {

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|\\z)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^\\s/@:]+:[^\\s/@]+@");
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic|token|apikey)\\s+([A-Za-z0-9._~+/=-]{8,})");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(?<![A-Za-z])(authorization\"?\\s*[:=]\\s*)(?:(?:bearer|basic|token|digest)\\s+)?[^\\s'\",;]+");
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)(?<![A-Za-z])((?:x-)?(?:password|passwd|pwd|passwort|kennwort"
            + "|secret|client[_-]?secret|token|access[_-]?token|refresh[_-]?token|auth[_-]?token|api[_-]?key|apikey"
            + "|access[_-]?key|secret[_-]?key|private[_-]?key|routing[_-]?key|integration[_-]?key|authorization"
            + "|credentials?))(\"?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;'\"]+)");
    private static final Pattern SPOKEN_PASSWORD = Pattern.compile(
            "(?i)\\b(password|passwort|kennwort|pin)(\\s+(?:is|ist|lautet|was|war)\\s+)(\\S+)");
    private static final Pattern KNOWN_TOKENS = Pattern.compile("\\b(?:tcs_[A-Za-z0-9_-]{8,}|sk-[A-Za-z0-9_-]{16,}"
            + "|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
            + "|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}"
            + "|eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*)");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "(?i)(?<![\\w.%+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,}\\b");
    private static final Pattern HEX_KEY = Pattern.compile("\\b[0-9a-fA-F]{32,}\\b");
    private static final Pattern HIGH_ENTROPY = Pattern.compile("(?<![\\w+/=-])[A-Za-z0-9+/_-]{32,}={0,2}(?![\\w+/=-])");
    /** International (+49 30 1234567, 0049 ...), national with a leading 0 ((030) 123 45 67, 0171-2345678). */
    private static final Pattern PHONE_NUMBER = Pattern.compile(
            "(?<![\\w.+/:-])(?:(?:\\+|00)[1-9]\\d{0,3}|\\(?0\\d{1,5}\\)?)(?:[ ./-]?\\(?\\d{1,6}\\)?){1,6}(?![\\w.:/-]*\\d)");
    /** North American shape without a prefix: 555-010-9999, (555) 010 9999. */
    private static final Pattern NANP = Pattern.compile("(?<![\\w.:/-])\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}(?![\\w.:/-]*\\d)");

    private Redactor() {
    }

    public static Redacted redact(String text) {
        var counts = new EnumMap<Kind, Integer>(Kind.class);
        if (text == null || text.isEmpty()) {
            return new Redacted(text == null ? "" : text, counts);
        }
        String s = text;
        s = replace(s, PEM, counts, Kind.SECRET, m -> SECRET);
        s = replace(s, URL_CREDENTIALS, counts, Kind.SECRET, m -> m.group(1) + SECRET + "@");
        s = replace(s, AUTHORIZATION, counts, Kind.SECRET, m -> m.group(1) + SECRET);
        s = replace(s, KEY_VALUE, counts, Kind.SECRET, m -> m.group(3).equals(SECRET) ? m.group()
                : m.group(1) + m.group(2) + SECRET);
        s = replace(s, AUTH_SCHEME, counts, Kind.SECRET, m -> m.group(1) + " " + SECRET);
        s = replace(s, SPOKEN_PASSWORD, counts, Kind.SECRET, m -> m.group(1) + m.group(2) + SECRET);
        s = replace(s, KNOWN_TOKENS, counts, Kind.SECRET, m -> SECRET);
        s = replace(s, EMAIL_ADDRESS, counts, Kind.EMAIL, m -> EMAIL);
        s = replace(s, HEX_KEY, counts, Kind.SECRET, m -> SECRET);
        s = replace(s, HIGH_ENTROPY, counts, Kind.SECRET, m -> mixed(m.group()) && !path(m.group()) ? SECRET : m.group());
        s = replace(s, PHONE_NUMBER, counts, Kind.PHONE, m -> digits(m.group()) >= 7 ? PHONE : m.group());
        s = replace(s, NANP, counts, Kind.PHONE, m -> PHONE);
        return new Redacted(s, counts);
    }

    private interface Replacement {
        String apply(Matcher m);
    }

    private static String replace(String s, Pattern pattern, Map<Kind, Integer> counts, Kind kind, Replacement how) {
        var m = pattern.matcher(s);
        if (!m.find()) {
            return s;
        }
        var out = new StringBuilder(s.length());
        do {
            String replacement = how.apply(m);
            if (!replacement.equals(m.group())) {
                counts.merge(kind, 1, Integer::sum);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static boolean mixed(String s) {
        return s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                && s.chars().anyMatch(Character::isDigit);
    }

    /** A path such as /api/v1/incidents/INC-42 has words between its slashes; base64 has none. */
    private static boolean path(String s) {
        return s.indexOf('/') >= 0 && java.util.Arrays.stream(s.split("/")).anyMatch(part -> part.matches("[a-z]{3,}"));
    }

    private static int digits(String s) {
        return (int) s.chars().filter(Character::isDigit).count();
    }
}
