package io.tocsin.notify.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.notify.internal.InboundAnswers;
import io.tocsin.notify.TwilioWebhooks;
import io.tocsin.shared.StorableText;
import io.tocsin.shared.UnstorableTextException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Twilio's callbacks: inbound SMS ({@code /hooks/twilio/sms}, set as the number's messaging webhook) and the
 * keypress of a call ({@code /hooks/twilio/voice/<delivery>}, the Gather action). Each must carry a valid
 * {@code X-Twilio-Signature}; anything else is refused with 403 and logged. Answers are TwiML.
 */
@Hidden
@RestController
class TwilioCallbackController {

    private static final Logger log = LoggerFactory.getLogger(TwilioCallbackController.class);
    private static final MediaType XML = MediaType.valueOf("application/xml;charset=UTF-8");

    private final InboundAnswers inbound;
    private final TwilioWebhooks webhooks;

    TwilioCallbackController(InboundAnswers inbound, TwilioWebhooks webhooks) {
        this.inbound = inbound;
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/hooks/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> sms(HttpServletRequest request) {
        var params = TwilioWebhooks.formParams(request);
        if (!webhooks.signed(request)) {
            return empty(HttpStatus.FORBIDDEN);
        }
        requireStorable(request);
        return ResponseEntity.ok().contentType(XML).body(inbound.sms(params));
    }

    @PostMapping(path = "/hooks/twilio/voice/{deliveryId}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> keypress(@PathVariable UUID deliveryId, HttpServletRequest request) {
        var params = TwilioWebhooks.formParams(request);
        if (!webhooks.signed(request)) {
            return empty(HttpStatus.FORBIDDEN);
        }
        requireStorable(request);
        return ResponseEntity.ok().contentType(XML).body(inbound.keypress(deliveryId, params));
    }

    /**
     * Twilio reads TwiML whatever the status: a request that can never be processed (an undecodable form body,
     * a delivery id that is no UUID, text with NUL characters) is a 400 with an empty TwiML response, which
     * Twilio logs in its debugger and does not retry.
     */
    @ExceptionHandler({InvalidParameterException.class, RequestRejectedException.class,
            MethodArgumentTypeMismatchException.class, UnstorableTextException.class})
    ResponseEntity<String> unreadable(Exception e) {
        log.warn("Refused a Twilio callback that cannot be read: {}", e.getMessage());
        return empty(HttpStatus.BAD_REQUEST);
    }

    private static void requireStorable(HttpServletRequest request) {
        var violations = StorableText.violations(request.getParameterMap());
        if (!violations.isEmpty()) {
            throw new UnstorableTextException(violations);
        }
    }

    private static ResponseEntity<String> empty(HttpStatus status) {
        return ResponseEntity.status(status).contentType(XML).body("<Response/>");
    }
}
