package io.tocsin.notify.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.notify.Answer;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.AnswerOutcome;
import io.tocsin.notify.ContactMethod;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import io.tocsin.notify.Delivery;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.NotifySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers that come back through the channels: acknowledge/resolve links, SMS replies and voice keypresses. Each
 * is authenticated by its channel (token, verified number + Twilio signature, call id + signature) before anything
 * is acknowledged; refusals are logged and change nothing.
 */
@Component
@Transactional
public class InboundAnswers {

    private static final Logger log = LoggerFactory.getLogger(InboundAnswers.class);

    private final AnswerTokens tokens;
    private final Answers answers;
    private final ContactMethods contactMethods;
    private final Notifications notifications;
    private final Identity identity;
    private final MessageTexts texts;
    private final JdbcClient jdbc;
    private final NotifySettings settings;
    private final PublicUrls urls;
    private final Clock clock;

    InboundAnswers(AnswerTokens tokens, Answers answers, ContactMethods contactMethods, Notifications notifications,
            Identity identity, MessageTexts texts, JdbcClient jdbc, NotifySettings settings, PublicUrls urls,
            Clock clock) {
        this.urls = urls;
        this.tokens = tokens;
        this.answers = answers;
        this.contactMethods = contactMethods;
        this.notifications = notifications;
        this.identity = identity;
        this.texts = texts;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a link answers, for the confirmation page. */
    public record LinkView(AnswerAction action, String label, String summary, Locale locale) {
    }

    public record LinkResult(AnswerAction action, String label, AnswerOutcome outcome, Locale locale) {
    }

    @Transactional(readOnly = true)
    public LinkView inspectLink(String token) {
        var claim = tokens.inspect(token);
        var summary = notifications.find(claim.deliveryId()).map(Delivery::summary).orElse(null);
        return new LinkView(claim.action(), label(claim.subjectKey(), claim.subjectId()), summary, locale(claim.userId()));
    }

    /** Uses up the token and applies its answer, all or nothing. */
    public LinkResult answerLink(String token) {
        var claim = tokens.redeem(token);
        var channel = notifications.find(claim.deliveryId()).map(Delivery::channel).orElse(ContactMethodType.EMAIL);
        var outcome = answers.answer(new Answer(claim.subjectType(), claim.subjectId(), claim.subjectKey(),
                claim.action(), claim.userId(), channel, claim.deliveryId(), clock.instant()));
        return new LinkResult(claim.action(), label(claim.subjectKey(), claim.subjectId()), outcome,
                locale(claim.userId()));
    }

    /** Checks a Twilio request signature against the URL as called and the form parameters. */
    public boolean twilioSignatureValid(List<String> candidateUrls, Map<String, String> params, String signature) {
        String token = settings.getTwilio().getAuthToken();
        boolean valid = candidateUrls.stream().anyMatch(url -> TwilioSignature.valid(token, url, params, signature));
        if (!valid) {
            log.warn("Refused Twilio callback to {}: bad or missing X-Twilio-Signature", candidateUrls.getFirst());
        }
        return valid;
    }

    /** An inbound SMS; returns the TwiML to answer with. */
    public String sms(Map<String, String> params) {
        String from = phone(params.get("From"));
        List<ContactMethod> methods = contactMethods.verifiedByDestination(ContactMethodType.SMS, from);
        if (methods.isEmpty()) {
            log.warn("Refused SMS from unknown number {} (MessageSid {})", mask(from), params.get("MessageSid"));
            return "<Response/>";
        }
        Locale locale = locale(methods.getFirst().userId());
        var reply = SmsReply.parse(params.get("Body"));
        switch (reply.kind()) {
            case OPT_OUT -> {
                contactMethods.optOut(ContactMethodType.SMS, from);
                return message(texts.get("notify.sms.reply.optout", locale));
            }
            case OPT_IN -> {
                contactMethods.optIn(ContactMethodType.SMS, from);
                return message(texts.get("notify.sms.reply.optin", locale));
            }
            case HELP, UNKNOWN -> {
                return message(texts.get("notify.sms.reply.unknown", locale));
            }
            default -> {
                // an answer
            }
        }
        var ids = methods.stream().map(ContactMethod::id).toList();
        List<Delivery> targets = targets(ids, reply);
        if (targets.isEmpty()) {
            log.info("SMS answer from {} matched no delivery ({})", mask(from), params.get("Body"));
            return message(texts.get("notify.sms.reply.none", locale));
        }
        var lines = new ArrayList<String>();
        for (var d : targets) {
            var outcome = answers.answer(new Answer(d.subjectType(), d.subjectId(), d.subjectKey(), reply.action(),
                    d.userId(), ContactMethodType.SMS, d.id(), clock.instant()));
            String label = label(d.subjectKey(), d.subjectId());
            lines.add(switch (outcome) {
                case APPLIED -> texts.get("notify.sms.reply.applied." + reply.action(), locale, label);
                case PAGING_STOPPED -> texts.get("notify.sms.reply.paging-stopped", locale, label);
                case ALREADY_DONE -> texts.get("notify.sms.reply.already", locale, label);
                case NOTHING_TO_ANSWER -> texts.get("notify.sms.reply.nothing", locale, label);
            });
        }
        return message(String.join(" ", lines));
    }

    /** A keypress on a call we placed; returns the TwiML to continue the call with. */
    public String keypress(UUID deliveryId, Map<String, String> params) {
        Optional<Delivery> found = notifications.find(deliveryId);
        if (found.isEmpty() || found.get().channel() != ContactMethodType.VOICE
                || found.get().providerId() == null || !found.get().providerId().equals(params.get("CallSid"))
                || !found.get().destination().equals(phone(params.get("To")))) {
            log.warn("Refused keypress for delivery {}: call {} to {} does not match", deliveryId,
                    params.get("CallSid"), mask(phone(params.get("To"))));
            return "<Response><Hangup/></Response>";
        }
        var d = found.get();
        Locale locale = locale(d.userId());
        String language = VoiceChannel.language(locale);
        AnswerAction action = switch (params.getOrDefault("Digits", "")) {
            case "1", "4" -> AnswerAction.ACKNOWLEDGE;
            case "6" -> AnswerAction.RESOLVE;
            default -> null;
        };
        if (action == null) {
            String menu = texts.get("notify.voice.reply.unknown", locale) + " " + texts.get(
                    d.kind() == DeliveryKind.BUNDLE ? "notify.voice.menu.all" : "notify.voice.menu", locale);
            return TwilioTelephonyProvider.twiml(menu, language, urls.voiceGather(deliveryId));
        }
        var targets = new ArrayList<Delivery>();
        targets.add(d);
        if (d.kind() == DeliveryKind.BUNDLE) {
            targets.addAll(bundledInto(d.id()));
        }
        var outcomes = new ArrayList<AnswerOutcome>();
        for (var t : targets) {
            if (t.subjectType() != null) {
                outcomes.add(answers.answer(new Answer(t.subjectType(), t.subjectId(), t.subjectKey(), action,
                        t.userId(), ContactMethodType.VOICE, t.id(), clock.instant())));
            }
        }
        String key = outcomes.contains(AnswerOutcome.APPLIED) ? "notify.voice.reply.applied." + action
                : outcomes.contains(AnswerOutcome.PAGING_STOPPED) ? "notify.voice.reply.paging-stopped"
                : outcomes.contains(AnswerOutcome.ALREADY_DONE) ? "notify.voice.reply.already"
                : "notify.voice.reply.nothing";
        return "<Response><Say language=\"" + language + "\">" + HtmlUtils.htmlEscape(texts.get(key, locale))
                + "</Say><Hangup/></Response>";
    }

    private List<Delivery> targets(List<UUID> methodIds, SmsReply reply) {
        String base = "select " + DeliveryRows.COLUMNS + " from notify_delivery where contact_method_id in (:ids)"
                + " and sent_at is not null and kind in ('PAGE', 'BUNDLE')";
        if (reply.replyRef() != null) {
            return jdbc.sql(base + " and reply_ref = :ref order by created_at desc limit 1")
                    .param("ids", methodIds).param("ref", reply.replyRef()).query(DeliveryRows::map).list();
        }
        if (reply.subjectKey() != null) {
            return jdbc.sql(base + " and upper(subject_key) = :key order by created_at desc limit 1")
                    .param("ids", methodIds).param("key", reply.subjectKey()).query(DeliveryRows::map).list();
        }
        var latest = jdbc.sql("select " + DeliveryRows.COLUMNS + " from notify_delivery where contact_method_id in (:ids)"
                        + " and status = 'SENT' and kind in ('PAGE', 'BUNDLE') order by sent_at desc limit 1")
                .param("ids", methodIds).query(DeliveryRows::map).optional();
        if (latest.isEmpty()) {
            return List.of();
        }
        var result = new ArrayList<Delivery>();
        result.add(latest.get());
        if (latest.get().kind() == DeliveryKind.BUNDLE) {
            result.addAll(bundledInto(latest.get().id()));
        }
        return result;
    }

    private List<Delivery> bundledInto(UUID bundleId) {
        return jdbc.sql("select " + DeliveryRows.COLUMNS + " from notify_delivery where bundle_id = ? order by created_at")
                .param(bundleId).query(DeliveryRows::map).list();
    }

    private Locale locale(UUID userId) {
        return identity.findUser(userId).map(User::locale).orElse(Locale.ENGLISH);
    }

    private static String message(String text) {
        return "<Response><Message>" + HtmlUtils.htmlEscape(text) + "</Message></Response>";
    }

    static String phone(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\s()./-]", "");
    }

    static String mask(String phone) {
        return phone == null || phone.length() < 5 ? "***" : phone.substring(0, phone.length() - 4) + "****";
    }

    private static String label(String key, String id) {
        return key == null || key.isBlank() ? id : key;
    }
}
