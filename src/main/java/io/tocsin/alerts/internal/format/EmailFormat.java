package io.tocsin.alerts.internal.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tocsin.alerts.internal.Signal;

/**
 * A mail to a service's inbound address as an alert (issue 19 point 3): subject to summary, text body to details,
 * sender kept as source. The dedup key is the subject with digits, {@code Re:}/{@code Fwd:} prefixes and case
 * removed ("Disk 91% full on db-3" and "Disk 97% full on db-7" repeat one alert), or, when configured, a header's
 * value. Mail that would make a loop is dropped, with the reason: auto-replies (RFC 3834 {@code Auto-Submitted}
 * other than {@code no}/{@code auto-generated}, {@code X-Autoreply}, {@code X-Autorespond}, {@code Precedence}
 * bulk/junk/list/auto_reply), bounces (null return path, {@code MAILER-DAEMON}/{@code postmaster},
 * {@code multipart/report}) and Tocsin's own messages ({@code X-Tocsin-Delivery}). Monitoring mail marked
 * {@code Auto-Submitted: auto-generated} is an alert, not a loop.
 */
public final class EmailFormat {

    /** One received mail as the poller read it; header names in lower case. */
    public record InboundMail(String from, String subject, String text, String contentType,
            Map<String, List<String>> headers) {

        String header(String name) {
            var values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** Either the alert to raise, or why the mail was dropped. */
    public record Verdict(Signal signal, String dropped) {
    }

    private static final List<String> AUTO_REPLY_HEADERS = List.of("x-autoreply", "x-autorespond", "x-auto-reply-from",
            "x-mail-autoreply", "x-autoreply-from");
    private static final List<String> LOOP_PRECEDENCE = List.of("bulk", "junk", "list", "auto_reply");

    private final Json json;
    private final String dedupHeader;

    /** {@code dedupHeader}: a header whose value is the dedup key (e.g. {@code X-Alert-Id}); blank for the subject rule. */
    public EmailFormat(Json json, String dedupHeader) {
        this.json = json;
        this.dedupHeader = dedupHeader == null || dedupHeader.isBlank() ? null : dedupHeader.strip();
    }

    public Verdict read(InboundMail mail) {
        String loop = loop(mail);
        if (loop != null) {
            return new Verdict(null, loop);
        }
        var adjustments = new Adjustments();
        String subject = mail.subject() == null || mail.subject().isBlank() ? "(no subject)" : mail.subject().strip();
        String summary = Text.fit(subject.replaceAll("\\s+", " "), Limits.SUMMARY, "subject", adjustments);
        String key = null;
        if (dedupHeader != null && mail.header(dedupHeader) != null && !mail.header(dedupHeader).isBlank()) {
            key = mail.header(dedupHeader).strip();
        }
        if (key == null) {
            key = "mail:" + sha256(subjectKey(subject)).substring(0, 32);
        }
        key = Text.key(key, Limits.DEDUP_KEY, "dedupKey", adjustments);
        String from = Text.fit(mail.from() == null ? "" : mail.from(), Limits.SOURCE, "from", adjustments);
        var details = new LinkedHashMap<String, Object>();
        details.put("from", from);
        details.put("subject", summary);
        if (mail.header("message-id") != null) {
            details.put("messageId", Text.fit(mail.header("message-id"), 998, "messageId", adjustments));
        }
        if (mail.text() != null && !mail.text().isBlank()) {
            details.put("body", Text.fit(mail.text().strip(), 100_000, "body", adjustments));
        }
        return new Verdict(new Signal("email", key, summary, from, null, json.details(details, adjustments,
                Limits.DETAILS), null, null), null);
    }

    /** Why this mail would make a loop, or null. */
    static String loop(InboundMail mail) {
        if (mail.header("x-tocsin-delivery") != null) {
            return "one of Tocsin's own messages (X-Tocsin-Delivery)";
        }
        String auto = mail.header("auto-submitted");
        if (auto != null) {
            String value = auto.strip().toLowerCase(Locale.ROOT);
            if (!value.equals("no") && !value.startsWith("auto-generated")) {
                return "an automatic reply (Auto-Submitted: " + value + ")";
            }
        }
        for (String header : AUTO_REPLY_HEADERS) {
            if (mail.header(header) != null) {
                return "an automatic reply (" + header + ")";
            }
        }
        String precedence = mail.header("precedence");
        if (precedence != null && LOOP_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return "bulk or automatic mail (Precedence: " + precedence.strip() + ")";
        }
        String returnPath = mail.header("return-path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "a bounce (empty Return-Path)";
        }
        String from = mail.from() == null ? "" : mail.from().toLowerCase(Locale.ROOT);
        if (from.startsWith("mailer-daemon@") || from.startsWith("postmaster@")) {
            return "a bounce (from " + from + ")";
        }
        if (mail.contentType() != null && mail.contentType().toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return "a delivery report (multipart/report)";
        }
        return null;
    }

    /** The subject as the dedup rule sees it: no reply prefixes, no digits, spaces collapsed, lower case. */
    static String subjectKey(String subject) {
        String s = subject.strip();
        String previous;
        do {
            previous = s;
            s = s.replaceFirst("(?i)^(re|fwd?|aw|wg)\\s*:\\s*", "");
        } while (!s.equals(previous));
        return s.replaceAll("[0-9]+", "").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
