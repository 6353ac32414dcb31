package io.tocsin.importer.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GETs JSON from a vendor's API with its authentication header, waits out 429 answers as long as their
 * {@code Retry-After} says (a bounded number of times, each wait bounded) and turns every other failure into a
 * {@link SourceException} that names the vendor, the status and the vendor's own message.
 */
public final class SourceHttp {

    /** Waiting between tries; tests record the waits instead. */
    public interface Pause {

        void waitFor(Duration duration);

        Pause REAL = d -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(d.toMillis(), TimeUnit.MILLISECONDS)).join();
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String vendor;
    private final URI base;
    private final Map<String, String> headers;
    private final ImporterSettings settings;
    private final Pause pause;
    private int requests;

    public SourceHttp(String vendor, String base, Map<String, String> headers, ImporterSettings settings,
            Pause pause) {
        this.vendor = vendor;
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
        this.headers = Map.copyOf(headers);
        this.settings = settings;
        this.pause = pause;
    }

    /** Requests sent so far, retries included. */
    public int requests() {
        return requests;
    }

    /** {@code pathAndQuery} relative to the API's base ("v2/users?offset=0"). */
    public JsonNode get(String pathAndQuery) {
        return get(base.resolve(pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery));
    }

    /** An absolute URL the API gave (a next page); only on the API's own host. */
    public JsonNode getLink(String url) {
        URI uri = URI.create(url);
        if (!base.getScheme().equals(uri.getScheme()) || !base.getAuthority().equals(uri.getAuthority())) {
            throw new SourceException(vendor + " pointed to a next page on another host (" + uri.getAuthority()
                    + "); not followed", 0, null);
        }
        return get(uri);
    }

    private JsonNode get(URI uri) {
        for (int attempt = 0; ; attempt++) {
            var builder = HttpRequest.newBuilder(uri).timeout(settings.getRequestTimeout()).GET();
            headers.forEach(builder::header);
            HttpResponse<String> response;
            try {
                requests++;
                response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new SourceException(vendor + " could not be reached at " + base + " (" + e.getClass()
                        .getSimpleName() + ")", 0, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("the import was interrupted", 0, null);
            }
            int status = response.statusCode();
            if (status == 429) {
                Duration wait = retryAfter(response);
                if (attempt >= settings.getRateLimitRetries() || wait.compareTo(settings.getLongestRetryAfter()) > 0) {
                    throw new SourceException(vendor + " kept limiting the request rate (429, Retry-After "
                            + wait.toSeconds() + " s); try again later", 429, null);
                }
                pause.waitFor(wait);
                continue;
            }
            if (status == 401 || status == 403) {
                throw new SourceException(vendor + " refused the API key (" + status + ": " + message(response)
                        + ")", status, "apiKey");
            }
            if (status / 100 != 2) {
                throw new SourceException(vendor + " answered " + status + " to GET " + uri.getRawPath() + ": "
                        + message(response), status, null);
            }
            try {
                return JSON.readTree(response.body());
            } catch (JacksonException e) {
                throw new SourceException(vendor + " answered GET " + uri.getRawPath() + " with something that is"
                        + " not JSON", status, null);
            }
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        var value = response.headers().firstValue("Retry-After").orElse("1").strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** The vendor's own error text: Opsgenie's {@code message}, PagerDuty's {@code error.message}. */
    private static String message(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            String message = Json.text(body, "message");
            if (message == null) {
                message = Json.text(body, "error", "message");
            }
            return message == null ? "no message" : message.length() > 300 ? message.substring(0, 300) : message;
        } catch (JacksonException e) {
            return "no message";
        }
    }
}
