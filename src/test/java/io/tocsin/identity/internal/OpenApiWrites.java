package io.tocsin.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tocsin.support.Api;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** The write operations of the served OpenAPI document, for the permission matrix tests (issue 15 point 2). */
final class OpenApiWrites {

    private static final List<String> WRITES = List.of("post", "put", "patch", "delete");

    record Operation(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The document takes long to generate the first time on a busy machine: fetched once, with time to spare. */
    private static volatile JsonNode apiDocs;

    private OpenApiWrites() {
    }

    static List<Operation> of(String baseUrl) throws Exception {
        if (apiDocs == null) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                    .timeout(Duration.ofMinutes(3)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            apiDocs = Api.JSON.readTree(response.body());
        }
        var operations = new ArrayList<Operation>();
        apiDocs.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (WRITES.contains(op.getKey()) && path.getKey().startsWith("/api/")) {
                operations.add(new Operation(HttpMethod.valueOf(op.getKey().toUpperCase(Locale.ROOT)), path.getKey()));
            }
        }));
        assertThat(operations).as("the OpenAPI document lists write operations").hasSizeGreaterThan(50);
        return operations;
    }
}
