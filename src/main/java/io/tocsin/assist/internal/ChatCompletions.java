package io.tocsin.assist.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.assist.AssistException;
import io.tocsin.assist.AssistException.Reason;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the OpenAI chat-completions API ({@code POST <base>/chat/completions}), which Ollama, vLLM,
 * llama.cpp's server and the hosted services speak: {@code model} and {@code messages} out, {@code
 * choices[0].message.content} and {@code usage} back, errors as {@code {"error": {"message", "type", "code"}}}.
 * The JDK's HttpClient with a connect timeout and a whole-request timeout; no redirects are followed (the key
 * must not travel to another host); the answer is read up to 1 MB.
 */
@Component
class ChatCompletions {

    static final int MAX_ANSWER_BYTES = 1_000_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Message(String role, String content) {
    }

    record Answer(String content, int httpStatus, Integer promptTokens, Integer completionTokens) {
    }

    /** A failed call: why, and the HTTP status if the endpoint answered. */
    static class Failure extends AssistException {

        final Integer httpStatus;

        Failure(Reason reason, String message, Integer httpStatus, Long retryAfter) {
            super(reason, message, retryAfter);
            this.httpStatus = httpStatus;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    static URI completionsUri(String endpointUrl) {
        String base = endpointUrl.endsWith("/") ? endpointUrl.substring(0, endpointUrl.length() - 1) : endpointUrl;
        return URI.create(base.endsWith("/chat/completions") ? base : base + "/chat/completions");
    }

    static String requestBody(String model, List<Message> messages) {
        var body = new LinkedHashMap<String, Object>();
        body.put("model", model);
        body.put("messages", messages.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        body.put("temperature", 0.2);
        body.put("stream", false);
        return JSON.writeValueAsString(body);
    }

    Answer complete(String endpointUrl, String model, String apiKey, List<Message> messages, Duration timeout) {
        var request = HttpRequest.newBuilder(completionsUri(endpointUrl)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(model, messages), StandardCharsets.UTF_8));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new Failure(Reason.TIMEOUT, "The assistant endpoint did not answer within " + timeout.toSeconds()
                    + " s", null, null);
        } catch (ConnectException e) {
            throw new Failure(Reason.ENDPOINT_FAILED, "The assistant endpoint cannot be reached", null, null);
        } catch (IOException e) {
            throw new Failure(Reason.ENDPOINT_FAILED, "The call to the assistant endpoint failed: " + e.getClass()
                    .getSimpleName(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Reason.ENDPOINT_FAILED, "The call to the assistant endpoint was interrupted", null, null);
        }
        return answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
    }

    static Answer answer(int status, byte[] bytes, String retryAfter) {
        if (bytes.length > MAX_ANSWER_BYTES) {
            throw new Failure(Reason.ENDPOINT_FAILED, "The assistant endpoint answered more than 1 MB", status, null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (JacksonException e) {
            json = null;
        }
        if (status != 200) {
            String said = json == null ? null : text(json.path("error").path("message"));
            String detail = "The assistant endpoint answered " + status + (said == null ? "" : ": " + cut(said, 300));
            if (status == 429) {
                throw new Failure(Reason.RATE_LIMITED, detail, status, seconds(retryAfter));
            }
            throw new Failure(Reason.ENDPOINT_FAILED, detail, status, null);
        }
        String content = json == null ? null : text(json.path("choices").path(0).path("message").path("content"));
        if (content == null) {
            throw new Failure(Reason.ENDPOINT_FAILED, "The assistant endpoint's answer has no choices[0].message.content",
                    status, null);
        }
        var usage = json.path("usage");
        return new Answer(content, status, number(usage.path("prompt_tokens")), number(usage.path("completion_tokens")));
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }

    private static Integer number(JsonNode node) {
        return node != null && node.isIntegralNumber() ? node.asInt() : null;
    }

    private static Long seconds(String retryAfter) {
        try {
            return retryAfter == null ? null : Math.max(1, Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
