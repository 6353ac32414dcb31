package io.tocsin.hotline.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.hotline.HotlineSettings;
import io.tocsin.identity.Actor;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.notify.TwilioWebhooks;
import io.tocsin.oncall.OnCall;
import io.tocsin.shared.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The hotline's Twilio voice webhooks, each checked for Twilio's signature (403 and nothing done otherwise):
 * {@code /hooks/twilio/hotline} (the call comes in: the menu), {@code .../menu} (the digit: 1 report, 2 who is on
 * call), {@code .../report} (the recording is done: the incident is declared and its key read out).
 */
@Hidden
@RestController
class HotlineController {

    private static final Logger log = LoggerFactory.getLogger(HotlineController.class);
    private static final MediaType XML = MediaType.valueOf("application/xml;charset=UTF-8");

    private final TwilioWebhooks twilio;
    private final HotlineSettings settings;
    private final Incidents incidents;
    private final OnCall onCall;
    private final Identity identity;
    private final MessageSource messages;
    private final Clock clock;
    private final Timeline timeline;
    private final TransactionTemplate transaction;

    HotlineController(TwilioWebhooks twilio, HotlineSettings settings, Incidents incidents, OnCall onCall,
            Identity identity, MessageSource messages, Clock clock, Timeline timeline, TransactionTemplate transaction) {
        this.timeline = timeline;
        this.transaction = transaction;
        this.twilio = twilio;
        this.settings = settings;
        this.incidents = incidents;
        this.onCall = onCall;
        this.identity = identity;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping(path = "/hooks/twilio/hotline", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> call(HttpServletRequest request) {
        if (!accepted(request)) {
            return refused();
        }
        log.info("Hotline call {} from {}", request.getParameter("CallSid"), mask(request.getParameter("From")));
        return twiml(menu());
    }

    @PostMapping(path = "/hooks/twilio/hotline/menu", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> digit(HttpServletRequest request) {
        if (!accepted(request)) {
            return refused();
        }
        return twiml(switch (String.valueOf(request.getParameter("Digits"))) {
            case "1" -> say(text("hotline.report.prompt")) + "<Record maxLength=\"" + settings.getMaxRecordingSeconds()
                    + "\" finishOnKey=\"#\" playBeep=\"true\" action=\"" + attr(twilio.url("/hooks/twilio/hotline/report"))
                    + "\" method=\"POST\"/>";
            case "2" -> whoIsOnCall();
            default -> say(text("hotline.menu.again")) + menu();
        });
    }

    @PostMapping(path = "/hooks/twilio/hotline/report", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> report(HttpServletRequest request) {
        if (!accepted(request)) {
            return refused();
        }
        String from = request.getParameter("From") == null ? "" : request.getParameter("From").strip();
        String recording = request.getParameter("RecordingUrl");
        String said = text("hotline.incident.description", from, clock.instant().toString(),
                String.valueOf(request.getParameter("CallSid")), recording == null ? "-" : recording,
                String.valueOf(request.getParameter("RecordingDuration")));
        var transcript = request.getParameter("TranscriptionText");
        String description = transcript == null || transcript.isBlank() ? said : said + "\n\n" + transcript.strip();
        String callSid = String.valueOf(request.getParameter("CallSid"));
        String seconds = String.valueOf(request.getParameter("RecordingDuration"));
        var now = clock.instant();
        String summary = text("hotline.incident.summary", from);
        // The incident and the call on its timeline (caller, time, call, recording length) are written together.
        var incident = transaction.execute(status -> {
            var declared = incidents.declare(new Incident.Declaration(summary, description, from,
                    settings.getSeverity(), settings.getServiceId(), null, null, null, null, "hotline", null, now),
                    Actor.SYSTEM);
            timeline.recordSystem(declared.id(), declared.key(), "hotline.call", List.of(TimelineArg.text(from),
                    TimelineArg.at(now), TimelineArg.text(callSid), TimelineArg.text(seconds.matches("\\d{1,6}")
                            ? seconds : "?")), Actor.SYSTEM, now);
            return declared;
        });
        log.info("Hotline call {} from {} became {}", request.getParameter("CallSid"), mask(from), incident.key());
        return twiml(say(text("hotline.report.thanks", incident.key().replace('-', ' '))) + "<Hangup/>");
    }

    private boolean accepted(HttpServletRequest request) {
        if (!twilio.signed(request)) {
            return false;
        }
        if (!StorableText.violations(request.getParameterMap()).isEmpty()) {
            log.warn("Refused a hotline callback with text that cannot be stored");
            return false;
        }
        return true;
    }

    private String whoIsOnCall() {
        var schedule = settings.getScheduleId();
        var shift = schedule == null ? java.util.Optional.<io.tocsin.oncall.Shift>empty()
                : onCall.whoIsOnCall(schedule, clock.instant());
        var user = shift.flatMap(s -> identity.findUser(s.userId()));
        if (user.isEmpty()) {
            return say(text("hotline.oncall.nobody")) + "<Hangup/>";
        }
        String phone = user.get().phone();
        if (phone == null || phone.isBlank()) {
            return say(text("hotline.oncall.no-phone", user.get().name())) + "<Hangup/>";
        }
        return say(text("hotline.oncall.connecting", user.get().name())) + "<Dial>" + HtmlUtils.htmlEscape(phone)
                + "</Dial>";
    }

    private String menu() {
        return "<Gather numDigits=\"1\" timeout=\"10\" action=\"" + attr(twilio.url("/hooks/twilio/hotline/menu"))
                + "\" method=\"POST\">" + say(text("hotline.menu")) + "</Gather>" + say(text("hotline.goodbye"));
    }

    private String say(String text) {
        return "<Say language=\"" + ("de".equals(settings.getLanguage()) ? "de-DE" : "en-US") + "\">"
                + HtmlUtils.htmlEscape(text) + "</Say>";
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, Locale.forLanguageTag(settings.getLanguage()));
    }

    private static String attr(String s) {
        return HtmlUtils.htmlEscape(s);
    }

    private static ResponseEntity<String> twiml(String inner) {
        return ResponseEntity.ok().contentType(XML).body("<Response>" + inner + "</Response>");
    }

    private static ResponseEntity<String> refused() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(XML).body("<Response/>");
    }

    private static String mask(String phone) {
        return phone == null || phone.length() < 5 ? "***" : phone.substring(0, phone.length() - 4) + "****";
    }
}
