package io.tocsin.notify.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.notify.ChannelException;
import io.tocsin.notify.internal.DeliveryReceipts;
import io.tocsin.notify.internal.InboundAnswers;
import io.tocsin.notify.internal.PublicUrls;
import io.tocsin.notify.internal.Telephony;
import io.tocsin.notify.internal.VonageSettings;
import io.tocsin.notify.internal.VonageSignatures;
import io.tocsin.shared.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vonage's callbacks: inbound SMS ({@code /hooks/vonage/sms}, the number's inbound webhook, GET or POST) signed with
 * {@code sig}, and the digit of a call ({@code /hooks/vonage/voice/<delivery>}, the NCCO input's event URL) signed
 * with a JWT over the body. Unsigned, wrongly signed or stale callbacks are refused with 403 and logged, and
 * answer nothing. A reply to an SMS goes back through Vonage; a call continues with the NCCO we return.
 */
@Hidden
@RestController
class VonageCallbackController {

    private static final Logger log = LoggerFactory.getLogger(VonageCallbackController.class);

    private final InboundAnswers inbound;
    private final VonageSettings settings;
    private final Telephony telephony;
    private final PublicUrls urls;
    private final JsonMapper json;
    private final Clock clock;
    private final DeliveryReceipts receipts;

    VonageCallbackController(InboundAnswers inbound, VonageSettings settings, Telephony telephony, PublicUrls urls,
            JsonMapper json, Clock clock, DeliveryReceipts receipts) {
        this.receipts = receipts;
        this.inbound = inbound;
        this.settings = settings;
        this.telephony = telephony;
        this.urls = urls;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Vonage's delivery receipt of an SMS we sent (the account's DLR webhook, GET or POST), signed with {@code sig}
     * like inbound SMS: {@code messageId}, {@code status}, {@code err-code}. Forged or stale receipts get 403.
     */
    @RequestMapping(path = "/hooks/vonage/dlr", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> receipt(HttpServletRequest request) {
        var params = params(request);
        if (!signed(params)) {
            log.warn("Refused a Vonage delivery receipt for {}: bad, missing or stale sig", params.get("messageId"));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        if (!StorableText.violations(request.getParameterMap()).isEmpty()) {
            return ResponseEntity.badRequest().build();
        }
        if (!receipts.vonage(params.get("messageId"), params.get("status"), params.get("err-code"), clock.instant())) {
            log.info("Vonage delivery receipt for a message not sent by us: {}", params.get("messageId"));
        }
        return ResponseEntity.noContent().build();
    }

    private static Map<String, String> params(HttpServletRequest request) {
        var params = new LinkedHashMap<String, String>();
        request.getParameterMap().forEach((k, v) -> params.put(k, v.length > 0 ? v[0] : ""));
        return params;
    }

    /** Signed with {@code sig} and fresh, as Vonage signs its SMS webhooks. */
    private boolean signed(Map<String, String> params) {
        return VonageSignatures.smsValid(params, settings.getSignatureSecret(), clock.instant(),
                settings.getMaxCallbackAge());
    }

    @RequestMapping(path = "/hooks/vonage/sms", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> sms(HttpServletRequest request) {
        var params = params(request);
        if (!signed(params)) {
            log.warn("Refused Vonage SMS callback from {}: bad, missing or stale sig", mask(params.get("msisdn")));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        if (!StorableText.violations(request.getParameterMap()).isEmpty()) {
            log.warn("Refused a Vonage SMS callback with text that cannot be stored");
            return ResponseEntity.badRequest().build();
        }
        String from = "+" + params.getOrDefault("msisdn", "");
        var reply = inbound.smsAnswer(from, params.get("text"), params.get("messageId"));
        reply.ifPresent(text -> {
            try {
                var vonage = telephony.inOrder().stream().filter(p -> "vonage".equals(p.name())).findFirst();
                vonage.ifPresent(p -> p.sendSms(from, text));
            } catch (ChannelException e) {
                log.warn("The reply to {} could not be sent through Vonage: {}", mask(from), e.getMessage());
            }
        });
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/hooks/vonage/voice/{deliveryId}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<Map<String, Object>>> keypress(@PathVariable UUID deliveryId, @RequestBody String body,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (!VonageSignatures.callbackValid(authorization, body, settings.getSignatureSecret(), clock.instant(),
                settings.getMaxCallbackAge())) {
            log.warn("Refused Vonage voice callback for delivery {}: bad, missing or stale signature", deliveryId);
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(List.of());
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            log.warn("Refused a Vonage voice callback that is not JSON");
            return ResponseEntity.badRequest().body(List.of());
        }
        var k = inbound.keypress(deliveryId, "vonage:" + event.path("uuid").asString(""),
                "+" + event.path("to").asString(""), event.path("dtmf").path("digits").asString(""));
        return ResponseEntity.ok(switch (k.outcome()) {
            case REFUSED -> List.of();
            case MENU -> List.of(Map.of("action", "talk", "text", k.speech(), "language", k.language()),
                    Map.of("action", "input", "type", List.of("dtmf"), "dtmf", Map.of("maxDigits", 1, "timeOut", 10),
                            "eventUrl", List.of(urls.base() + "/hooks/vonage/voice/" + deliveryId), "eventMethod", "POST"));
            case DONE -> List.of(Map.of("action", "talk", "text", k.speech(), "language", k.language()));
        });
    }

    @ExceptionHandler({InvalidParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Void> unreadable(Exception e) {
        log.warn("Refused a Vonage callback that cannot be read: {}", e.getMessage());
        return ResponseEntity.badRequest().build();
    }

    private static String mask(String phone) {
        return phone == null || phone.length() < 5 ? "***" : phone.substring(0, phone.length() - 4) + "****";
    }
}
