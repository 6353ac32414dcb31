package io.tocsin.statuspage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.support.Api;
import tools.jackson.databind.JsonNode;

/** Builds pages, components and incidents through the real API for the status page tests. */
final class StatusPageTestSupport {

    private StatusPageTestSupport() {
    }

    /** A GET with a Host header of our choosing, as a reverse proxy for the page's own host name sends it. */
    static String onHost(int port, String host, String path) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET with the given headers (name, value, ...), as a browser or feed reader sends it. */
    static java.net.http.HttpResponse<String> getWith(String url, String... headers) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonNode page(Api admin, String slug, Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(Map.of("slug", slug, "name", "Acme " + slug));
        body.putAll(extra);
        return admin.post("/api/v1/status-pages", body).expect(201).json();
    }

    static JsonNode component(Api admin, String pageId, String name, String groupId, List<String> serviceIds) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", name, "serviceIds", serviceIds));
        if (groupId != null) {
            body.put("groupId", groupId);
        }
        return admin.post("/api/v1/status-pages/" + pageId + "/components", body).expect(201).json();
    }

    static String service(Api admin, String name) {
        return admin.post("/api/v1/services", Map.of("name", unique(name))).expect(201).json().get("id").asString();
    }

    static String declare(Api api, String serviceId, String summary) {
        return api.post("/api/v1/incidents", Map.of("summary", summary, "severity", 2, "serviceId", serviceId))
                .expect(201).json().get("key").asString();
    }

    /** The first link in the mail that contains the given text. */
    static String link(jakarta.mail.internet.MimeMessage message, String containing) {
        var m = java.util.regex.Pattern.compile("https?://\\S+").matcher(text(message));
        while (m.find()) {
            if (m.group().contains(containing)) {
                return m.group();
            }
        }
        throw new AssertionError("no link with " + containing + " in " + text(message));
    }

    /** The token parameter of a mailed link (which also names the subscriber's language). */
    static String token(java.net.URI link) {
        return java.util.Arrays.stream(link.getRawQuery().split("&")).filter(p -> p.startsWith("token="))
                .map(p -> p.substring("token=".length())).findFirst().orElseThrow();
    }

    /** The plain text of a mail (its first part when multipart). */
    static String text(jakarta.mail.internet.MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String s) {
                return s;
            }
            var multipart = (jakarta.mail.Multipart) content;
            var sb = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                Object part = multipart.getBodyPart(i).getContent();
                sb.append(part instanceof jakarta.mail.Multipart inner ? inner.getBodyPart(0).getContent() : part);
            }
            return sb.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An anonymous visitor's browser-less requests: GETs of paths or mailed links, and form posts. */
    static final class Visitor {

        private final String baseUrl;
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().build();

        Visitor(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        java.net.http.HttpResponse<String> get(String pathOrUrl) throws Exception {
            var uri = java.net.URI.create(pathOrUrl);
            String path = pathOrUrl.startsWith("http") ? uri.getRawPath() + "?" + uri.getRawQuery() : pathOrUrl;
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        java.net.http.HttpResponse<String> get(String path, String header, String value) throws Exception {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path))
                    .header(header, value).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        java.net.http.HttpResponse<byte[]> bytes(String path, String... headers) throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        }

        java.net.http.HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
            String body = fields.entrySet().stream()
                    .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                            + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                    .reduce((a, b) -> a + "&" + b).orElse("");
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }
}
