package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import org.junit.jupiter.api.Test;

/**
 * Contact methods and notification rules (R12): each method is verified by a code sent through it (expiring,
 * limited attempts) before any page goes there; rules say which method after how many minutes; people without a
 * verified method are reported.
 */
class ContactMethodsApiTest extends NotifyTestBase {

    @Test
    void anEmailMethodIsVerifiedByTheCodeThatArrivedByEmail() throws Exception {
        Api rita = newUser(Role.RESPONDER, "Rita Verify");
        String address = uniqueEmail("rita");
        var created = rita.post("/api/v1/me/contact-methods", Map.of("type", "EMAIL", "name", "Work mail",
                "destination", address.toUpperCase())).expect(201);
        assertThat(created.header("Location")).startsWith("/api/v1/me/contact-methods/");
        var method = created.json();
        assertThat(method.get("destination").asString()).isEqualTo(address);
        assertThat(method.get("verified").asBoolean()).isFalse();
        String methodId = method.get("id").asString();

        // A page to an unverified method is refused: nothing may go there yet.
        var subject = subject("Checkout down");
        var notVerified = org.assertj.core.api.Assertions.catchThrowable(() -> notifications.enqueue(
                DeliveryRequest.page("t:" + UUID.randomUUID(), UUID.fromString(methodId), subject)));
        assertThat(notVerified).isInstanceOf(io.tocsin.shared.InvalidInputException.class);

        // Issue 15 point 5: before it is sent, the code waits in the outbox encrypted, never in clear.
        String queued = jdbc.sql("select verification_code from notify_delivery where contact_method_id = ?"
                + " and verification_code is not null").param(UUID.fromString(methodId)).query(String.class).single();
        assertThat(queued).startsWith("tcs1:");

        worker.deliverDue();
        var mails = mailTo(address);
        assertThat(mails).hasSize(1);
        String code = code(mails.getFirst().getSubject());
        String wrong = code.equals("000000") ? "111111" : "000000";
        // The contact method keeps only a SHA-256 hash of the code (64 hex digits), not the code.
        String stored = jdbc.sql("select code_hash from contact_method where id = ?").param(UUID.fromString(methodId))
                .query(String.class).single();
        assertThat(stored).matches("[0-9a-f]{64}").doesNotContain(code);
        assertThat(queued).doesNotContain(code);

        var refused = rita.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", wrong)).expect(422);
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("4 attempt(s) left");
        var verified = rita.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", code)).expect(200).json();
        assertThat(verified.get("verified").asBoolean()).isTrue();

        // The code is single use and not kept in the delivery log.
        rita.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", code)).expect(422);
        assertThat(jdbc.sql("select count(*) from notify_delivery where contact_method_id = ? and verification_code is not null")
                .param(UUID.fromString(methodId)).query(Long.class).single()).isZero();
    }

