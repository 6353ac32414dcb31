package io.tocsin.alerts.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import io.tocsin.alerts.internal.format.EmailFormat;
import io.tocsin.alerts.internal.format.Json;
import io.tocsin.shared.BackgroundPoller;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts by e-mail (R3, issue 19 point 3): polls an IMAP mailbox, turns each mail to an e-mail integration's
 * address ({@code <mailbox>+<key>@domain}) from a sender on the integration's allow-list (if it has one) into an alert through {@link EmailFormat}, and deletes it. Mail over
 * {@code tocsin.alerts.mail.max-bytes} is refused unread (by the size the server reports), mail that cannot be
 * read or is to no integration is dropped, loops are dropped by the format; each is logged with its reason and
 * raises nothing. A mail is deleted only after its alert was written, so a crash in between repeats the alert
 * (counted as a repeat by dedup) rather than losing it.
 */
@Component
public class MailIngest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailIngest.class);
    private static final Pattern KEY = Pattern.compile("\\+([A-Za-z0-9_-]{8,200})@");
    private static final List<String> RECIPIENT_HEADERS = List.of("Delivered-To", "X-Original-To", "Envelope-To");

    private final MailIngestSettings settings;
    private final Integrations integrations;
    private final AlertIngest ingest;
    private final EmailFormat format;
    private final BackgroundPoller poller;

    MailIngest(MailIngestSettings settings, Integrations integrations, AlertIngest ingest, JsonMapper json) {
        this.settings = settings;
        this.integrations = integrations;
        this.ingest = ingest;
        this.format = new EmailFormat(new Json(json), settings.getDedupHeader());
        this.poller = new BackgroundPoller("tocsin-mail-ingest", settings.getPollInterval().toMillis(), this::pollOnce);
    }

    /** What one poll did. */
    public record Report(int created, int repeated, int dropped, int refused) {
    }

    /** Reads every mail in the folder once; safe to call while the background poller runs. */
    public synchronized Report pollOnce() {
        if (settings.getHost().isBlank()) {
            return new Report(0, 0, 0, 0);
        }
        var props = new Properties();
        String p = settings.getProtocol();
        long timeout = settings.getTimeout().toMillis();
        props.put("mail." + p + ".connectiontimeout", Long.toString(timeout));
        props.put("mail." + p + ".timeout", Long.toString(timeout));
        int created = 0;
        int repeated = 0;
        int dropped = 0;
        int refused = 0;
        try (var store = Session.getInstance(props).getStore(p)) {
            store.connect(settings.getHost(), settings.getPort(), settings.getUsername(), settings.getPassword());
            var folder = store.getFolder(settings.getFolder());
            folder.open(Folder.READ_WRITE);
            try {
                for (var message : folder.getMessages()) {
                    if (message.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    switch (handle(message)) {
                        case CREATED -> created++;
                        case REPEATED -> repeated++;
                        case REFUSED -> refused++;
                        default -> dropped++;
                    }
                    message.setFlag(Flags.Flag.DELETED, true);
                }
            } finally {
                folder.close(true);
            }
        } catch (MessagingException e) {
            log.warn("Polling the alert mailbox {}@{} failed: {}", settings.getUsername(), settings.getHost(),
                    e.getMessage());
        }
        return new Report(created, repeated, dropped, refused);
    }

    private enum Handled {
        CREATED, REPEATED, OTHER, DROPPED, REFUSED
    }

    private Handled handle(Message message) {
        try {
            int size = message.getSize();
            String from = from(message);
            if (size > settings.getMaxBytes()) {
                log.warn("Refused mail from {} of {} bytes: over tocsin.alerts.mail.max-bytes ({})", from, size,
                        settings.getMaxBytes());
                return Handled.REFUSED;
            }
            var integration = recipientKeys(message).stream().map(k -> integrations.authenticate(k, IntegrationKind.EMAIL))
                    .flatMap(Optional::stream).findFirst();
            if (integration.isEmpty()) {
                log.warn("Dropped mail from {} ({}): not to any e-mail integration's address", from, message.getSubject());
                return Handled.DROPPED;
            }
            if (!integration.get().allowsSender(from)) {
                log.warn("Dropped mail from {} to integration {}: sender not on its allow-list", from,
                        integration.get().id());
                return Handled.DROPPED;
            }
            var mail = new EmailFormat.InboundMail(from, message.getSubject(), text(message), message.getContentType(),
                    headers(message));
            var verdict = format.read(mail);
            if (verdict.dropped() != null) {
                log.info("Dropped mail from {} to integration {}: {}", from, integration.get().id(), verdict.dropped());
                return Handled.DROPPED;
            }
            var outcome = ingest.trigger(AlertIngest.Route.of(integration.get()), verdict.signal());
            return switch (outcome.result()) {
                case CREATED -> Handled.CREATED;
                case REPEATED -> Handled.REPEATED;
                default -> Handled.OTHER;
            };
        } catch (MessagingException | IOException | RuntimeException e) {
            log.warn("Dropped a mail that cannot be read: {}", e.toString());
            return Handled.DROPPED;
        }
    }

    private static String from(Message message) throws MessagingException {
        Address[] from = message.getFrom();
        if (from == null || from.length == 0) {
            return "";
        }
        return from[0] instanceof InternetAddress a ? a.getAddress() : from[0].toString();
    }

    /** Integration keys in the addresses the mail was sent to: To, Cc and the delivery headers of plus addressing. */
    private static List<String> recipientKeys(Message message) throws MessagingException {
        var addresses = new ArrayList<String>();
        var recipients = message.getAllRecipients();
        if (recipients != null) {
            for (var r : recipients) {
                addresses.add(r instanceof InternetAddress a ? a.getAddress() : r.toString());
            }
        }
        for (var header : RECIPIENT_HEADERS) {
            var values = message.getHeader(header);
            if (values != null) {
                Collections.addAll(addresses, values);
            }
        }
        var keys = new ArrayList<String>();
        for (var address : addresses) {
            var m = KEY.matcher(address);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static Map<String, List<String>> headers(Message message) throws MessagingException {
        var result = new HashMap<String, List<String>>();
        var all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            var h = all.nextElement();
            result.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        return result;
    }

    /** The first text/plain part; else the first text/html part without its tags. */
    static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                var sub = multipart.getBodyPart(i);
                if (sub.isMimeType("text/plain")) {
                    return String.valueOf(sub.getContent());
                }
                if (html == null && (sub.isMimeType("text/html") || sub.isMimeType("multipart/*"))) {
                    html = text(sub);
                }
            }
            return html;
        }
        if (part.isMimeType("text/html")) {
            return String.valueOf(part.getContent()).replaceAll("(?s)<[^>]*>", " ").replaceAll("[ \\t]+", " ");
        }
        return null;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        if (settings.isEnabled()) {
            poller.start();
        }
    }

    @Override
    public void start() {
        // Polling starts on ApplicationReadyEvent.
    }

    @Override
    public void stop() {
        poller.stop();
    }

    @Override
    public boolean isRunning() {
        return poller.running();
    }
}
