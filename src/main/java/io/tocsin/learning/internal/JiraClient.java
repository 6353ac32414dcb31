package io.tocsin.learning.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.learning.LearningSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates and reads issues through Jira Cloud's REST API v3 ({@code POST /rest/api/3/issue}, {@code GET
 * /rest/api/3/issue/{key}?fields=status}) with basic authentication (account e-mail and API token). Every failure
 * (an error status, no answer within the timeout, no connection) comes back as a {@link Failure} with a sentence
 * for people; nothing here throws for Jira's sake.
 */
@Component
public class JiraClient {

    private final LearningSettings settings;
    private final JsonMapper json;

    JiraClient(LearningSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public sealed interface Result {
    }

    /** The issue exists: its key, browse URL and workflow status. */
    public record Created(String key, String url, String status) implements Result {
    }

    public record Failure(String reason) implements Result {
    }

    public boolean configured() {
        return settings.getJira().configured();
    }

    /** Creates a task in the configured project, then reads its status back. */
    public Result create(String summary, String description, List<String> labels) {
        var jira = settings.getJira();
        var fields = new LinkedHashMap<String, Object>();
        fields.put("project", Map.of("key", jira.getProjectKey()));
        fields.put("summary", summary.length() > 255 ? summary.substring(0, 254) + "…" : summary);
        fields.put("issuetype", Map.of("name", jira.getIssueType()));
        fields.put("description", Map.of("type", "doc", "version", 1, "content", List.of(Map.of("type", "paragraph",
                "content", List.of(Map.of("type", "text", "text", description == null || description.isBlank()
                        ? summary : description))))));
        fields.put("labels", labels.stream().map(l -> l.replaceAll("\\s+", "-")).toList());
        var request = request("/rest/api/3/issue").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("fields", fields)))).build();
        var answer = send(request);
        if (answer instanceof Failure f) {
            return f;
        }
        var body = ((Answer) answer).body();
        String key = body.path("key").asString("");
        if (key.isBlank()) {
            return new Failure("Jira created the issue but sent no key");
        }
        var status = status(key);
        return new Created(key, browseUrl(key), status instanceof Created c ? c.status() : null);
    }

    /** Reads the issue's status; a failure to read is a {@link Failure}. */
    public Result status(String key) {
        var request = request("/rest/api/3/issue/" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?fields=status")
                .GET().build();
        var answer = send(request);
        if (answer instanceof Failure f) {
            return f;
        }
        var body = ((Answer) answer).body();
        return new Created(key, browseUrl(key), body.path("fields").path("status").path("name").asString(null));
    }

    public String browseUrl(String key) {
        return settings.getJira().getBaseUrl() + "/browse/" + key;
    }

    private record Answer(JsonNode body) {
    }

    private HttpRequest.Builder request(String path) {
        var jira = settings.getJira();
        String credentials = jira.getUser() + ":" + jira.getApiToken();
        return HttpRequest.newBuilder(URI.create(jira.getBaseUrl() + path)).timeout(timeout())
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private Object send(HttpRequest request) {
        var client = HttpClient.newBuilder().connectTimeout(timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        try (client) {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return new Failure("Jira answered " + response.statusCode() + explain(response.body()));
            }
            try {
                return new Answer(json.readTree(response.body()));
            } catch (RuntimeException notJson) {
                return new Failure("Jira answered " + response.statusCode() + " with a body that is not JSON");
            }
        } catch (HttpTimeoutException e) {
            return new Failure("Jira did not answer within " + timeout().toMillis() + " ms");
        } catch (ConnectException e) {
            return new Failure("Jira is unreachable at " + settings.getJira().getBaseUrl());
        } catch (IOException e) {
            return new Failure("Jira could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failure("interrupted while waiting for Jira");
        } catch (IllegalArgumentException e) {
            return new Failure("the Jira base URL is not usable: " + e.getMessage());
        }
    }

    private Duration timeout() {
        var t = settings.getJira().getTimeout();
        return t == null || t.isNegative() || t.isZero() ? Duration.ofSeconds(5) : t;
    }

    /** Jira's error messages ({@code errorMessages}, {@code errors}), shortened. */
    private String explain(String body) {
        try {
            var node = json.readTree(body == null ? "" : body);
            var parts = new java.util.ArrayList<String>();
            node.path("errorMessages").forEach(m -> parts.add(m.asString("")));
            node.path("errors").properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asString("")));
            String text = String.join("; ", parts.stream().filter(p -> !p.isBlank()).toList());
            return text.isBlank() ? "" : ": " + (text.length() > 300 ? text.substring(0, 299) + "…" : text);
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
