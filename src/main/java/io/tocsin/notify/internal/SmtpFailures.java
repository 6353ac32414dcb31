package io.tocsin.notify.internal;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

/**
 * Whether an SMTP failure is worth retrying. The server's reply code decides where there is one (RFC 5321 4.2.1):
 * 5xx is permanent (mailbox unknown, message refused), 4xx transient (greylisting, mailbox busy, service closing).
 * An address JavaMail itself cannot use is permanent; anything else (connection refused, timeouts, a dropped
 * connection, failed authentication, even with its 535) is transient, because it may work once the server or its
 * configuration is back. The code is read from the server's reply text that JavaMail puts into the exceptions it chains, so this
 * does not depend on the JavaMail implementation's own exception classes.
 */
final class SmtpFailures {

    private static final Pattern REPLY = Pattern.compile("^\\s*([245])(\\d\\d)[ -].*", Pattern.DOTALL);

    private SmtpFailures() {
    }

    /** A failed hand-over to the SMTP server: what to log, and whether trying again can help. */
    record Failure(String message, boolean permanent) {
    }

    static Failure classify(Throwable failure) {
        boolean badAddress = false;
        for (var t : chain(failure)) {
            if (t instanceof AuthenticationFailedException) {
                // The server's 535 is about Tocsin's credentials, not this mail: it goes once they are fixed.
                return new Failure("SMTP authentication failed: " + describe(failure), false);
            }
        }
        for (var t : chain(failure)) {
            var m = t.getMessage() == null ? null : REPLY.matcher(t.getMessage());
            if (m != null && m.matches()) {
                return new Failure("SMTP " + t.getMessage().strip(), m.group(1).equals("5"));
            }
            badAddress |= t instanceof AddressException;
        }
        return new Failure("SMTP: " + describe(failure), badAddress);
    }

    /** The failure and everything it carries: causes, and the exceptions JavaMail chains with setNextException. */
    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var order = new java.util.ArrayList<Throwable>();
        var todo = new ArrayDeque<Throwable>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            var t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            order.add(t);
            if (t instanceof MessagingException me && me.getNextException() != null) {
                todo.add(me.getNextException());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return order;
    }

    private static String describe(Throwable failure) {
        var parts = new java.util.ArrayList<String>();
        for (var t : chain(failure)) {
            String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (parts.stream().noneMatch(p -> p.contains(text))) {
                parts.add(text);
            }
        }
        return String.join(": ", parts);
    }
}
