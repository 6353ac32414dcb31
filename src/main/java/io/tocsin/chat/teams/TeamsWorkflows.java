package io.tocsin.chat.teams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.tocsin.chat.ChatException;
import org.springframework.stereotype.Component;

/**
 * Posts to a Workflows webhook ("Post to a channel when a webhook request is received"): the documented payload
 * is a message with Adaptive Card attachments. Answers map to {@link ChatException}: 2xx done (Workflows answers
 * 202), 429 with its {@code Retry-After} and 5xx and timeouts transient, any other 4xx final (a deleted flow, a
 * refused card) so the durable queue marks the task FAILED instead of retrying forever.
 */
@Component
class TeamsWorkflows {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    void post(String url, Map<String, Object> message) {
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TeamsConnector.JSON.writeValueAsString(message))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ChatException.temporary("Teams Workflows webhook unreachable: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChatException.temporary("interrupted", null);
        } catch (IllegalArgumentException e) {
            throw ChatException.permanent("bad_url", "Teams Workflows webhook URL is not usable");
        }
        int status = answer.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String body = answer.body() == null ? "" : answer.body();
        String shown = body.length() > 300 ? body.substring(0, 300) : body;
        if (status == 429 || status >= 500) {
            throw ChatException.temporary("Teams Workflows webhook answered " + status + ": " + shown,
                    ChatException.retryAfter(answer));
        }
        throw ChatException.permanent("http_" + status, "Teams Workflows webhook refused the message (" + status + "): "
                + shown);
    }
}
