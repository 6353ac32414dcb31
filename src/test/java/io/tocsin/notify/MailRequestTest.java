package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The mail API's values (issue 10): what an address may be, what a mail must carry, and its idempotency key. */
class MailRequestTest {

    static final Subject INCIDENT = new Subject(SubjectType.INCIDENT, UUID.randomUUID().toString(), "INC-7", 2, "Checkout slow", null);
    static final MailContent HELLO = MailContent.of("[INC-7] Update", "Text", null);

    static MailRequest to(String address) {
        return MailRequest.now("comms:update:42", DeliveryKind.UPDATE, INCIDENT, new MailRecipient(address, Locale.GERMAN), HELLO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops@example.org", "first.last+tag@mail.example.co.uk", "  padded@example.org  "})
    void plainAddressesAreAccepted(String address) {
        assertThat(MailRecipient.problem(address)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gus@@example..org|is not a valid e-mail address",
            "not an address|is not a valid e-mail address",
            "Gus <gus@example.org>|is not a valid e-mail address",
            "a@example.org, b@example.org|is not a valid e-mail address",
            "root@localhost|is not a valid e-mail address",
            "'  '|must not be blank"})
    void anythingElseIsRefusedWithTheReason(String address, String reason) {
        assertThat(MailRecipient.problem(address.equals("'  '") ? "  " : address)).hasValueSatisfying(p -> assertThat(p).contains(reason));
    }

    @Test
    void oneMailPerMessageAndAddressWhateverTheCase() {
        assertThat(to("Ops@Example.org").idempotencyKey()).isEqualTo("mail:comms:update:42:ops@example.org")
                .isEqualTo(to("ops@example.org").idempotencyKey());
        String longAddress = "a".repeat(64) + "@" + "b".repeat(240) + ".org";
        var key = to(longAddress).idempotencyKey();
        assertThat(key).hasSizeLessThanOrEqualTo(DeliveryRequest.MAX_KEY).startsWith("mail:comms:update:42:sha256:")
                .isEqualTo(to(longAddress.toUpperCase(Locale.ROOT)).idempotencyKey());
    }

    @Test
    void aMailIsNeverAPage() {
        var recipient = new MailRecipient("ops@example.org", Locale.ENGLISH);
        assertThatThrownBy(() -> MailRequest.now("x", DeliveryKind.PAGE, INCIDENT, recipient, HELLO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mail kinds");
        assertThatThrownBy(() -> MailRequest.now("x", DeliveryKind.UPDATE, null, recipient, HELLO))
                .hasMessageContaining("what it is about");
        assertThatThrownBy(() -> new DeliveryRequest("k", UUID.randomUUID(), DeliveryKind.UPDATE, INCIDENT, null))
                .hasMessageContaining("MailRequest");
    }

    @Test
    void contentMustBeSendable() {
        assertThat(MailContent.of("[INC-7]\r\nBcc: everyone@example.org", "x", null).subject())
                .as("a line break cannot smuggle in a header").isEqualTo("[INC-7] Bcc: everyone@example.org");
        assertThatThrownBy(() -> MailContent.of(" ", "x", null)).hasMessageContaining("subject");
        assertThatThrownBy(() -> MailContent.of("s", "", null)).hasMessageContaining("text body");
        assertThatThrownBy(() -> new MailAttachment("invite.ics", "not a type", new byte[1]))
                .hasMessageContaining("not a MIME content type");
        assertThatThrownBy(() -> new MailAttachment("../../etc/passwd", "text/plain", new byte[1]))
                .hasMessageContaining("slashes");
        assertThatThrownBy(() -> new MailAttachment("big.bin", "application/octet-stream", new byte[MailAttachment.MAX_BYTES + 1]))
                .hasMessageContaining("at most");
    }

    @Test
    void attachmentsKeepTheirBytes() {
        byte[] bytes = "BEGIN:VCALENDAR".getBytes(StandardCharsets.UTF_8);
        var file = new MailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=UTF-8", bytes);
        bytes[0] = 'X';
        assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("BEGIN:VCALENDAR");
        file.content()[0] = 'Y';
        assertThat(file).isEqualTo(new MailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=UTF-8",
                "BEGIN:VCALENDAR".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unsubscribeLinksMakeTheListUnsubscribeHeader() {
        var both = new MailContent.Unsubscribe(List.of(URI.create("https://status.example.org/u/abc"),
                URI.create("mailto:unsubscribe@example.org?subject=abc")), true);
        assertThat(both.header()).isEqualTo("<https://status.example.org/u/abc>, <mailto:unsubscribe@example.org?subject=abc>");
        assertThatThrownBy(() -> new MailContent.Unsubscribe(List.of(URI.create("mailto:u@example.org")), true))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> MailContent.Unsubscribe.oneClick(URI.create("javascript:alert(1)")))
                .hasMessageContaining("http(s) or mailto");
    }
}
