package io.tocsin.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.notify.ChannelException;
import io.tocsin.notify.TelephonyProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vonage, the second SMS and voice provider. SMS: {@code POST /sms/json} on the SMS API (form encoded,
 * {@code api_key}, {@code api_secret}, {@code from}, {@code to} without {@code +}, {@code text}); HTTP 200 whatever
 * happened, each message's {@code status} says ({@code "0"} sent; 1 throttled and 5 internal error are worth a
 * retry; the rest, such as 3 invalid number or 4 bad credentials, are not). Calls: {@code POST /v1/calls} on the
 * Voice API with a JWT of the application, an NCCO that talks and, for a page, waits for one digit
 * ({@code input}, dtmf) posted signed to {@code /hooks/vonage/voice/<delivery>}; 201 with the call's {@code uuid}.
 */
@Component
class VonageTelephonyProvider implements TelephonyProvider {

    private static final List<String> TRANSIENT_SMS_STATUS = List.of("1", "5");

    private final VonageSettings config;
    private final JsonMapper json;
    private final PublicUrls urls;
    private final Clock clock;
    private final HttpClient http;

    VonageTelephonyProvider(VonageSettings config, JsonMapper json, PublicUrls urls, Clock clock) {
        this.config = config;
        this.json = json;
        this.urls = urls;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "vonage";
    }

    @Override
    public boolean configured() {
        return config.configured();
    }

    @Override
    public String sendSms(String to, String body) {
        var form = new LinkedHashMap<String, String>();
        form.put("api_key", config.getApiKey());
        form.put("api_secret", config.getApiSecret());
        form.put("from", digits(config.getFromNumber()));
        form.put("to", digits(to));
        form.put("text", body);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(body)) {
            form.put("type", "unicode");
        }
        String encoded = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var response = send(HttpRequest.newBuilder(URI.create(base(config.getSmsBaseUrl()) + "/sms/json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)), "SMS");
        var message = response.path("messages").path(0);
        String status = message.path("status").asString("");
        if (!"0".equals(status)) {
            throw new ChannelException("Vonage SMS status " + status + ": " + message.path("error-text").asString(""),
                    TRANSIENT_SMS_STATUS.contains(status));
        }
        String id = message.path("message-id").asString("");
        if (id.isBlank()) {
            throw new ChannelException("Vonage SMS answered without a message-id", false);
        }
        return id;
    }

    @Override
    public String call(String to, String speech, String language, UUID gatherFor) {
        if (!config.voiceConfigured()) {
            throw new ChannelException("Vonage voice is not configured (tocsin.notify.vonage.application-id,"
                    + " private-key)", false);
        }
        var talk = Map.of("action", "talk", "text", speech, "language", language);
        List<Object> ncco = gatherFor == null ? List.of(talk, talk) : List.of(talk, Map.of("action", "input",
                "type", List.of("dtmf"), "dtmf", Map.of("maxDigits", 1, "timeOut", 10),
                "eventUrl", List.of(urls.base() + "/hooks/vonage/voice/" + gatherFor), "eventMethod", "POST"));
        var body = new LinkedHashMap<String, Object>();
        body.put("to", List.of(Map.of("type", "phone", "number", digits(to))));
        body.put("from", Map.of("type", "phone", "number", digits(config.getFromNumber())));
        body.put("ncco", ncco);
        String token = VonageSignatures.applicationToken(config.getApplicationId(),
                VonageSignatures.privateKey(config.getPrivateKey()), clock.instant());
        var response = send(HttpRequest.newBuilder(URI.create(base(config.getApiBaseUrl()) + "/v1/calls"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), "call");
        String uuid = response.path("uuid").asString("");
        if (uuid.isBlank()) {
            throw new ChannelException("Vonage call answered without a uuid", false);
        }
        return uuid;
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        if (!config.configured()) {
            throw new ChannelException("Vonage is not configured (tocsin.notify.vonage.api-key, api-secret,"
                    + " signature-secret, from-number)", false);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(config.getTimeout()).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ChannelException("Vonage unreachable: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("interrupted", true, e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            String detail = response.body();
            try {
                var node = json.readTree(response.body());
                detail = node.path("title").asString("") + " " + node.path("detail").asString("");
            } catch (RuntimeException ignored) {
                // keep the raw body
            }
            throw new ChannelException("Vonage " + what + " HTTP " + status + ": "
                    + DeliveryRows.truncate(detail.strip(), 300), status == 429 || status >= 500);
        }
        try {
            return json.readTree(response.body());
        } catch (tools.jackson.core.JacksonException e) {
            throw new ChannelException("Vonage answered " + status + " with unreadable JSON", false, e);
        }
    }

    private static String base(String url) {
        return url.replaceAll("/+$", "");
    }

    /** Vonage writes numbers without the {@code +}. */
    static String digits(String e164) {
        return e164 == null ? "" : e164.replaceFirst("^\\+", "");
    }
}
