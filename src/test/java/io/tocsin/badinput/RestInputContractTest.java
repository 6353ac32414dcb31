package io.tocsin.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The error contract of the REST API for input that can never succeed (issue 17, docs/api.md), one example of
 * each rule with the exact answer: the status, problem+json, and the field the problem names. The bad-input
 * suite ({@link BadInputSuiteTest}) checks the same rules across every operation; this test shows them.
 */
class RestInputContractTest extends IntegrationTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void nulCharactersAndLoneSurrogatesAre400NamingTheField() {
        var admin = newUser(Role.ADMIN, "Contract Admin");
        var problem = field(admin.send("POST", "/api/v1/incidents",
                "{\"summary\":\"Disk\\u0000full\",\"severity\":2}", "application/json"), 400);
        assertThat(problem.get("field").asString()).isEqualTo("summary");
        assertThat(problem.get("message").asString()).contains("NUL");

        var nested = field(admin.send("POST", "/api/v1/escalation-policies", "{\"name\":\"p\",\"levels\":[{\"targets\":"
                + "[{\"type\":\"USER\",\"id\":\"x\\u0000\"}]}]}", "application/json"), 400);
        assertThat(nested.get("field").asString()).isEqualTo("levels[0].targets[0].id");

        var surrogate = field(admin.send("PUT", "/api/v1/me/password",
                "{\"currentPassword\":\"password-of-14-chars\",\"newPassword\":\"new-\\ud800-password\"}",
                "application/json"), 400);
        assertThat(surrogate.get("field").asString()).isEqualTo("newPassword");
        assertThat(surrogate.get("message").asString()).contains("lone UTF-16 surrogate");

        var query = field(admin.send("GET", "/api/v1/incidents?q=a%00b", null, null), 400);
        assertThat(query.get("field").asString()).isEqualTo("q");
    }

    @Test
    void numbersAndDatesOutOfRangeAre400NamingTheField() {
        var admin = admin();
        String serviceId = admin.post("/api/v1/services", Map.of("name", "contract " + System.nanoTime())).expect(201)
                .json().get("id").asString();
        var duration = field(admin.send("POST", "/api/v1/maintenance-windows", "{\"serviceId\":\"" + serviceId
                + "\",\"durationMinutes\":-9223372036854775808}", "application/json"), 400);
        assertThat(duration.get("field").asString()).isEqualTo("durationMinutes");

        var overflow = field(admin.send("POST", "/api/v1/incidents", "{\"summary\":\"s\",\"severity\":99999999999}",
                "application/json"), 400);
        assertThat(overflow.get("field").asString()).isEqualTo("severity");
        assertThat(overflow.get("message").asString()).isEqualTo("is out of range");

        var date = field(admin.send("POST", "/api/v1/incidents", "{\"summary\":\"s\",\"severity\":2,"
                + "\"impactStartedAt\":\"+999999999-12-31T23:59:59Z\"}", "application/json"), 400);
        assertThat(date.get("field").asString()).isEqualTo("impactStartedAt");
        assertThat(date.get("message").asString()).isEqualTo("must be between 0001-01-01 and 9999-12-31");

        var queryDate = field(admin.send("GET", "/api/v1/incidents?declaredFrom=-999999999-01-01T00:00:00Z", null,
                null), 400);
        assertThat(queryDate.get("field").asString()).isEqualTo("declaredFrom");
        assertThat(queryDate.get("message").asString()).isEqualTo("must be between 0001-01-01 and 9999-12-31");
    }

    @Test
    void contentTypesAndSizesAre415And413Problems() {
        var admin = admin();
        for (String type : new String[] {"multipart/form-data", "application/xml", "text/plain",
                "application/x-www-form-urlencoded"}) {
            var answer = admin.send("POST", "/api/v1/incidents", "{\"summary\":\"s\",\"severity\":2}", type);
            assertThat(answer.status()).as(type).isEqualTo(415);
            assertThat(answer.contentType()).startsWith(PROBLEM);
            assertThat(answer.json().get("type").asString()).isEqualTo("https://tocsin.io/problems/415");
        }
        var tooLarge = admin.send("POST", "/api/v1/incidents", "{\"summary\":\"" + "s".repeat(1024 * 1024)
                + "\",\"severity\":2}", "application/json");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("type").asString()).isEqualTo("https://tocsin.io/problems/body-too-large");
        String key = admin.post("/api/v1/incidents", Map.of("summary", "contract", "severity", 3)).expect(201).json()
                .get("key").asString();
        var stale = admin.withHeader("If-Match", "\"99999999999999999999\"").send("PATCH", "/api/v1/incidents/" + key,
                "{\"summary\":\"s\"}", "application/json");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith(PROBLEM);
    }

    @Test
    void requestsTheServerCannotDecodeAre400ProblemsAndTheErrorPageIsNoFailure() throws IOException {
        try (var http = new RawHttp("localhost", port)) {
            String token = tokenFor(identity.findByEmail(ADMIN_EMAIL).orElseThrow().id());
            var headers = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
            for (String target : new String[] {"/api/v1/incidents?q=%zz", "/api/v1/incidents/%00",
                    "/api/v1/incidents/%C3%28", "/api/v1/incidents?%zz=1&lang=%C3%28"}) {
                var answer = http.send("GET", target, headers, null);
                assertThat(answer.status()).as(target).isEqualTo(400);
                assertThat(answer.header("Content-Type")).as(target).startsWith(PROBLEM);
            }
            var direct = http.send("GET", "/error", Map.of("Accept", "application/json"), null);
            assertThat(direct.status()).isEqualTo(404);
            assertThat(direct.header("Content-Type")).startsWith(PROBLEM);
            var page = http.send("GET", "/error", Map.of("Accept", "text/html"), null);
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.body()).contains("This page does not exist.");
        }
    }

    /** The single field error of a problem with the given status. */
    private static JsonNode field(Api.Response answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith(PROBLEM);
        var errors = answer.json().get("errors");
        assertThat(errors.size()).as(answer.body()).isEqualTo(1);
        return errors.get(0);
    }
}
