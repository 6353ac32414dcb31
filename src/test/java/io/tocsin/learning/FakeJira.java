package io.tocsin.learning;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jira's create-issue and get-issue endpoints as documented for REST v2 and v3 ({@code POST /rest/api/{2|3}/issue},
 * {@code GET /rest/api/{2|3}/issue/{key}}), with basic authentication (account e-mail and API token), on loopback.
 * v3 insists on an Atlassian Document Format description, v2 on a string, as Jira does. A test can make it answer
 * 500 or hold every answer until released (a Jira that times out).
 */
final class FakeJira implements AutoCloseable {

    static final String USER = "bot@example.org";
    static final String TOKEN = "jira-api-token-for-tests";
    static final String PROJECT = "OPS";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Issue(String key, String version, JsonNode fields, String status) {
    }

    private final HttpServer server;
    private final Map<String, Issue> issues = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger(1);
    private volatile boolean failing;
    private volatile CountDownLatch hold;

    FakeJira() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory()));
        server.createContext("/rest/api/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void failWith500(boolean on) {
        failing = on;
    }

    /** Every answer waits until {@link #release()} (or ten seconds), longer than the client's timeout. */
    void hang() {
        hold = new CountDownLatch(1);
    }

    void release() {
        var h = hold;
        hold = null;
        if (h != null) {
            h.countDown();
        }
    }

    Map<String, Issue> issues() {
        return issues;
    }

    List<String> requests() {
        return requests;
    }

    void setStatus(String key, String status) {
        issues.computeIfPresent(key, (k, i) -> new Issue(i.key(), i.version(), i.fields(), status));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            var h = hold;
            if (h != null) {
                try {
                    h.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + TOKEN)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, Map.of("errorMessages", List.of("You are not authenticated. Authentication required to"
                        + " perform this operation.")));
                return;
            }
            if (failing) {
                send(ex, 500, Map.of("errorMessages", List.of("Internal server error")));
                return;
            }
            String path = ex.getRequestURI().getPath();
            var matcher = java.util.regex.Pattern.compile("/rest/api/(2|3)/issue(?:/([^/]+))?").matcher(path);
            if (!matcher.matches()) {
                send(ex, 404, Map.of("errorMessages", List.of("No such endpoint")));
                return;
            }
            String version = matcher.group(1);
            if ("POST".equals(ex.getRequestMethod()) && matcher.group(2) == null) {
                create(ex, version);
            } else if ("GET".equals(ex.getRequestMethod()) && matcher.group(2) != null) {
                var issue = issues.get(matcher.group(2));
                if (issue == null) {
                    send(ex, 404, Map.of("errorMessages", List.of("Issue does not exist or you do not have permission"
                            + " to see it.")));
                } else {
                    send(ex, 200, Map.of("id", issue.key().substring(4), "key", issue.key(), "fields",
                            Map.of("summary", issue.fields().path("summary").asString(), "status",
                                    Map.of("name", issue.status()))));
                }
            } else {
                send(ex, 405, Map.of("errorMessages", List.of("Method not allowed")));
            }
        }
    }

    private void create(HttpExchange ex, String version) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(ex.getRequestBody().readAllBytes());
        } catch (RuntimeException e) {
            send(ex, 400, Map.of("errorMessages", List.of("Unexpected character in JSON")));
            return;
        }
        var fields = body.path("fields");
        var errors = new java.util.LinkedHashMap<String, String>();
        if (!PROJECT.equals(fields.path("project").path("key").asString(""))) {
            errors.put("project", "Specify a valid project ID or key");
        }
        if (fields.path("summary").asString("").isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
        }
        if (fields.path("issuetype").path("name").asString("").isBlank()
                && fields.path("issuetype").path("id").asString("").isBlank()) {
            errors.put("issuetype", "Specify an issue type");
        }
        var description = fields.path("description");
        if (!description.isMissingNode()) {
            if ("3".equals(version) && !(description.isObject() && "doc".equals(description.path("type").asString(""))
                    && description.path("version").asInt(0) == 1)) {
                errors.put("description", "Operation value must be an Atlassian Document (see the Atlassian Document"
                        + " Format)");
            } else if ("2".equals(version) && !description.isString()) {
                errors.put("description", "Operation value must be a string");
            }
        }
        if (!errors.isEmpty()) {
            send(ex, 400, Map.of("errorMessages", List.of(), "errors", errors));
            return;
        }
        int id = 10000 + next.getAndIncrement();
        String key = PROJECT + "-" + (id - 10000);
        issues.put(key, new Issue(key, version, fields, "To Do"));
        send(ex, 201, Map.of("id", String.valueOf(id), "key", key, "self", baseUrl() + "/rest/api/" + version
                + "/issue/" + id));
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
