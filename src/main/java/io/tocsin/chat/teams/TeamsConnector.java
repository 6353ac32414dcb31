package io.tocsin.chat.teams;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.tocsin.chat.ChatException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Bot Connector REST API (v3) as Tocsin calls it (issue 14 point 3). Every call carries a bearer token from
 * Microsoft Entra ID's client-credentials grant ({@code scope=https://api.botframework.com/.default}), kept until
 * five minutes before it expires and fetched again when the app's credentials change or the Connector answers 401.
 * Answers map to {@link ChatException}: 429 with its {@code Retry-After}, 5xx, timeouts and a refused token are
 * transient (the chat queue retries them); other 4xx carry the Connector's {@code error.code}
 * ({@code ConversationNotFound}, {@code BadArgument}) and are final.
 */
@Component
class TeamsConnector {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SCOPE = "https://api.botframework.com/.default";
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final TeamsSettings settings;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<Token> token = new AtomicReference<>();

    private record Token(String credentials, String value, Instant renewAt) {
    }

    TeamsConnector(TeamsSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A current access token: the cached one, or a new one from the token endpoint. */
    String accessToken() {
        String credentials = fingerprint(settings.appId() + "\n" + settings.appSecret() + "\n" + settings.tokenUrl());
        var now = clock.instant();
        var cached = token.get();
        if (cached != null && cached.credentials().equals(credentials) && now.isBefore(cached.renewAt())) {
            return cached.value();
        }
        String form = "grant_type=client_credentials&client_id=" + enc(settings.appId()) + "&client_secret="
                + enc(settings.appSecret()) + "&scope=" + enc(SCOPE);
        var answer = send(HttpRequest.newBuilder(URI.create(settings.tokenUrl())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), "token");
        if (answer.status() >= 400) {
            // Entra ID's own error shape: {"error":"invalid_client","error_description":"..."}.
            String error = answer.json().path("error").asString("http_" + answer.status());
            throw ChatException.permanent(error, "Teams token endpoint: " + error);
        }
        String value = answer.json().path("access_token").asString("");
        long seconds = answer.json().path("expires_in").asLong(0);
        if (value.isBlank() || seconds <= 0) {
            throw ChatException.temporary("Teams token endpoint: no access_token in the answer", null);
        }
        var lifetime = Duration.ofSeconds(seconds);
        var renewAt = now.plus(lifetime.compareTo(MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(MARGIN) : lifetime.dividedBy(2));
        token.set(new Token(credentials, value, renewAt));
        return value;
    }

    /** A Bot Connector call: {@code method} on {@code serviceUrl + path} with a JSON body (or none). */
    JsonNode call(String method, String serviceUrl, String path, Object body) {
        String base = serviceUrl.endsWith("/") ? serviceUrl.substring(0, serviceUrl.length() - 1) : serviceUrl;
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + accessToken())
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        String what = method + " " + path.replaceAll("\\?.*", "");
        var answer = send(request, what);
        int status = answer.status();
        if (status == 401) {
            // Our token was refused (revoked or rotated): fetch a new one on the retry.
            token.set(null);
            throw ChatException.temporary("Teams " + what + ": HTTP 401", null);
        }
        if (status >= 400) {
            String code = answer.json().path("error").path("code").asString("http_" + status);
            throw ChatException.permanent(code, "Teams " + what + ": HTTP " + status + " " + code);
        }
        return answer.json();
    }

    private record Answer(int status, JsonNode json) {
    }

    private Answer send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ChatException.temporary("Teams " + what + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChatException.temporary("Teams " + what + ": interrupted", null);
        }
        int status = response.statusCode();
        if (status == 429) {
            throw ChatException.temporary("Teams " + what + ": HTTP 429 too many requests", retryAfter(response));
        }
        if (status >= 500) {
            throw ChatException.temporary("Teams " + what + ": HTTP " + status, retryAfter(response));
        }
        JsonNode json;
        try {
            String text = response.body();
            json = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (RuntimeException e) {
            json = JSON.createObjectNode();
        }
        return new Answer(status, json);
    }

    static Duration retryAfter(HttpResponse<?> response) {
        return ChatException.retryAfter(response);
    }

    static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static String fingerprint(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> account(String id) {
        return Map.of("id", id);
    }
}
