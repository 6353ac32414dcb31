package io.tocsin.comms.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tocsin.comms.CommsSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Sends comms e-mail (stakeholder updates, reminders, role notices) over the organisation's SMTP server
 * ({@code spring.mail.*}), as text and HTML, one message per language with the recipients in Bcc. Stands in for
 * the notify module's outbox until that exists. Without {@code spring.mail.host} nothing is sent (logged).
 */
@Component
public class CommsMailer {

    private static final Logger log = LoggerFactory.getLogger(CommsMailer.class);
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[^@\\s<>(),;:\"\\[\\]]+@[^@\\s<>(),;:\"\\[\\]]+\\.[A-Za-z0-9-]{2,}");

    private final ObjectProvider<JavaMailSender> sender;
    private final CommsSettings settings;
    private final ITemplateEngine html;

    CommsMailer(ObjectProvider<JavaMailSender> sender, CommsSettings settings, ITemplateEngine html) {
        this.sender = sender;
        this.settings = settings;
        this.html = html;
    }

    /** Someone to write to, in their language. */
    public record Recipient(String address, Locale locale) {
    }

    /** One message: {@code subject} already carries the incident key; {@code link} is shown under the text. */
    public record Mail(String subject, String text, String link) {
    }

    /** Why the address cannot be used, or empty when it is a plain, valid e-mail address. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (address.length() > 320 || !PLAIN_ADDRESS.matcher(address.strip()).matches()) {
            return Optional.of("'" + address + "' is not a valid e-mail address");
        }
        try {
            new InternetAddress(address.strip(), true).validate();
            return Optional.empty();
        } catch (AddressException e) {
            return Optional.of("'" + address + "' is not a valid e-mail address: " + e.getMessage());
        }
    }

    public boolean enabled() {
        return sender.getIfAvailable() != null;
    }

    /**
     * Sends the mail to everyone, rendered once per language. Callers validate every address first, so a broken
     * one refuses the whole command instead of leaving half the recipients informed.
     */
    public void send(Collection<Recipient> recipients, Function<Locale, Mail> content) {
        var mailSender = sender.getIfAvailable();
        if (recipients.isEmpty()) {
            return;
        }
        if (mailSender == null) {
            log.warn("No SMTP server configured (spring.mail.host); not sending to {} recipients", recipients.size());
            return;
        }
        Map<String, List<Recipient>> byLanguage = recipients.stream().collect(Collectors.groupingBy(
                r -> r.locale().getLanguage(), LinkedHashMap::new, Collectors.toList()));
        byLanguage.forEach((language, group) -> {
            var locale = group.getFirst().locale();
            var mail = content.apply(locale);
            var message = mailSender.createMimeMessage();
            try {
                var helper = new MimeMessageHelper(message, true, "UTF-8");
                helper.setFrom(settings.getMailFrom());
                helper.setTo(settings.getMailFrom());
                helper.setBcc(group.stream().map(Recipient::address).distinct().toArray(String[]::new));
                helper.setSubject(mail.subject());
                var context = new Context(locale, Map.of("subject", mail.subject(), "lines", List.of(mail.text().split("\n", -1)),
                        "link", mail.link() == null ? "" : mail.link()));
                helper.setText(mail.text() + (mail.link() == null ? "" : "\n\n" + mail.link()),
                        html.process("comms/mail", context));
            } catch (MessagingException e) {
                throw new MailPreparationException(e);
            }
            mailSender.send(message);
        });
    }
}
