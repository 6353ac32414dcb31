package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import io.tocsin.support.TestPhones;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.support.Api;
import io.tocsin.support.FakeTwilio;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import io.tocsin.support.RecordingAnswerHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Autowired;

/** Shared steps of notify's end-to-end tests: people with verified methods, pages, reading what went out. */
abstract class NotifyTestBase extends IntegrationTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired
    protected DeliveryWorker worker;

    @Autowired
    protected GreenMail greenMail;

    @Autowired
    protected FakeTwilio twilio;

    @Autowired
    protected Notifications notifications;

    @Autowired
    protected ContactMethods contactMethods;

    @Autowired
    protected RecordingAnswerHandler handler;

    protected static UUID id(Api user) {
        return UUID.fromString(user.get("/api/v1/me").expect(200).json().get("id").asString());
    }

    protected static String uniqueEmail(String name) {
        return name + "." + System.nanoTime() + "@example.org";
    }

    protected static String uniquePhone() {
        return TestPhones.unique("+4915");
    }

    protected static Subject subject(String summary) {
        long n = System.nanoTime() % 1_000_000;
        String id = UUID.randomUUID().toString();
        return new Subject(RecordingAnswerHandler.TYPE, id, "TST-" + n, 1, summary, "http://tocsin.test/incidents/TST-" + n);
    }

    protected List<MimeMessage> mailTo(String address) {
        return TestMailServer.mailTo(address);
    }

    protected static String code(String text) {
        var m = CODE.matcher(text);
        assertThat(m.find()).as("a six-digit code in: " + text).isTrue();
        return m.group(1);
    }

    /** Adds a method and verifies it with the code that really arrived through it. */
    protected String verified(Api user, ContactMethodType type, String destination) {
        var created = user.post("/api/v1/me/contact-methods", Map.of("type", type.name(), "destination", destination))
                .expect(201).json();
        String methodId = created.get("id").asString();
        worker.deliverDue();
        String code = switch (type) {
            case EMAIL -> {
                try {
                    yield code(mailTo(destination).getLast().getSubject());
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case SMS -> code(twilio.messagesTo(destination).getLast().body());
            case VOICE -> code(twilio.callsTo(destination).getLast().twiml().replace(", ", ""));
            case WEBHOOK -> throw new IllegalArgumentException("webhook codes arrive at the test's own server");
            case PUSH -> throw new IllegalArgumentException("push codes arrive at a FakePushService device");
            case CHAT -> throw new IllegalArgumentException("chat codes arrive as a direct message in the fake chat tool");
        };
        user.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", code)).expect(200);
        return methodId;
    }

    /** What a browser gets for an answer link: status and HTML. */
    protected record Page(int status, String body) {
    }

    protected static Page browse(String method, String url) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Accept", "text/html")
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain and text/html parts of a message, by content type. */
    protected static Map<String, String> parts(jakarta.mail.Part part) throws Exception {
        var result = new java.util.HashMap<String, String>();
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                result.putAll(parts(multipart.getBodyPart(i)));
            }
        } else if (part.isMimeType("text/plain")) {
            result.put("text", (String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            result.put("html", (String) part.getContent());
        }
        return result;
    }

    protected static List<String> links(String text) {
        var m = Pattern.compile("(http://[^\\s\"<>]+/notify/answer/[A-Za-z0-9_.-]+)").matcher(text);
        var result = new java.util.ArrayList<String>();
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    /** A new responder reachable through one verified method with an immediate rule. */
    protected record Reachable(Api api, UUID id, String destination, String methodId) {
    }

    protected Reachable reachable(String name, ContactMethodType type, String destination) {
        Api api = newUser(io.tocsin.identity.Role.RESPONDER, name);
        String methodId = verified(api, type, destination);
        rule(api, methodId, 0);
        return new Reachable(api, id(api), destination, methodId);
    }

    /** Pages the person through their rules about the subject (a fresh attempt each call). */
    protected List<Delivery> page(Reachable who, Subject subject) {
        return notifications.pageUser(who.id(), subject, "t:" + UUID.randomUUID());
    }

    protected void rule(Api user, String methodId, int delayMinutes) {
        user.post("/api/v1/me/notification-rules", Map.of("contactMethodId", methodId, "delayMinutes", delayMinutes))
                .expect(201);
    }
}
