package io.tocsin.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo builds schedules, policies and integrations through Tocsin's own REST API, over loopback, as an
 * administrator's script would: what the demo shows is what the API accepts, validated the same way.
 */
final class DemoApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final JsonMapper json;

    DemoApi(String base, String token, JsonMapper json) {
        this.base = base;
        this.token = token;
        this.json = json;
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body, null);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body, null);
    }

    /** An ingest call: the key goes where that tool puts it (a header, or the body when empty), not the token. */
    JsonNode ingest(String path, Object body, String authorization) {
        return send("POST", path, body, authorization);
    }

    private JsonNode send(String method, String path, Object body, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (authorization != null) {
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
        } else if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("an ingest path needs its key: " + path);
        } else {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("demo: " + method + " " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("demo: " + method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo: interrupted", e);
        }
    }
}
