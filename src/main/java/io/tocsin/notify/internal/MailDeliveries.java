package io.tocsin.notify.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import io.tocsin.notify.NotifySettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends mail to addresses in batches: claims a batch (one short transaction), sends it over a few SMTP connections
 * in parallel, each connection carrying its share of the batch one message after the other (JavaMail's transport
 * stays open across them), and records every outcome (one more short transaction). A recipient the server refuses
 * for good (5xx) fails at once; a server that is down or busy leaves the mail for a retry with backoff.
 */
@Component
class MailDeliveries {

    private static final Logger log = LoggerFactory.getLogger(MailDeliveries.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final MailBatchStore store;
    private final MailComposer composer;
    private final NotifySettings settings;
    private final Clock clock;
    private final CapturedMessages captured;

    MailDeliveries(ObjectProvider<JavaMailSender> senders, MailBatchStore store, MailComposer composer,
            NotifySettings settings, Clock clock, CapturedMessages captured) {
        this.captured = captured;
        this.senders = senders;
        this.store = store;
        this.composer = composer;
        this.settings = settings;
        this.clock = clock;
    }

    /** Claims, sends and records one batch of due mail. */
    DeliveryWorker.Round deliverBatch() {
        int limit = settings.getMail().getBatchSize();
        var batch = store.claim(clock.instant(), limit);
        var claimed = batch.mails();
        if (claimed.isEmpty()) {
            // Nothing due, or everything picked is another worker's: its next poll comes soon enough.
            return new DeliveryWorker.Round(0, false);
        }
        var outcomes = send(claimed);
        store.record(outcomes, clock.instant(), RetryPolicy.forMail(settings));
        long failed = outcomes.stream().filter(o -> o.failure() != null).count();
        if (failed > 0) {
            log.info("Mail batch: {} sent, {} failed", outcomes.size() - failed, failed);
        }
        return new DeliveryWorker.Round(claimed.size(), batch.more());
    }

    private List<MailBatchStore.Outcome> send(List<MailBatchStore.Claimed> claimed) {
        var sender = captured.on() ? captured.mailSender() : senders.getIfAvailable();
        if (sender == null) {
            var unconfigured = new SmtpFailures.Failure("SMTP is not configured (spring.mail.host)", true);
            return claimed.stream().map(c -> MailBatchStore.Outcome.failed(c, unconfigured)).toList();
        }
        int connections = Math.min(settings.getMail().getConnections(), claimed.size());
        var shares = new ArrayList<List<MailBatchStore.Claimed>>();
        for (int i = 0; i < connections; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < claimed.size(); i++) {
            shares.get(i % connections).add(claimed.get(i));
        }
        var outcomes = new ConcurrentLinkedQueue<MailBatchStore.Outcome>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            shares.forEach(share -> pool.submit(() -> outcomes.addAll(sendOverOneConnection(sender, share))));
        }
        return List.copyOf(outcomes);
    }

    /** One SMTP connection for the whole share: Spring's JavaMailSender keeps the transport open across the array. */
    private List<MailBatchStore.Outcome> sendOverOneConnection(JavaMailSender sender, List<MailBatchStore.Claimed> share) {
        var outcomes = new ArrayList<MailBatchStore.Outcome>();
        var messages = new ArrayList<MimeMessage>();
        var mails = new ArrayList<MailBatchStore.Claimed>();
        for (var mail : share) {
            try {
                messages.add(composer.compose(sender, mail));
                mails.add(mail);
            } catch (MessagingException | RuntimeException e) {
                outcomes.add(MailBatchStore.Outcome.failed(mail, new SmtpFailures.Failure(
                        "could not build the e-mail: " + e.getMessage(), true)));
            }
        }
        if (messages.isEmpty()) {
            return outcomes;
        }
        Map<Object, Exception> refused = Map.of();
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Per message; empty when every message went out and only closing the connection failed.
            refused = e.getFailedMessages();
        } catch (RuntimeException e) {
            // Nothing went out: authentication failed, or the sender broke before the first message.
            log.warn("SMTP failed for a share of {} mails: {}", messages.size(), e.getMessage());
            var failure = SmtpFailures.classify(e);
            mails.forEach(m -> outcomes.add(MailBatchStore.Outcome.failed(m,
                    new SmtpFailures.Failure(failure.message(), false))));
            return outcomes;
        }
        for (int i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            var error = refused.get(message);
            outcomes.add(error == null ? MailBatchStore.Outcome.sent(mails.get(i), messageId(message, mails.get(i)))
                    : MailBatchStore.Outcome.failed(mails.get(i), SmtpFailures.classify(error)));
        }
        return outcomes;
    }

    private static String messageId(MimeMessage message, MailBatchStore.Claimed mail) {
        try {
            var id = message.getMessageID();
            return id == null ? mail.id().toString() : id;
        } catch (MessagingException e) {
            return mail.id().toString();
        }
    }
}
