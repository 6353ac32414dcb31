package io.tocsin.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tocsin.notify.NotifySettings;
import io.tocsin.notify.internal.TwilioSignature;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A fake of Twilio's documented REST API on loopback: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}
 * and {@code .../Calls.json}, form encoded, HTTP basic auth with the account SID and auth token, 201 with a JSON
 * resource carrying {@code sid}, and Twilio's error JSON ({@code code}, {@code message}). It also plays the phone:
 * inbound SMS and Gather keypresses are posted to the application signed with {@code X-Twilio-Signature} exactly
 * as Twilio signs them. Points the application's Twilio settings (and public base URL) at itself.
 */
@Component
public class FakeTwilio {

    public static final String FROM = "+15005550006";
    private static final Pattern GATHER_ACTION = Pattern.compile("<Gather[^>]*action=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public record Sms(String sid, String to, String from, String body) {
    }

    public record Call(String sid, String to, String from, String twiml) {

        public String gatherUrl() {
            var m = GATHER_ACTION.matcher(twiml);
            return m.find() ? m.group(1).replace("&amp;", "&") : null;
        }
    }

    public record Callback(int status, String body) {
    }

    private final HttpServer server;
    private final String accountSid = "AC" + UUID.randomUUID().toString().replace("-", "");
    private final String authToken = UUID.randomUUID().toString().replace("-", "");
    private final List<Sms> messages = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> failureStatus = new java.util.concurrent.ConcurrentHashMap<>();
    private final NotifySettings settings;

    public FakeTwilio(NotifySettings settings) throws IOException {
        this.settings = settings;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2010-04-01/Accounts/", this::handle);
        server.start();
        var twilio = settings.getTwilio();
        twilio.setBaseUrl("http://127.0.0.1:" + server.getAddress().getPort());
        twilio.setAccountSid(accountSid);
        twilio.setAuthToken(authToken);
        twilio.setFromNumber(FROM);
    }

    /** Links and callbacks point at the running test server. */
    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        settings.setPublicBaseUrl("http://localhost:" + event.getWebServer().getPort());
    }

    @PreDestroy
    void stop() {
        server.stop(0);
    }

    public String authToken() {
        return authToken;
    }

    public List<Sms> messagesTo(String to) {
        return messages.stream().filter(m -> m.to().equals(to)).toList();
    }

    public List<Call> callsTo(String to) {
        return calls.stream().filter(c -> c.to().equals(to)).toList();
    }

    /** The next {@code n} API calls to this number fail with the given HTTP status. */
    public void failNext(String to, int n, int status) {
        failureStatus.put(to, status);
        failures.put(to, n);
    }

    /** The person with phone {@code from} texts {@code body} to our number; Twilio posts it to the webhook. */
    public Callback inboundSms(String webhookUrl, String from, String body) {
        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("AccountSid", accountSid);
        params.put("From", from);
        params.put("To", FROM);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return post(webhookUrl, params, TwilioSignature.sign(authToken, webhookUrl, params));
    }

    /** The callee presses {@code digits} during the call; Twilio posts them to the Gather action. */
    public Callback press(Call call, String digits) {
        var params = new LinkedHashMap<String, String>();
        params.put("AccountSid", accountSid);
        params.put("CallSid", call.sid());
        params.put("CallStatus", "in-progress");
        params.put("Digits", digits);
        params.put("Direction", "outbound-api");
        params.put("From", call.from());
        params.put("To", call.to());
        return post(call.gatherUrl(), params, TwilioSignature.sign(authToken, call.gatherUrl(), params));
    }

    /** Posts form parameters signed as Twilio signs them (a call to a number's voice webhook, a Record action). */
    public Callback signedPost(String url, Map<String, String> params) {
        return post(url, params, TwilioSignature.sign(authToken, url, params));
    }

    /** Posts form parameters with whatever signature the test wants (e.g. a forged one). */
    public Callback post(String url, Map<String, String> params, String signature) {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            builder.header("X-Twilio-Signature", signature);
        }
        try {
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Callback(response.statusCode(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                FakeHttp.json(exchange, 401, Map.of("code", 20003, "message", "Authenticate", "status", 401));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !path.startsWith("/2010-04-01/Accounts/" + accountSid + "/")) {
                FakeHttp.json(exchange, 404, Map.of("code", 20404, "message", "The requested resource was not found",
                        "status", 404));
                return;
            }
            var form = FakeHttp.form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String to = form.getOrDefault("To", "");
            if (failures.getOrDefault(to, 0) > 0) {
                failures.merge(to, -1, Integer::sum);
                int status = failureStatus.get(to);
                FakeHttp.json(exchange, status, Map.of("code", status == 400 ? 21610 : 20500, "message",
                        status == 400 ? "Attempt to send to unsubscribed recipient" : "Internal Server Error",
                        "status", status));
                return;
            }
            if (!to.matches("\\+[1-9][0-9]{6,14}")) {
                FakeHttp.json(exchange, 400, Map.of("code", 21211, "message",
                        "The 'To' number " + to + " is not a valid phone number.", "status", 400));
                return;
            }
            if (path.endsWith("/Messages.json")) {
                if (form.getOrDefault("Body", "").isEmpty()) {
                    FakeHttp.json(exchange, 400, Map.of("code", 21602, "message", "Message body is required.", "status", 400));
                    return;
                }
                var sms = new Sms("SM" + UUID.randomUUID().toString().replace("-", ""), to, form.get("From"), form.get("Body"));
                messages.add(sms);
                FakeHttp.json(exchange, 201, Map.of("sid", sms.sid(), "account_sid", accountSid, "to", to,
                        "from", sms.from(), "body", sms.body(), "status", "queued"));
            } else if (path.endsWith("/Calls.json")) {
                if (!form.containsKey("Twiml") && !form.containsKey("Url")) {
                    FakeHttp.json(exchange, 400, Map.of("code", 21205, "message", "Url or Twiml is required.", "status", 400));
                    return;
                }
                var call = new Call("CA" + UUID.randomUUID().toString().replace("-", ""), to, form.get("From"),
                        form.getOrDefault("Twiml", ""));
                calls.add(call);
                FakeHttp.json(exchange, 201, Map.of("sid", call.sid(), "account_sid", accountSid, "to", to,
                        "from", call.from(), "status", "queued"));
            } else {
                FakeHttp.json(exchange, 404, Map.of("code", 20404, "message", "The requested resource was not found",
                        "status", 404));
            }
        }
    }
}
