package io.tocsin.chat.mattermost;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import io.tocsin.chat.ChatException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call to Mattermost's REST API v4 and how its answer is read. Success is 2xx with a JSON body; an error is
 * {@code {"id":"<error id>","message":"...","status_code":400}}. HTTP 429 (Mattermost's rate limiter) carries
 * {@code Retry-After} or {@code X-Ratelimit-Reset} (seconds until the window resets): a transient failure with that
 * wait, as are 5xx and network errors. Other 4xx are refusals retrying cannot fix; the error id is kept (a taken
 * channel name becomes {@link #NAME_TAKEN}), else {@code http_<status>}.
 */
final class MattermostHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NAME_TAKEN = "store.sql_channel.save_channel.exists.app_error";
    /** Error ids that mean "already so": the channel is archived already. */
    private static final Set<String> ALREADY = Set.of("api.channel.delete_channel.deleted.app_error");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JsonNode call(String url, String token, String method, Object body) {
        var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        String what = "Mattermost " + method + " " + URI.create(url).getPath();
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ChatException.temporary(what + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChatException.temporary(what + ": interrupted", null);
        }
        int status = response.statusCode();
        if (status == 429) {
            throw ChatException.temporary(what + ": HTTP 429 rate limited", retryAfter(response));
        }
        if (status >= 500) {
            throw ChatException.temporary(what + ": HTTP " + status, retryAfter(response));
        }
        JsonNode json = read(response.body());
        if (status >= 400) {
            String id = json.path("id").asString("");
            if (ALREADY.contains(id)) {
                return json;
            }
            String error = NAME_TAKEN.equals(id) ? NAME_TAKEN : "http_" + status;
            throw ChatException.permanent(error, what + ": HTTP " + status + (id.isBlank() ? "" : " " + id));
        }
        return json;
    }

    private static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    static Duration retryAfter(HttpResponse<?> response) {
        var header = response.headers().firstValue("Retry-After")
                .or(() -> response.headers().firstValue("X-Ratelimit-Reset"));
        return header.map(v -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }
}
