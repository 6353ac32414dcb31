package io.tocsin.notify.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.notify.ChannelException;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.OutgoingMessage;
import io.tocsin.notify.PushSettings;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Web Push (RFC 8030) to a browser or phone, no vendor account needed: the message is a small JSON document that
 * Tocsin's service worker shows as a notification with Acknowledge and Resolve actions (signed, single-use answer
 * links), encrypted for the device (RFC 8291) and sent with a VAPID signature (RFC 8292), {@code Urgency: high}
 * for pages and a {@code TTL}. The push service's answer decides: 201/202 sent; 404/410 the subscription is gone,
 * so the method is removed and its owner told; 429 and 5xx retried (no sooner than {@code Retry-After}).
 */
@Component
class PushChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(PushChannel.class);

    private final JdbcClient jdbc;
    private final VapidKeys vapid;
    private final PushSettings settings;
    private final PublicUrls urls;
    private final MessageTexts texts;
    private final ContactMethods contactMethods;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookTargetGuard guard = WebhookTargetGuard.system();

    PushChannel(JdbcClient jdbc, VapidKeys vapid, PushSettings settings, PublicUrls urls, MessageTexts texts,
            ContactMethods contactMethods, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.vapid = vapid;
        this.settings = settings;
        this.urls = urls;
        this.texts = texts;
        this.contactMethods = contactMethods;
        this.json = json;
        this.clock = clock;
    }

    private record Subscription(UUID methodId, String p256dh, String auth) {
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.PUSH;
    }

    @Override
    public String send(OutgoingMessage m) {
        var subscription = jdbc.sql("select s.contact_method_id, s.p256dh, s.auth from notify_push_subscription s"
                        + " join notify_delivery d on d.contact_method_id = s.contact_method_id where d.id = ?")
                .param(m.deliveryId()).query((rs, n) -> new Subscription(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3))).optional()
                .orElseThrow(() -> new ChannelException("the push subscription is gone", false));
        WebhookTargetGuard.Target target;
        try {
            target = guard.check(m.destination(), m.privateTargetAllowed() || settings.isAllowPrivateEndpoints());
        } catch (WebhookTargetGuard.Refused e) {
            throw new ChannelException("refused push endpoint: " + e.getMessage(), false);
        }
        byte[] body = WebPushCrypto.encrypt(json.writeValueAsBytes(payload(m)),
                WebPushCrypto.publicKey(WebPushCrypto.fromBase64Url(subscription.p256dh())),
                WebPushCrypto.fromBase64Url(subscription.auth()));
        String authorization = Vapid.authorization(target.uri(), subject(), clock.instant().plus(Duration.ofHours(12)),
                vapid.keys());
        try (var client = PinnedHttpClients.forTarget(target, settings.getTimeout(), settings.getTimeout())) {
            var post = new HttpPost(target.uri());
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
            post.setHeader("Content-Encoding", "aes128gcm");
            post.setHeader("TTL", Long.toString(settings.getTtl().toSeconds()));
            post.setHeader("Urgency", m.kind() == DeliveryKind.PAGE ? "high" : "normal");
            post.setHeader("Authorization", authorization);
            return client.execute(post, response -> {
                int status = response.getCode();
                EntityUtils.consume(response.getEntity());
                if (status == 201 || status == 202 || status == 200) {
                    var location = response.getFirstHeader("Location");
                    return location == null ? "HTTP " + status : location.getValue();
                }
                if (status == 404 || status == 410) {
                    String reason = "push service answered HTTP " + status + ": subscription expired";
                    contactMethods.removeExpired(subscription.methodId(), reason);
                    log.info("Push subscription {} removed: {}", subscription.methodId(), reason);
                    throw new ChannelException(reason + "; removed", false);
                }
                if (status == 429) {
                    var retryAfter = response.getFirstHeader("Retry-After");
                    throw new ChannelException("push service answered HTTP 429 (too many requests)", true,
                            retryAfter == null ? null : retryAfter(retryAfter.getValue(), clock.instant()));
                }
                throw new ChannelException("push service answered HTTP " + status, status >= 500);
            });
        } catch (IOException e) {
            throw new ChannelException("push service unreachable: " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), true, e);
        }
    }

    /** {@code Retry-After}: delay seconds or an HTTP date (RFC 9110); null when unreadable. */
    static Duration retryAfter(String value, Instant now) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, Duration.ofDays(1).toSeconds()));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private String subject() {
        String configured = settings.getSubject();
        return configured == null || configured.isBlank() ? urls.base() : configured;
    }

    /** What the service worker shows: title, body, a tag, where a tap leads, and the answer links. */
    private Map<String, Object> payload(OutgoingMessage m) {
        var p = new LinkedHashMap<String, Object>();
        p.put("kind", m.kind().name().toLowerCase());
        p.put("deliveryId", m.deliveryId().toString());
        if (m.kind() == DeliveryKind.VERIFICATION) {
            p.put("title", texts.get("notify.push.verification.title", m.locale()));
            p.put("body", texts.get("notify.push.verification", m.locale(), m.verificationCode()));
            p.put("code", m.verificationCode());
            p.put("url", urls.base() + "/profile");
            return p;
        }
        var s = m.subject();
        p.put("title", truncate(texts.get("notify.push.title", m.locale(), s.label()), 200));
        p.put("body", truncate(texts.get("notify.push.page", m.locale(), s.severity() == null ? "-" : s.severity(),
                MessageTexts.oneLine(s.summary())), 1000));
        p.put("tag", s.type() + ":" + s.id());
        p.put("url", s.link());
        if (m.ackUrl() != null) {
            p.put("acknowledgeUrl", m.ackUrl());
            p.put("resolveUrl", m.resolveUrl());
            p.put("actions", List.of(
                    Map.of("action", "acknowledge", "title", texts.get("notify.mail.acknowledge", m.locale())),
                    Map.of("action", "resolve", "title", texts.get("notify.mail.resolve", m.locale()))));
        }
        return p;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

}
