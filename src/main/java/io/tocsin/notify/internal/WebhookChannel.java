package io.tocsin.notify.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;

import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.notify.ChannelException;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.NotifySettings;
import io.tocsin.notify.OutgoingMessage;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outgoing webhooks (chat tools, custom push). The JSON body has a Slack-compatible {@code text} plus structured
 * fields. Signed: {@code X-Tocsin-Timestamp: <unix seconds>} and {@code X-Tocsin-Signature: v1=<hex HMAC-SHA256 of
 * "v1:<timestamp>:<body>" with the method's secret>}. The target is checked against private and loopback addresses
 * (unless an administrator allowed it) and the checked addresses are pinned for the connection; no redirects.
 */
@Component
class WebhookChannel implements NotificationChannel {

    private final NotifySettings settings;
    private final JsonMapper json;
    private final MessageTexts texts;
    private final Clock clock;
    private final WebhookTargetGuard guard;
    private final CapturedMessages captured;

    WebhookChannel(NotifySettings settings, JsonMapper json, MessageTexts texts, Clock clock,
            CapturedMessages captured) {
        this.settings = settings;
        this.captured = captured;
        this.json = json;
        this.texts = texts;
        this.clock = clock;
        this.guard = WebhookTargetGuard.system();
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.WEBHOOK;
    }

    @Override
    public String send(OutgoingMessage m) {
        if (captured.on()) {
            // The in-app outbox (issue 13): the body the target would receive, readably indented.
            return captured.keep(ContactMethodType.WEBHOOK, m.destination(), null,
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(payload(m)));
        }
        WebhookTargetGuard.Target target;
        try {
            target = guard.check(m.destination(), m.privateTargetAllowed());
        } catch (WebhookTargetGuard.Refused e) {
            throw new ChannelException("refused target: " + e.getMessage(), false);
        }
        String body = json.writeValueAsString(payload(m));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        var config = settings.getWebhook();
        try (var client = PinnedHttpClients.forTarget(target, config.getConnectTimeout(), config.getResponseTimeout())) {
            var post = new HttpPost(target.uri());
            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            post.setHeader("User-Agent", "Tocsin-Webhook/1");
            post.setHeader("X-Tocsin-Delivery", m.deliveryId().toString());
            post.setHeader("X-Tocsin-Timestamp", timestamp);
            post.setHeader("X-Tocsin-Signature", "v1=" + sign(m.webhookSecret(), timestamp, body));
            return client.execute(post, response -> {
                int status = response.getCode();
                EntityUtils.consume(response.getEntity());
                if (status >= 200 && status < 300) {
                    return "HTTP " + status;
                }
                throw new ChannelException("webhook answered HTTP " + status, status == 429 || status >= 500);
            });
        } catch (IOException e) {
            throw new ChannelException("webhook unreachable: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    true, e);
        }
    }

    /** {@code hex(HMAC-SHA256(secret, "v1:" + timestamp + ":" + body))}. */
    static String sign(String secret, String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("v1:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> payload(OutgoingMessage m) {
        var p = new LinkedHashMap<String, Object>();
        p.put("type", m.kind().name().toLowerCase());
        p.put("deliveryId", m.deliveryId().toString());
        if (m.kind() == DeliveryKind.VERIFICATION) {
            p.put("text", texts.get("notify.webhook.verification", m.locale(), m.verificationCode()));
            p.put("verificationCode", m.verificationCode());
            return p;
        }
        var s = m.subject();
        p.put("text", texts.get("notify.mail.page.subject", m.locale(), s.label(), MessageTexts.oneLine(s.summary()))
                + (m.ackUrl() == null ? "" : "\n" + texts.get("notify.mail.acknowledge", m.locale()) + ": " + m.ackUrl()
                        + "\n" + texts.get("notify.mail.resolve", m.locale()) + ": " + m.resolveUrl()));
        var subject = new LinkedHashMap<String, Object>();
        subject.put("type", s.type());
        subject.put("id", s.id());
        subject.put("key", s.key());
        subject.put("severity", s.severity());
        subject.put("summary", s.summary());
        subject.put("link", s.link());
        p.put("subject", subject);
        p.put("acknowledgeUrl", m.ackUrl());
        p.put("resolveUrl", m.resolveUrl());
        p.put("recipient", m.recipientName());
        return p;
    }

}
