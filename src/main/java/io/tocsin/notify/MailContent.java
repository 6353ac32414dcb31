package io.tocsin.notify;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * What a mail says, already rendered in the recipient's language by the module that writes it: the subject line,
 * a plain-text body, optionally an HTML body and attachments, and optionally where the recipient unsubscribes
 * ({@code List-Unsubscribe}, RFC 2369; with {@code oneClick} also {@code List-Unsubscribe-Post}, RFC 8058).
 */
public record MailContent(String subject, String text, String html, List<MailAttachment> attachments,
        Unsubscribe unsubscribe) {

    public static final int MAX_SUBJECT = 900;
    public static final int MAX_BODY = 500_000;
    public static final int MAX_ATTACHMENTS = 10;

    public MailContent {
        // A line break in a header would let the text add headers of its own.
        subject = subject == null ? null : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            throw new IllegalArgumentException("a mail needs a subject of 1 to " + MAX_SUBJECT + " characters");
        }
        if (text == null || text.isBlank() || text.length() > MAX_BODY) {
            throw new IllegalArgumentException("a mail needs a text body of 1 to " + MAX_BODY + " characters");
        }
        if (html != null && (html.isBlank() || html.length() > MAX_BODY)) {
            throw new IllegalArgumentException("an HTML body must be 1 to " + MAX_BODY + " characters, or absent");
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw new IllegalArgumentException("at most " + MAX_ATTACHMENTS + " attachments");
        }
    }

    public static MailContent of(String subject, String text, String html) {
        return new MailContent(subject, text, html, List.of(), null);
    }

    public MailContent withAttachments(List<MailAttachment> files) {
        return new MailContent(subject, text, html, files, unsubscribe);
    }

    public MailContent withUnsubscribe(Unsubscribe how) {
        return new MailContent(subject, text, html, attachments, how);
    }

    /**
     * Where the recipient stops these mails: https and mailto links. {@code oneClick} promises that a POST to the
     * https link unsubscribes without further questions (RFC 8058), which large mailbox providers ask of bulk mail.
     */
    public record Unsubscribe(List<URI> links, boolean oneClick) {

        public Unsubscribe {
            links = links == null ? List.of() : List.copyOf(links);
            if (links.isEmpty()) {
                throw new IllegalArgumentException("an unsubscribe needs at least one link");
            }
            for (var link : links) {
                String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("mailto")) {
                    throw new IllegalArgumentException("unsubscribe link " + link + " must be http(s) or mailto");
                }
                if (link.toString().chars().anyMatch(c -> c <= 0x20 || c == '<' || c == '>' || c == ',')) {
                    throw new IllegalArgumentException("unsubscribe link " + link + " contains characters a header cannot carry");
                }
            }
            if (oneClick && links.stream().noneMatch(l -> "https".equalsIgnoreCase(l.getScheme()))) {
                throw new IllegalArgumentException("one-click unsubscribe needs an https link (RFC 8058)");
            }
        }

        public static Unsubscribe oneClick(URI https) {
            return new Unsubscribe(List.of(https), true);
        }

        /** The {@code List-Unsubscribe} header value: {@code <https://...>, <mailto:...>}. */
        public String header() {
            return String.join(", ", links.stream().map(l -> "<" + l + ">").toList());
        }
    }
}
