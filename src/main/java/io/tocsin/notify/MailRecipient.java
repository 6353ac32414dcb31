package io.tocsin.notify;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Someone to write to: a plain e-mail address (not necessarily anyone's verified contact method) and the language
 * the mail is written in. {@link #problem(String)} is the one rule for what address Tocsin will send to: callers
 * check it up front to refuse bad input field by field; {@link Notifications#enqueueMail} refuses the rest.
 */
public record MailRecipient(String address, Locale locale) {

    public static final int MAX_ADDRESS = 320;

    // One plain address: no display name, no list, no comments or quoted parts, a dotted domain.
    private static final Pattern PLAIN_ADDRESS =
            Pattern.compile("[^@\\s<>(),;:\"\\[\\]]+@[^@\\s<>(),;:\"\\[\\]]+\\.[A-Za-z0-9-]{2,}");

    public MailRecipient {
        address = address == null ? null : address.strip();
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** Why the address cannot be used, or empty when it is a plain, valid e-mail address. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isBlank()) {
            return Optional.of("must not be blank");
        }
        String a = address.strip();
        if (a.length() > MAX_ADDRESS || !PLAIN_ADDRESS.matcher(a).matches()) {
            return Optional.of("'" + address + "' is not a valid e-mail address");
        }
        try {
            new InternetAddress(a, true).validate();
            return Optional.empty();
        } catch (AddressException e) {
            return Optional.of("'" + address + "' is not a valid e-mail address: " + e.getMessage());
        }
    }

    public Optional<String> problem() {
        return problem(address);
    }

    /** The address as idempotency keys and de-duplication compare it: case does not make another recipient. */
    public String normalized() {
        return address == null ? "" : address.toLowerCase(Locale.ROOT);
    }
}
