package io.tocsin.badinput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tocsin.notify.internal.TwilioSignature;

/**
 * Bad input for what people's phones and mail clients call back: Twilio's SMS and keypress webhooks (correctly
 * signed, so the bad values reach past the signature check, and malformed form bodies that cannot be signed),
 * the acknowledge links in e-mails, and the error page.
 */
final class CallbackCorpus {

    private final Fixture fixture;
    private final String base;
    private final String twilioToken;

    CallbackCorpus(Fixture fixture, String base, String twilioToken) {
        this.fixture = fixture;
        this.base = base;
        this.twilioToken = twilioToken;
    }

    List<Case> twilio() {
        var cases = new ArrayList<Case>();
        var sms = new LinkedHashMap<String, String>();
        sms.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
        sms.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        sms.put("From", "+15005550001");
        sms.put("To", "+15005550006");
        sms.put("Body", "ack");
        sms.put("NumMedia", "0");
        var keypress = new LinkedHashMap<String, String>();
        keypress.put("CallSid", "CA0123456789abcdef0123456789abcdef");
        keypress.put("Digits", "1");
        keypress.put("From", "+15005550006");
        keypress.put("To", "+15005550001");
        String smsPath = "/hooks/twilio/sms";
        String voicePath = "/hooks/twilio/voice/" + fixture.ids.get("delivery");
        addTwilio("POST /hooks/twilio/sms", smsPath, sms, cases);
        addTwilio("POST /hooks/twilio/voice/{deliveryId}", voicePath, keypress, cases);
        for (String id : List.of("not-a-uuid", "-9223372036854775808", BadValues.LONG_SEGMENT)) {
            String path = "/hooks/twilio/voice/" + id;
            cases.add(twiml(signed("POST /hooks/twilio/voice/{deliveryId}", "bad-id", "{deliveryId}: "
                    + (id.length() > 20 ? "long" : id), path, keypress).expecting(400, null)));
        }
        // Paths Tomcat itself refuses before any application code: a plain 400.
        for (String id : List.of("%00", "%C3%28")) {
            cases.add(signed("POST /hooks/twilio/voice/{deliveryId}", "bad-id", "{deliveryId}: " + id,
                    "/hooks/twilio/voice/" + id, keypress).expecting(400, null));
        }
        return cases;
    }

    private void addTwilio(String target, String path, Map<String, String> params, List<Case> cases) {
        cases.add(signed(target, "baseline", "signed and well-formed", path, params));
        for (String name : params.keySet()) {
            for (var bad : List.of(new String[] {"nul-character", "NUL", "a\u0000b"},
                    new String[] {"huge-value", "100,000 characters", BadValues.HUGE_TEXT},
                    new String[] {"bad-id", "empty", ""}, new String[] {"extreme-number", "-2^63", "-9223372036854775808"})) {
                var spoilt = new LinkedHashMap<>(params);
                spoilt.put(name, bad[2]);
                var c = signed(target, bad[0], name + ": " + bad[1], path, spoilt);
                cases.add(bad[0].equals("nul-character") ? twiml(c.expecting(400, null)) : c);
            }
        }
        var malformed = new LinkedHashMap<String, String>();
        malformed.put("invalid percent-encoding", "From=%zz&Body=ack");
        malformed.put("truncated percent-encoding", "From=%2&Body=%");
        malformed.put("invalid UTF-8", "From=%C3%28&Body=ack");
        malformed.put("lone surrogate as UTF-8 bytes", "From=%2B15005550001&Body=%ED%A0%80");
        malformed.put("NUL as a parameter name", "%00=1&Body=ack");
        for (var e : malformed.entrySet()) {
            cases.add(twiml(Case.of(target, "malformed-form", e.getKey(), "POST", path,
                    "application/x-www-form-urlencoded", e.getValue()).withHeaders(Map.of("X-Twilio-Signature", "x"))
                    .expecting(400, null)));
        }
        var odd = new LinkedHashMap<String, String>();
        odd.put("empty names and values", "=&=&&");
        odd.put("no equals sign", "From");
        odd.put("3 MB body", "Body=" + "b".repeat(3 * 1024 * 1024));
        for (var e : odd.entrySet()) {
            cases.add(Case.of(target, "malformed-form", e.getKey(), "POST", path, "application/x-www-form-urlencoded",
                    e.getValue()).withHeaders(Map.of("X-Twilio-Signature", "x")));
        }
        BadValues.oddContentTypes(form(params)).forEach((type, body) -> {
            if (!type.equals("application/x-www-form-urlencoded")) {
                cases.add(Case.of(target, "content-type", type.isEmpty() ? "no content type" : type, "POST", path,
                        type.isEmpty() ? null : type, body).withHeaders(Map.of("X-Twilio-Signature", "x")));
            }
        });
        cases.add(twiml(Case.of(target, "malformed-query", "undecodable query string", "POST", path + "?%zz=1",
                "application/x-www-form-urlencoded", form(params)).withHeaders(Map.of("X-Twilio-Signature", "x"))
                .expecting(400, null)));
    }

