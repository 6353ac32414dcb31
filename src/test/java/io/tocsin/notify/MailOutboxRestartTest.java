package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queued mail survives a restart (issue 10): a node queues a mail with an attachment and stops before sending it;
 * the next start sends it, body and attachment intact, from what the outbox kept in the database.
 */
class MailOutboxRestartTest {

    private static List<MimeMessage> to(RunningApp app, String address) {
        return Arrays.stream(app.bean(GreenMail.class).getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aMailQueuedBeforeAStopGoesOutAfterTheNextStart(@TempDir Path dir) throws Exception {
        var db = TestDatabase.postgres() ? TestDatabase.create() : TestDatabase.h2File(dir);
        String address = "restart." + System.nanoTime() + "@example.org";
        var about = new Subject(SubjectType.INCIDENT, UUID.randomUUID().toString(), "RST-1", 1, "Restart", null);
        byte[] file = "line one\r\nline two\r\n".getBytes(StandardCharsets.UTF_8);
        UUID id;
        try (var app = RunningApp.start(db, "--tocsin.notify.worker.enabled=false")) {
            id = app.bean(Notifications.class).enqueueMail(MailRequest.now("test:restart:" + about.id(),
                    DeliveryKind.UPDATE, about, new MailRecipient(address, Locale.ENGLISH),
                    MailContent.of("[RST-1] Still there?", "Sent after the restart.", null)
                            .withAttachments(List.of(new MailAttachment("notes.txt", "text/plain; charset=UTF-8", file)))))
                    .id();
            assertThat(to(app, address)).isEmpty();
        }
        try (var app = RunningApp.start(db)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> to(app, address).size() == 1);
            var message = to(app, address).getFirst();
            assertThat(message.getSubject()).isEqualTo("[RST-1] Still there?");
            var parts = MailOutboxTest.leaves(message);
            assertThat((String) parts.getFirst().getContent()).isEqualTo("Sent after the restart.");
            assertThat(parts.get(1).getFileName()).isEqualTo("notes.txt");
            assertThat(MailOutboxTest.bytes(parts.get(1))).isEqualTo(file);
            var notifications = app.bean(Notifications.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> notifications.delivery(id).status() == DeliveryStatus.SENT);
            assertThat(notifications.delivery(id).attempts()).isEqualTo(1);
        }
    }
}
