package io.tocsin.bench;

import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailContent;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.MailRequest;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.NotifySettings;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 10 benchmark: a burst of 10,000 queued mails (what a status page update to 10,000 subscribers queues, one
 * per recipient, each with text and HTML) sent by one node's delivery worker to a local SMTP server (GreenMail,
 * loopback). Target: all of them within a minute. Prints mails per second for queueing (one call, in the caller's
 * transaction) and for sending (claim in batches, a few SMTP connections each carrying its share, results
 * recorded per batch).
 */
class MailBurstBenchmark extends IntegrationTest {

    private static final int MAILS = 10_000;
    private static final double TARGET_SECONDS = 60;

    @Autowired
    Notifications notifications;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    GreenMail greenMail;

    @Autowired
    NotifySettings settings;

    @Test
    void tenThousandMailsWithinAMinute() {
        var about = new Subject(SubjectType.INCIDENT, UUID.randomUUID().toString(), "BURST-1", 1, "Checkout is down", null);
        String text = ("Checkout is down for about 30% of customers since 14:02 UTC.\n"
                + "We rolled back the last deploy and watch the error rate.\nNext update at 15:00 UTC.\n").repeat(8);
        String html = "<html><body><h1>[BURST-1] Checkout is down</h1><p>" + text.replace("\n", "<br>") + "</p></body></html>";
        var requests = new ArrayList<MailRequest>();
        long run = System.nanoTime();
        for (int i = 0; i < MAILS; i++) {
            requests.add(MailRequest.now("bench:burst:" + run, DeliveryKind.UPDATE, about,
                    new MailRecipient("subscriber" + i + "." + run + "@example.org", i % 3 == 0 ? Locale.GERMAN : Locale.ENGLISH),
                    MailContent.of("[BURST-1] Checkout is down", text, html)));
        }
        int before = greenMail.getReceivedMessages().length;

        long q0 = System.nanoTime();
        int queued = notifications.enqueueMails(requests);
        double queueSeconds = (System.nanoTime() - q0) / 1e9;

        long s0 = System.nanoTime();
        int sent = 0;
        while (sent < MAILS && (System.nanoTime() - s0) / 1e9 < 2 * TARGET_SECONDS) {
            sent += worker.deliverDue();
        }
        double sendSeconds = (System.nanoTime() - s0) / 1e9;
        int received = greenMail.getReceivedMessages().length - before;
        long stillOpen = jdbc.sql("select count(*) from notify_delivery where subject_id = ? and status <> 'SENT'")
                .param(about.id()).query(Long.class).single();

        System.out.printf("MailBurstBenchmark [%s]: %d mails queued in %.2f s (%.0f mails/s, one call in one transaction)%n",
                TestDatabase.kind(), queued, queueSeconds, queued / queueSeconds);
        System.out.printf("MailBurstBenchmark [%s]: %d mails sent in %.2f s = %.0f mails/s to GreenMail on loopback"
                        + " (batch %d, %d SMTP connections); %d received, %d not sent%n",
                TestDatabase.kind(), sent, sendSeconds, sent / sendSeconds, settings.getMail().getBatchSize(),
                settings.getMail().getConnections(), received, stillOpen);
        if (queued != MAILS || received != MAILS || stillOpen != 0) {
            throw new AssertionError("expected " + MAILS + " mails queued, received and sent; got " + queued + ", "
                    + received + ", " + (MAILS - stillOpen));
        }
        if (sendSeconds > TARGET_SECONDS) {
            throw new AssertionError(String.format("sending took %.1f s, the target is %.0f s", sendSeconds, TARGET_SECONDS));
        }
    }
}
