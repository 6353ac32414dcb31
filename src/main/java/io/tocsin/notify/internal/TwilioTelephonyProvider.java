package io.tocsin.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.tocsin.notify.ChannelException;
import io.tocsin.notify.NotifySettings;
import io.tocsin.notify.TelephonyProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's REST API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json} and {@code .../Calls.json} (form
 * encoded, HTTP basic auth with account SID and auth token). Calls carry inline TwiML with a one-digit
 * {@code <Gather>} that posts to our signed callback. 429 and 5xx are transient; other 4xx (e.g. an invalid number)
 * are not.
 */
public class TwilioTelephonyProvider implements TelephonyProvider {

    private final NotifySettings.Twilio config;
    private final JsonMapper json;
    private final PublicUrls urls;
    private final HttpClient http;

    public TwilioTelephonyProvider(NotifySettings settings, JsonMapper json, PublicUrls urls) {
        this.config = settings.getTwilio();
        this.json = json;
        this.urls = urls;
        this.http = HttpClient.newBuilder().connectTimeout(config.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        TelephonyProvider twilioTelephonyProvider(NotifySettings settings, JsonMapper json, PublicUrls urls) {
            return new TwilioTelephonyProvider(settings, json, urls);
        }
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public boolean configured() {
        return config.configured();
    }

    @Override
    public String sendSms(String to, String body) {
        var form = new LinkedHashMap<String, String>();
        form.put("To", to);
        form.put("From", config.getFromNumber());
        form.put("Body", body);
        return post("Messages.json", form);
    }

    @Override
    public String call(String to, String speech, String language, java.util.UUID gatherFor) {
        var form = new LinkedHashMap<String, String>();
        form.put("To", to);
        form.put("From", config.getFromNumber());
        form.put("Twiml", twiml(speech, language, gatherFor == null ? null : urls.voiceGather(gatherFor)));
        return post("Calls.json", form);
    }

    /** Says the message; with a gather URL, waits for one key and says it once more if none comes. */
    public static String twiml(String speech, String language, String gatherUrl) {
        String say = "<Say language=\"" + language + "\">" + HtmlUtils.htmlEscape(speech) + "</Say>";
        if (gatherUrl == null) {
            return "<Response>" + say + say + "</Response>";
        }
        String gather = "<Gather numDigits=\"1\" timeout=\"10\" action=\"" + HtmlUtils.htmlEscape(gatherUrl)
                + "\" method=\"POST\">" + say + "</Gather>";
        return "<Response>" + gather + gather + "</Response>";
    }

    private String post(String resource, Map<String, String> form) {
        if (!config.configured()) {
            throw new ChannelException("Twilio is not configured (tocsin.notify.twilio.account-sid, auth-token,"
                    + " from-number)", false);
        }
        String url = config.getBaseUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/" + config.getAccountSid()
                + "/" + resource;
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String auth = Base64.getEncoder().encodeToString((config.getAccountSid() + ":" + config.getAuthToken())
                .getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(config.getTimeout())
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ChannelException("Twilio unreachable: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("interrupted", true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                var sid = json.readTree(response.body()).path("sid").asString("");
                if (sid.isBlank()) {
                    throw new ChannelException("Twilio answered " + status + " without a sid", false);
                }
                return sid;
            } catch (tools.jackson.core.JacksonException e) {
                throw new ChannelException("Twilio answered " + status + " with unreadable JSON", false, e);
            }
        }
        String detail = response.body();
        try {
            var node = json.readTree(response.body());
            detail = node.path("code").asString("") + " " + node.path("message").asString("");
        } catch (RuntimeException ignored) {
            // keep the raw body
        }
        boolean transientFailure = status == 429 || status >= 500;
        throw new ChannelException("Twilio " + resource + " HTTP " + status + ": " + DeliveryRows.truncate(detail.strip(), 300),
                transientFailure);
    }
}
