package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.AtOnce;
import io.tocsin.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The delivery outbox (issue 5 point 8): one delivery per idempotency key however often and from wherever it is
 * enqueued; two workers (as two nodes) send each delivery exactly once; a node that dies between marking a
 * delivery SENDING and recording the result leaves it to go out again after its lease (a possible duplicate,
 * logged: a missed page is worse than a duplicate).
 */
class DeliveryOutboxTest extends NotifyTestBase {

    @Autowired
    WebhookReceiver receiver;

    /** A person with a verified loopback webhook (allowed by the administrator) and the webhook's URL. */
    record Target(UUID userId, UUID methodId, String url) {
    }

    Target webhookTarget(String name) {
        Api person = newUser(Role.RESPONDER, name);
        String url = receiver.newUrl();
        var created = admin().post("/api/v1/users/" + id(person) + "/contact-methods", Map.of("type", "WEBHOOK",
                "destination", url, "allowPrivateTarget", true)).expect(201).json();
        worker.deliverDue();
        String code = Api.JSON.readTree(receiver.received(url).getLast().body()).get("verificationCode").asString();
        person.post("/api/v1/me/contact-methods/" + created.get("id").asString() + "/verify", Map.of("code", code))
                .expect(200);
        return new Target(id(person), UUID.fromString(created.get("id").asString()), url);
    }

    @Test
    void theSameIdempotencyKeyYieldsOneDeliveryEvenWhenEnqueuedConcurrently() throws Exception {
        var target = webhookTarget("Ida Idempotent");
        var subject = subject("Once only");
        String key = "esc:" + UUID.randomUUID() + ":L1:A1:" + target.methodId();
        var first = notifications.enqueue(DeliveryRequest.page(key, target.methodId(), subject));
        assertThat(notifications.enqueue(DeliveryRequest.page(key, target.methodId(), subject)).id()).isEqualTo(first.id());

        String racedKey = key + ":raced";
        var ids = AtOnce.run(4, () -> notifications.enqueue(DeliveryRequest.page(racedKey, target.methodId(), subject)).id());
        assertThat(new java.util.HashSet<>(ids)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from notify_delivery where idempotency_key in (?, ?)")
                .params(key, racedKey).query(Long.class).single()).isEqualTo(2);

        worker.deliverDue();
        worker.deliverDue();
        assertThat(receiver.received(target.url()).stream().filter(r -> r.body().contains(subject.key()))).hasSize(2);
    }

    @Test
    void twoWorkersSendEveryDeliveryExactlyOnce() throws Exception {
        var target = webhookTarget("Tara Twonodes");
        int n = 120;
        var subjects = new ArrayList<Subject>();
        for (int i = 0; i < n; i++) {
            subjects.add(subject("Parallel " + i));
            notifications.enqueue(DeliveryRequest.page("two:" + UUID.randomUUID(), target.methodId(), subjects.getLast()));
        }
        var sentBy = AtOnce.run(2, worker::deliverDue);
        assertThat(sentBy.get(0) + sentBy.get(1)).isGreaterThanOrEqualTo(n);
        System.out.println("two workers: " + sentBy.get(0) + " + " + sentBy.get(1));
        var perDelivery = receiver.received(target.url()).stream().filter(r -> r.body().contains("\"page\""))
                .collect(Collectors.groupingBy(r -> r.header("X-Tocsin-Delivery"), Collectors.counting()));
        assertThat(perDelivery).hasSize(n);
        assertThat(perDelivery.values()).allMatch(c -> c == 1);
        for (var s : subjects) {
            assertThat(notifications.forSubject(s.type(), s.id())).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SENT));
        }
    }

    @Test
    void aDeliveryLeftSendingByADeadNodeGoesOutAgainAfterItsLease() {
        var target = webhookTarget("Cora Crash");
        var subject = subject("Crash window");
        var delivery = notifications.enqueue(DeliveryRequest.page("crash:" + UUID.randomUUID(), target.methodId(), subject));
        // What a node does before calling the provider, after which it dies: the claim is committed, no result.
        var now = Timestamp.from(clock.instant());
        jdbc.sql("update notify_delivery set status = 'SENDING', claimed_at = ?, attempts = 1 where id = ?")
                .params(now, delivery.id()).update();
        jdbc.sql("insert into notify_delivery_attempt (delivery_id, attempt, started_at, outcome) values (?, 1, ?, 'SENDING')")
                .params(delivery.id(), now).update();

        worker.deliverDue();
        assertThat(notifications.delivery(delivery.id()).status()).as("still within its lease").isEqualTo(DeliveryStatus.SENDING);
        assertThat(receiver.received(target.url()).stream().filter(r -> r.body().contains(subject.key()))).isEmpty();

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        worker.deliverDue();
        worker.deliverDue();
        var sent = notifications.delivery(delivery.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(receiver.received(target.url()).stream().filter(r -> r.body().contains(subject.key()))).hasSize(1);
        assertThat(notifications.attempts(delivery.id())).extracting(DeliveryAttempt::outcome).containsExactly("UNKNOWN", "SENT");
    }

    @Test
    void cancelledDeliveriesNeverLeave() {
        var target = webhookTarget("Cal Cancel");
        var subject = subject("Withdrawn");
        notifications.enqueue(new DeliveryRequest("cancel:" + UUID.randomUUID(), target.methodId(), DeliveryKind.PAGE,
                subject, clock.instant().plus(Duration.ofMinutes(5))));
        assertThat(notifications.cancelPending(subject.type(), subject.id())).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        worker.deliverDue();
        assertThat(receiver.received(target.url()).stream().filter(r -> r.body().contains(subject.key()))).isEmpty();
        assertThat(notifications.forSubject(subject.type(), subject.id())).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.CANCELLED);
    }

}
