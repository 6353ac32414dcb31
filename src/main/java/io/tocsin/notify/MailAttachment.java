package io.tocsin.notify;

import java.util.Arrays;
import java.util.Locale;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

/**
 * A file sent with a mail: its name, MIME content type (e.g. {@code text/calendar; method=REQUEST; charset=UTF-8})
 * and bytes. The bytes are copied in and out, so neither side can change them after the fact.
 */
public record MailAttachment(String name, String contentType, byte[] content) {

    /** Fits one binary column on both databases; mails are not for shipping large files. */
    public static final int MAX_BYTES = 1_000_000;
    public static final int MAX_NAME = 200;

    public MailAttachment {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
            throw new IllegalArgumentException("an attachment needs a file name of 1 to " + MAX_NAME
                    + " characters without control characters or slashes");
        }
        try {
            var parsed = new ContentType(contentType == null ? "" : contentType);
            if (parsed.getPrimaryType() == null || parsed.getSubType() == null) {
                throw new ParseException("no type/subtype");
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException("attachment " + name + ": '" + contentType + "' is not a MIME content type");
        }
        if (content == null || content.length > MAX_BYTES) {
            throw new IllegalArgumentException("attachment " + name + " must have content of at most " + MAX_BYTES + " bytes");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Compared by content, not by array identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MailAttachment a && a.name.equals(name)
                && a.contentType.toLowerCase(Locale.ROOT).equals(contentType.toLowerCase(Locale.ROOT))
                && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "MailAttachment[" + name + ", " + contentType + ", " + content.length + " bytes]";
    }
}