    /** Twilio reads TwiML: its error answers are TwiML too. */
    private static Case twiml(Case c) {
        return c.answeredAs("application/xml");
    }

    private Case signed(String target, String kind, String label, String path, Map<String, String> params) {
        String url = base + path;
        String signature = TwilioSignature.sign(twilioToken, url, params);
        return Case.of(target, kind, label, "POST", path, "application/x-www-form-urlencoded", form(params))
                .withHeaders(Map.of("X-Twilio-Signature", signature));
    }

    List<Case> answerLinks() {
        var cases = new ArrayList<Case>();
        String token = fixture.answerToken;
        var tokens = new LinkedHashMap<String, String>();
        tokens.put("NUL", "%00");
        tokens.put("NUL inside", "abc%00.def");
        tokens.put("no signature", "abc");
        tokens.put("three parts", "a.b.c");
        tokens.put("not base64", "***.***");
        tokens.put("invalid UTF-8", "%C3%28.x");
        tokens.put("3,000 characters", BadValues.LONG_SEGMENT + "." + BadValues.LONG_SEGMENT);
        tokens.put("signature altered", token.substring(0, token.length() - 2) + "AA");
        tokens.put("payload altered", "A" + token.substring(1));
        tokens.put("valid with a NUL appended", token + "%00");
        for (var e : tokens.entrySet()) {
            for (String method : List.of("GET", "POST")) {
                cases.add(Case.of(method + " /notify/answer/{token}", "bad-id", e.getKey(), method,
                        "/notify/answer/" + e.getValue(), null, null));
            }
        }
        String valid = "/notify/answer/" + token;
        cases.add(Case.of("GET /notify/answer/{token}", "malformed-query", "undecodable query string", "GET",
                valid + "?lang=%zz", null, null));
        cases.add(Case.of("GET /notify/answer/{token}", "nul-character", "lang=%00", "GET", valid + "?lang=%00", null,
                null));
        BadValues.oddContentTypes("x").forEach((type, body) -> cases.add(Case.of("GET /notify/answer/{token}",
                "content-type", type.isEmpty() ? "no content type" : type, "GET", valid, type.isEmpty() ? null : type,
                body)));
        cases.add(Case.of("POST /notify/answer/{token}", "malformed-form", "undecodable form body", "POST",
                "/notify/answer/" + tokens.get("three parts"), "application/x-www-form-urlencoded", "a=%zz"));
        cases.add(Case.of("POST /notify/answer/{token}", "content-type", "multipart/form-data", "POST",
                "/notify/answer/" + tokens.get("three parts"), "multipart/form-data", "junk"));
        return cases;
    }

    List<Case> errorPage() {
        var cases = new ArrayList<Case>();
        cases.add(Case.of("GET /error", "error-page", "called directly", "GET", "/error", null, null)
                .expecting(404, null));
        for (String method : List.of("POST", "PUT", "DELETE")) {
            // without a session and CSRF token these are refused before the error page is reached
            cases.add(Case.of(method + " /error", "error-page", "called directly", method, "/error", null, null));
        }
        cases.add(Case.of("GET /error", "error-page", "as a browser", "GET", "/error", null, null)
                .withHeaders(Map.of("Accept", "text/html")).expecting(404, null));
        cases.add(Case.of("GET /error", "nul-character", "query with NUL", "GET", "/error?x=%00", null, null));
        cases.add(Case.of("GET /error", "malformed-query", "undecodable query string", "GET", "/error?%zz", null, null));
        cases.add(Case.of("POST /error", "content-type", "multipart/form-data", "POST", "/error", "multipart/form-data",
                "junk"));
        return cases;
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
