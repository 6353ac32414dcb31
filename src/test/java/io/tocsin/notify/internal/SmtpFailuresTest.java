package io.tocsin.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * Which SMTP failures are retried (issue 10): the exceptions JavaMail (Angus Mail, the implementation Spring Boot
 * ships) raises for each server reply of RFC 5321 and for each network failure, as the delivery worker sees them.
 */
class SmtpFailuresTest {

    static InternetAddress address() {
        try {
            return new InternetAddress("someone@example.org");
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How Angus reports a recipient the server refused at RCPT TO: the reply chained into "Invalid Addresses". */
    static Exception refusedAtRcpt(int code, String text) {
        var rcpt = new SMTPAddressFailedException(address(), "RCPT TO:<someone@example.org>", code, code + " " + text + "\n");
        return new SendFailedException("Invalid Addresses", rcpt);
    }

    static Stream<Arguments> failures() throws Exception {
        return Stream.of(
                // reply codes: 5xx for good, 4xx for now
                Arguments.of("550 mailbox unknown", refusedAtRcpt(550, "5.1.1 <someone@example.org>: user unknown"), true),
                Arguments.of("553 mailbox name not allowed", refusedAtRcpt(553, "5.1.3 bad recipient address syntax"), true),
                Arguments.of("551 user not local", refusedAtRcpt(551, "5.1.6 user has moved"), true),
                Arguments.of("450 mailbox busy", refusedAtRcpt(450, "4.2.1 mailbox busy, try later"), false),
                Arguments.of("451 greylisted", refusedAtRcpt(451, "4.7.1 greylisted, come back in 5 minutes"), false),
                Arguments.of("452 out of storage", refusedAtRcpt(452, "4.3.1 insufficient system storage"), false),
                Arguments.of("554 message refused at DATA", new SMTPSendFailedException("DATA", 554,
                        "554 5.7.1 message refused as spam", null, null, null, null), true),
                Arguments.of("552 message too big", new SMTPSendFailedException("DATA", 552,
                        "552 5.3.4 message size exceeds fixed limit", null, null, null, null), true),
                Arguments.of("421 service closing", new SMTPSendFailedException("MAIL", 421,
                        "421 4.3.2 service shutting down", null, null, null, null), false),
                Arguments.of("multi-line 5xx reply", refusedAtRcpt(550, "5.7.1 relaying denied\n550-more text"), true),
                // no reply at all
                Arguments.of("connection refused", new MailConnectException(new SocketConnectException(
                        "Using socket factory", new ConnectException("Connection refused"), "127.0.0.1", 25, 5000)), false),
                Arguments.of("read timeout", new MessagingException("Exception reading response",
                        new SocketTimeoutException("Read timed out")), false),
                Arguments.of("authentication failed (535, yet Tocsin's configuration)",
                        new AuthenticationFailedException("535 5.7.8 bad credentials"), false),
                Arguments.of("address JavaMail cannot use", new AddressException("Domain contains illegal character",
                        "someone@exa mple.org"), true),
                Arguments.of("Spring: server connection failed", new MailSendException("Mail server connection failed",
                        new MailConnectException(new SocketConnectException("Using socket factory",
                                new ConnectException("Connection refused"), "127.0.0.1", 25, 5000))), false),
                Arguments.of("Spring: authentication", new MailAuthenticationException("Authentication failed"), false));
    }

    @ParameterizedTest(name = "{0}: permanent={2}")
    @MethodSource("failures")
    void classifies(String what, Exception failure, boolean permanent) {
        var classified = SmtpFailures.classify(failure);
        assertThat(classified.permanent()).as(what).isEqualTo(permanent);
        assertThat(classified.message()).as("names the server's answer or the network error").startsWith("SMTP")
                .doesNotContain("null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void theServersReplyIsWhatTheLogShows(String what, Exception failure, boolean permanent) {
        var message = SmtpFailures.classify(failure).message();
        if (what.matches("\\d{3} .*")) {
            assertThat(message).startsWith("SMTP " + what.substring(0, 3) + " ");
        }
    }
}
