package io.tocsin.badinput;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bad request: what it targets ({@code target}, an operation such as {@code POST /api/v1/incidents}), the
 * class of bad input ({@code kind}) and what exactly ({@code label}), the raw request, and what the answer must
 * be beyond "no 5xx, nothing half-written" ({@code expect}, may be null).
 */
record Case(String target, String kind, String label, String method, String uri, String contentType, byte[] body,
        Map<String, String> headers, Expect expect) {

    /** A required status, the field the problem must name and the answer's content type (null: any). */
    record Expect(int status, String field, String contentType) {
    }

    static Case of(String target, String kind, String label, String method, String uri, String contentType,
            String body) {
        return new Case(target, kind, label, method, uri, contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    Case expecting(int status, String field) {
        return new Case(target, kind, label, method, uri, contentType, body, headers, new Expect(status, field, null));
    }

    /** The answer must also be of this content type (e.g. TwiML for Twilio). */
    Case answeredAs(String type) {
        return new Case(target, kind, label, method, uri, contentType, body, headers,
                new Expect(expect.status(), expect.field(), type));
    }

    Case withHeaders(Map<String, String> more) {
        var all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Case(target, kind, label, method, uri, contentType, body, Map.copyOf(all), expect);
    }

    boolean rest() {
        return uri.startsWith("/api/");
    }

    String describe() {
        String shownUri = uri.length() > 140 ? uri.substring(0, 140) + "…(" + uri.length() + " chars)" : uri;
        return kind + " [" + label + "] " + method + " " + shownUri + (contentType == null ? "" : " (" + contentType + ")");
    }
}
