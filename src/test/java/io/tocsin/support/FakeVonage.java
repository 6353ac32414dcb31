package io.tocsin.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tocsin.notify.internal.VonageSettings;
import io.tocsin.notify.internal.VonageSignatures;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake of Vonage's documented APIs on loopback. SMS API: {@code POST /sms/json}, form encoded with
 * {@code api_key}/{@code api_secret}, always HTTP 200 with {@code messages[0].status} ("0" sent, "4" bad
 * credentials, "3" invalid number). Voice API: {@code POST /v1/calls} with {@code Authorization: Bearer <JWT>}
 * (RS256, verified with the public half of the application key this fake made), 201 with the call's {@code uuid}.
 * It also plays the phone: inbound SMS posted with Vonage's {@code sig} (SHA-256 HMAC) and {@code timestamp}, and
 * the digit of a call posted as Vonage's input event with a JWT (HS256, {@code payload_hash}) in
 * {@code Authorization}. Off until a test calls {@link #enable()}, so other tests see Twilio alone.
 */
@Component
public class FakeVonage {

    public static final String FROM = "+4930123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Sms(String id, String to, String from, String text) {
    }

    public record Call(String uuid, String to, String from, JsonNode ncco) {

        public String eventUrl() {
            for (var action : ncco) {
                if ("input".equals(action.path("action").asString(""))) {
                    return action.path("eventUrl").path(0).asString();
                }
            }
            return null;
        }
    }

    public record Callback(int status, String body) {
    }

    private final HttpServer server;
    private final VonageSettings settings;
    private final Clock clock;
    private final String apiKey = "k" + UUID.randomUUID().toString().substring(0, 8);
    private final String apiSecret = UUID.randomUUID().toString().replace("-", "");
    private final String signatureSecret = UUID.randomUUID().toString().replace("-", "");
    private final String applicationId = UUID.randomUUID().toString();
    private final KeyPair applicationKey;
    private final List<Sms> messages = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    public FakeVonage(VonageSettings settings, Clock clock) throws Exception {
        this.settings = settings;
        this.clock = clock;
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        applicationKey = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Configures the application's Vonage settings for this fake (after Twilio in the default order). */
    public void enable() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        settings.setSmsBaseUrl(base);
        settings.setApiBaseUrl(base);
        settings.setApiKey(apiKey);
        settings.setApiSecret(apiSecret);
        settings.setSignatureSecret(signatureSecret);
        settings.setFromNumber(FROM);
        settings.setApplicationId(applicationId);
        settings.setPrivateKey("-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(applicationKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    /** Unconfigures Vonage again. */
    public void disable() {
        settings.setApiKey("");
        settings.setApiSecret("");
        settings.setSignatureSecret("");
        settings.setFromNumber("");
        settings.setApplicationId("");
        settings.setPrivateKey("");
    }

    @PreDestroy
    void stop() {
        server.stop(0);
    }

    public String signatureSecret() {
        return signatureSecret;
    }

    public List<Sms> messagesTo(String to) {
        return messages.stream().filter(m -> m.to().equals(to.replaceFirst("^\\+", ""))).toList();
    }

    public List<Call> callsTo(String to) {
        return calls.stream().filter(c -> c.to().equals(to.replaceFirst("^\\+", ""))).toList();
    }

    /** The next {@code n} requests to this number fail with HTTP {@code status}. */
    public void failNext(String to, int n, int status) {
        failures.put(to.replaceFirst("^\\+", ""), n * 1000 + status);
    }

    /** The person with phone {@code from} texts {@code text}; Vonage posts it, signed, to the inbound webhook. */
    public Callback inboundSms(String webhookUrl, String from, String text) {
        var params = inboundParams(from, text);
        params.put("sig", VonageSignatures.smsSignature(params, signatureSecret));
        return postForm(webhookUrl, params);
    }

    /** The parameters of an inbound SMS webhook before signing (tests tamper with them). */
    public Map<String, String> inboundParams(String from, String text) {
        var params = new LinkedHashMap<String, String>();
        params.put("msisdn", from.replaceFirst("^\\+", ""));
        params.put("to", FROM.substring(1));
        params.put("messageId", UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        params.put("text", text);
        params.put("type", "text");
        params.put("keyword", text.split("\\s+")[0].toUpperCase());
        params.put("message-timestamp", clock.instant().toString().replace('T', ' ').substring(0, 19));
        params.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        params.put("nonce", UUID.randomUUID().toString());
        return params;
    }

    public Callback postForm(String url, Map<String, String> params) {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The callee presses {@code digits}; Vonage posts the input event, signed, to the NCCO's event URL. */
    public Callback press(Call call, String digits) {
        String body = inputEvent(call, digits);
        return postJson(call.eventUrl(), body, "Bearer " + callbackToken(body, signatureSecret));
    }

    public String inputEvent(Call call, String digits) {
        var event = new LinkedHashMap<String, Object>();
        event.put("speech", Map.of("results", List.of()));
        event.put("dtmf", Map.of("digits", digits, "timed_out", false));
        event.put("from", call.from());
        event.put("to", call.to());
        event.put("uuid", call.uuid());
        event.put("conversation_uuid", "CON-" + UUID.randomUUID());
        event.put("timestamp", clock.instant().toString());
        return JSON.writeValueAsString(event);
    }

    public Callback postJson(String url, String body, String authorization) {
        var builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder);
    }

    /** Vonage's signed-callback JWT: HS256 with the signature secret, {@code payload_hash} the body's SHA-256. */
    public String callbackToken(String body, String secret) {
        var enc = Base64.getUrlEncoder().withoutPadding();
        String claims = JSON.writeValueAsString(Map.of("iat", clock.instant().getEpochSecond(), "jti",
                UUID.randomUUID().toString(), "iss", "Vonage", "payload_hash", VonageSignatures.sha256Hex(body),
                "api_key", apiKey, "application_id", applicationId));
        String signed = enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + enc.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + enc.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Callback send(HttpRequest.Builder builder) {
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
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/sms/json")) {
                sms(exchange, FakeHttp.form(body));
            } else if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/calls")) {
                call(exchange, body);
            } else {
                FakeHttp.json(exchange, 404, Map.of("type", "https://developer.nexmo.com/api-errors#not-found",
                        "title", "Not Found"));
            }
        }
    }

    private boolean failing(HttpExchange exchange, String to) throws IOException {
        Integer f = failures.get(to);
        if (f == null || f < 1000) {
            return false;
        }
        failures.put(to, f - 1000);
        FakeHttp.json(exchange, f % 1000, Map.of("type", "https://developer.nexmo.com/api-errors", "title", "Internal Error"));
        return true;
    }

    private void sms(HttpExchange exchange, Map<String, String> form) throws IOException {
        String to = form.getOrDefault("to", "");
        if (failing(exchange, to)) {
            return;
        }
        if (!apiKey.equals(form.get("api_key")) || !apiSecret.equals(form.get("api_secret"))) {
            FakeHttp.json(exchange, 200, Map.of("message-count", "1", "messages", List.of(Map.of("status", "4",
                    "error-text", "Bad Credentials"))));
            return;
        }
        if (!to.matches("[1-9][0-9]{6,14}") || form.getOrDefault("text", "").isEmpty()) {
            FakeHttp.json(exchange, 200, Map.of("message-count", "1", "messages", List.of(Map.of("status", "3",
                    "error-text", "Invalid to or text"))));
            return;
        }
        var sms = new Sms(UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(), to,
                form.get("from"), form.get("text"));
        messages.add(sms);
        FakeHttp.json(exchange, 200, Map.of("message-count", "1", "messages", List.of(Map.of("to", to, "message-id", sms.id(),
                "status", "0", "remaining-balance", "10.00", "message-price", "0.07", "network", "26202"))));
    }

    private void call(HttpExchange exchange, String body) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !applicationTokenValid(auth.substring(7))) {
            FakeHttp.json(exchange, 401, Map.of("type", "https://developer.nexmo.com/api-errors#unauthorized",
                    "title", "Invalid Token"));
            return;
        }
        var request = JSON.readTree(body);
        String to = request.path("to").path(0).path("number").asString("");
        if (failing(exchange, to)) {
            return;
        }
        if (!request.path("ncco").isArray() || request.path("ncco").isEmpty()) {
            FakeHttp.json(exchange, 400, Map.of("type", "https://developer.nexmo.com/api-errors/voice#validation",
                    "title", "Bad Request", "detail", "ncco is required"));
            return;
        }
        var call = new Call(UUID.randomUUID().toString(), to, request.path("from").path("number").asString(""),
                request.path("ncco"));
        calls.add(call);
        FakeHttp.json(exchange, 201, Map.of("uuid", call.uuid(), "status", "started", "direction", "outbound",
                "conversation_uuid", "CON-" + UUID.randomUUID()));
    }

    private boolean applicationTokenValid(String token) {
        String[] jwt = token.split("\\.");
        if (jwt.length != 3) {
            return false;
        }
        try {
            var verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(applicationKey.getPublic());
            verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            var claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            return verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))
                    && applicationId.equals(claims.path("application_id").asString(""))
                    && claims.path("exp").asLong(0) > clock.instant().getEpochSecond();
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

}