    @Test
    void codesExpireAndAllowOnlyAFewAttempts() {
        Api sam = newUser(Role.RESPONDER, "Sam Attempts");
        String address = uniqueEmail("sam");
        String methodId = sam.post("/api/v1/me/contact-methods", Map.of("type", "EMAIL", "destination", address))
                .expect(201).json().get("id").asString();
        worker.deliverDue();
        for (int i = 0; i < 5; i++) {
            sam.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", "abc")).expect(422);
        }
        String code;
        try {
            code = code(mailTo(address).getLast().getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        var locked = sam.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", code)).expect(422);
        assertThat(locked.body()).contains("too many wrong codes");

        // A new code may be requested after the resend interval; it expires after ten minutes.
        sam.post("/api/v1/me/contact-methods/" + methodId + "/verification", Map.of()).expect(409);
        clock.advance(Duration.ofMinutes(1));
        sam.post("/api/v1/me/contact-methods/" + methodId + "/verification", Map.of()).expect(202);
        worker.deliverDue();
        String second;
        try {
            second = code(mailTo(address).getLast().getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        assertThat(mailTo(address)).hasSize(2);
        clock.advance(Duration.ofMinutes(10));
        sam.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", second)).expect(422);
        assertThat(sam.get("/api/v1/me/contact-methods/" + methodId).expect(200).json().get("verified").asBoolean()).isFalse();
    }

    @Test
    void rulesSayWhichMethodAfterHowManyMinutes() {
        Api lee = newUser(Role.RESPONDER, "Lee Rules");
        String email = verified(lee, ContactMethodType.EMAIL, uniqueEmail("lee"));
        String sms = verified(lee, ContactMethodType.SMS, uniquePhone());
        String voice = verified(lee, ContactMethodType.VOICE, uniquePhone());
        rule(lee, voice, 3);
        rule(lee, email, 0);
        rule(lee, sms, 1);
        lee.post("/api/v1/me/notification-rules", Map.of("contactMethodId", sms, "delayMinutes", 1)).expect(409);
        lee.post("/api/v1/me/notification-rules", Map.of("contactMethodId", sms, "delayMinutes", -1)).expect(422);
        lee.post("/api/v1/me/notification-rules", Map.of("contactMethodId", UUID.randomUUID().toString(),
                "delayMinutes", 0)).expect(422);

        var rules = lee.get("/api/v1/me/notification-rules").expect(200).json();
        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).get("type").asString()).isEqualTo("EMAIL");
        assertThat(rules.get(1).get("type").asString()).isEqualTo("SMS");
        assertThat(rules.get(2).get("delayMinutes").asInt()).isEqualTo(3);
        assertThat(rules.get(2).get("active").asBoolean()).isTrue();

        // Deleting a method deletes its rules.
        lee.delete("/api/v1/me/contact-methods/" + voice).expect(204);
        assertThat(lee.get("/api/v1/me/notification-rules").expect(200).json()).hasSize(2);
        lee.delete("/api/v1/me/notification-rules/" + rules.get(0).get("id").asString()).expect(204);
        assertThat(lee.get("/api/v1/me/notification-rules").expect(200).json()).hasSize(1);
    }

    @Test
    void peopleWithoutAVerifiedMethodAreReported() {
        Api reachable = newUser(Role.RESPONDER, "Ria Reachable");
        verified(reachable, ContactMethodType.SMS, uniquePhone());
        Api pending = newUser(Role.RESPONDER, "Pat Pending");
        pending.post("/api/v1/me/contact-methods", Map.of("type", "EMAIL", "destination", uniqueEmail("pat"))).expect(201);
        Api nothing = newUser(Role.RESPONDER, "Nia Nothing");

        var ids = java.util.List.of(id(reachable), id(pending), id(nothing));
        assertThat(contactMethods.usersWithoutVerifiedMethod(ids)).containsExactlyInAnyOrder(id(pending), id(nothing));

        var flagged = reachable.get("/api/v1/notify/unreachable-users").expect(200).json();
        var flaggedIds = new java.util.ArrayList<String>();
        flagged.forEach(n -> flaggedIds.add(n.get("id").asString()));
        assertThat(flaggedIds).contains(id(pending).toString(), id(nothing).toString())
                .doesNotContain(id(reachable).toString());
    }

    @Test
    void peopleSeeOnlyTheirOwnMethodsAndAdminsSeeEveryonesAndBadInputIsRefused() {
        Api owner = newUser(Role.STAKEHOLDER, "Olga Owner");
        String methodId = owner.post("/api/v1/me/contact-methods", Map.of("type", "SMS", "destination", "0049 151 2345 6789"))
                .expect(201).json().get("id").asString();
        assertThat(owner.get("/api/v1/me/contact-methods/" + methodId).expect(200).json().get("destination").asString())
                .isEqualTo("+4915123456789");
        Api other = newUser(Role.RESPONDER, "Otto Other");
        other.get("/api/v1/me/contact-methods/" + methodId).expect(404);
        other.delete("/api/v1/me/contact-methods/" + methodId).expect(404);
        other.get("/api/v1/users/" + id(owner) + "/contact-methods").expect(403);
        assertThat(admin().get("/api/v1/users/" + id(owner) + "/contact-methods").expect(200).json()).hasSize(1);

        long before = count("contact_method");
        owner.post("/api/v1/me/contact-methods", Map.of("type", "SMS", "destination", "call me maybe")).expect(422);
        owner.post("/api/v1/me/contact-methods", Map.of("type", "EMAIL", "destination", "not-an-address")).expect(422);
        owner.post("/api/v1/me/contact-methods", Map.of("type", "PIGEON", "destination", "x")).expect(400);
        owner.post("/api/v1/me/contact-methods", Map.of("type", "SMS", "destination", "+4915123456789")).expect(409);
        assertThat(count("contact_method")).isEqualTo(before);
    }

}
