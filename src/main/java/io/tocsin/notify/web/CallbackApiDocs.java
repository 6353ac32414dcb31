package io.tocsin.notify.web;

import static io.tocsin.shared.ApiSchemas.body;
import static io.tocsin.shared.ApiSchemas.header;
import static io.tocsin.shared.ApiSchemas.object;
import static io.tocsin.shared.ApiSchemas.operation;
import static io.tocsin.shared.ApiSchemas.path;
import static io.tocsin.shared.ApiSchemas.responses;
import static io.tocsin.shared.ApiSchemas.string;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.tags.Tag;
import io.tocsin.shared.ApiSchemas.Answer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** The callbacks that providers and answer links call, in the OpenAPI document under their own tags. */
@Component
class CallbackApiDocs implements OpenApiCustomizer {

    static final String TWILIO = "Compatibility: Twilio callbacks";
    static final String ANSWERS = "Answer links";

    @Override
    public void customise(OpenAPI api) {
        api.addTagsItem(new Tag().name(TWILIO).description("Where Twilio posts inbound SMS and keypresses; every call"
                + " must carry a valid X-Twilio-Signature (HMAC-SHA1 with the auth token over the public URL and the"
                + " sorted parameters)."));
        api.addTagsItem(new Tag().name(ANSWERS).description("Signed, single-use acknowledge/resolve links in e-mail"
                + " pages: GET shows what the link will do, POST does it."));
        var signature = header("X-Twilio-Signature", "Base64 HMAC-SHA1, checked in constant time", true);
        var twiml = new Answer("TwiML", "application/xml", string("<Response>…</Response>"));
        var sms = object("Twilio's inbound message parameters (more may come)", List.of("From", "Body"),
                "MessageSid", string(""), "AccountSid", string(""), "From", string("E.164"), "To", string("E.164"),
                "Body", string("e.g. \"1\", \"ack 123\", \"stop\""));
        api.path("/hooks/twilio/sms", new PathItem().post(operation(TWILIO, "twilioInboundSms",
                "Inbound SMS: answers to pages and opt-out words", null).addParametersItem(signature)
                .requestBody(body("application/x-www-form-urlencoded", sms))
                .responses(responses("200", twiml, "400", Answer.of("Malformed callback"),
                        "403", Answer.of("Bad signature")))));
        var digits = object("The keypress of a voice page", List.of("Digits"), "CallSid", string(""),
                "Digits", string("1 acknowledges, 2 resolves"));
        api.path("/hooks/twilio/voice/{deliveryId}", new PathItem().post(operation(TWILIO, "twilioVoiceGather",
                "Voice page: the keypress", null).addParametersItem(signature)
                .addParametersItem(path("deliveryId", "the page that called"))
                .requestBody(body("application/x-www-form-urlencoded", digits))
                .responses(responses("200", twiml, "400", Answer.of("Malformed callback"),
                        "403", Answer.of("Bad signature")))));
        var token = path("token", "the signed answer token from the e-mail");
        api.path("/notify/answer/{token}", new PathItem()
                .get(operation(ANSWERS, "answerLinkShow", "Show what the link will do", null).addParametersItem(token)
                        .responses(responses("200", new Answer("A page with a confirm button", "text/html", null),
                                "400", Answer.of("Invalid, used or expired link"))))
                .post(operation(ANSWERS, "answerLinkDo", "Acknowledge or resolve", null).addParametersItem(token)
                        .responses(responses("200", new Answer("What came of it", "text/html", null),
                                "400", Answer.of("Invalid, used or expired link")))));
    }
}
