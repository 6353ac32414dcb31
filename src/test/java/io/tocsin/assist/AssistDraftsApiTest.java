package io.tocsin.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.support.Api;
import io.tocsin.support.FakeOpenAi;
import io.tocsin.support.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The assistant end to end over the real HTTP API (issue 18 points 3 and 4, R32), against a fake OpenAI-compatible
 * server: a drafted update comes back for a person and nothing is posted until the person posts it; what the fake
 * received has no planted secrets, addresses or numbers; the extractive catch-up without an endpoint (en, de); the
 * per-hour budget; off by default; the endpoint's 429, 500 and timeout as problem+json; the call log.
 */
class AssistDraftsApiTest extends IntegrationTest {

    static final String KEY = "sk-fake-endpoint-key-0123456789";
    static final List<String> PLANTED = List.of("tcs_PlantedToken12345678", "Hunter2Planted", "jane.planted@example.com",
            "+49 171 5550123", "5550123", "0123456789abcdef0123456789abcdef", "Bearer abcdefgh12345678", "abcdefgh12345678",
            "(030) 123 45 67");

    private Api as(User user) {
        return new Api(baseUrl(), tokenFor(user.id()));
    }

    private void configure(FakeOpenAi fake, int callsPerHour, int timeout, boolean logContent) {
        var body = new HashMap<String, Object>();
        body.put("enabled", true);
        body.put("endpointUrl", fake == null ? "" : fake.baseUrl());
        body.put("model", fake == null ? "" : "test-model");
        body.put("apiKey", fake == null ? "" : KEY);
        body.put("callsPerHour", callsPerHour);
        body.put("timeoutSeconds", timeout);
        body.put("logContent", logContent);
        admin().put("/api/v1/assist/settings", body).expect(200);
    }

    /** An incident whose timeline holds planted secrets, an address and phone numbers; with roles and an update. */
    private String incidentWithSecrets(User manager) {
        var api = as(manager);
        String key = api.post("/api/v1/incidents", Map.of("summary", "Checkout fails for card payments", "severity", 2))
                .expect(201).json().get("key").asString();
        api.post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        api.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "OBSERVATION", "body",
                "Errors since the 14:02 deploy; the script used token tcs_PlantedToken12345678 and password=Hunter2Planted"))
                .expect(201);
        api.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "DECISION", "body",
                "Roll back; ask Jane (jane.planted@example.com, +49 171 5550123) about routing key"
                        + " 0123456789abcdef0123456789abcdef")).expect(201);
        api.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "CHANGE", "body",
                "curl -H 'Authorization: Bearer abcdefgh12345678' to the gateway; hotline (030) 123 45 67",
                "rollbackPlan", "revert the gateway config")).expect(201);
        return key;
    }

    private long updates(String key) {
        return jdbc.sql("select count(*) from incident_update where incident_key = ?").param(key).query(Long.class).single();
    }

    private static void assertProblem(Api.Response r, int status, String type) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).isEqualTo("https://tocsin.io/problems/" + type);
        assertThat(r.json().get("detail").asString()).isNotBlank();
    }

    @Test
    void theAssistantIsOffByDefault() {
        // A fresh database from the migrations: the row says off, no endpoint, no key, no content logging (R32).
        String url = "jdbc:h2:mem:assist-default-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        var flyway = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load();
        flyway.migrate();
        var fresh = org.springframework.jdbc.core.simple.JdbcClient.create(flyway.getConfiguration().getDataSource());
        var row = fresh.sql("select enabled, endpoint_url, api_key, log_content, calls_per_hour from assist_settings")
                .query().listOfRows();
        assertThat(row).hasSize(1);
        assertThat(row.get(0).get("enabled")).isEqualTo(false);
        assertThat(row.get(0).get("endpoint_url")).isNull();
        assertThat(row.get(0).get("api_key")).isNull();
        assertThat(row.get(0).get("log_content")).isEqualTo(false);

        // Switched off, every draft is refused with problem+json and nothing is asked.
        try (var fake = new FakeOpenAi(KEY)) {
            configure(fake, 100, 10, false);
            admin().put("/api/v1/assist/settings", Map.of("enabled", false)).expect(200);
            var manager = createUser(Role.RESPONDER, "Olga Off");
            String key = as(manager).post("/api/v1/incidents", Map.of("summary", "Search is slow", "severity", 3))
                    .expect(201).json().get("key").asString();
            for (String kind : List.of("catch-up", "update-draft", "severity")) {
                assertProblem(as(manager).post("/api/v1/incidents/" + key + "/assist/" + kind, Map.of()), 409, "assist-off");
            }
            assertThat(fake.requests()).isEmpty();
            assertThat(admin().get("/api/v1/assist/calls?incident=" + key).expect(200).json())
                    .as("nothing was asked, so no call is logged").isEmpty();
        }
    }

    @Test
    void aDraftedUpdateComesBackRedactedAndIsSentOnlyWhenAPersonPostsIt() {
        var manager = createUser(Role.RESPONDER, "Mara Manager");
        try (var fake = new FakeOpenAi(KEY)) {
            configure(fake, 1000, 10, false);
            String key = incidentWithSecrets(manager);
            fake.reply("```json\n{\"summary\": \"Card payments fail since the 14:02 deploy; a rollback is under way.\","
                    + " \"customerImpact\": \"customers cannot pay by card\", \"affected\": \"not known yet\","
                    + " \"rootCause\": \"not known yet\", \"expectedRecovery\": \"within the hour\","
                    + " \"currentStatus\": [\"Errors since the 14:02 deploy\", \"Rollback decided\"],"
                    + " \"nextSteps\": [\"Finish the rollback\", \"Watch the error rate\"]}\n```");

            var draft = as(manager).post("/api/v1/incidents/" + key + "/assist/update-draft",
                    Map.of("audience", "INTERNAL", "kind", "FOLLOW_UP", "language", "en")).expect(200).json();
            assertThat(draft.get("summary").asString()).startsWith("Card payments fail");
            assertThat(draft.get("currentStatus")).hasSize(2);
            assertThat(draft.get("gaps")).isEmpty();
            // Nothing was sent: no update exists until the person posts it.
            assertThat(updates(key)).isZero();

            // The request the endpoint received: OpenAI's shape, the key, and none of the planted values.
            assertThat(fake.requests()).hasSize(1);
            var request = fake.requests().get(0);
            assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(request.json().get("model").asString()).isEqualTo("test-model");
            assertThat(request.json().get("messages").get(0).get("role").asString()).isEqualTo("system");
            String sent = request.json().get("messages").get(1).get("content").asString();
            assertThat(sent).contains(key).contains("Checkout fails for card payments").contains("14:02 deploy")
                    .contains(Redactor.SECRET).contains(Redactor.EMAIL).contains(Redactor.PHONE);
            for (String planted : PLANTED) {
                assertThat(request.body()).doesNotContain(planted);
            }

            // The person edits and sends it: then, and only then, there is an update.
            var post = new HashMap<String, Object>();
            draft.properties().forEach(e -> post.put(e.getKey(), e.getValue()));
            post.remove("gaps");
            post.put("summary", draft.get("summary").asString() + " (checked by Mara)");
            post.put("acknowledgeGaps", true);
            as(manager).post("/api/v1/incidents/" + key + "/updates", post).expect(201);
            assertThat(updates(key)).isOne();

            // The call log: who, what, when, which endpoint, how long, how it ended, how many redactions; no content.
            var log = admin().get("/api/v1/assist/calls?incident=" + key).expect(200).json();
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("userName").asString()).isEqualTo("Mara Manager");
            assertThat(log.get(0).get("kind").asString()).isEqualTo("UPDATE_DRAFT");
            assertThat(log.get(0).get("endpointUrl").asString()).isEqualTo(fake.baseUrl());
            assertThat(log.get(0).get("outcome").asString()).isEqualTo("OK");
            assertThat(log.get(0).get("httpStatus").asInt()).isEqualTo(200);
            assertThat(log.get(0).get("durationMs").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(log.get(0).get("redactions").asInt()).isGreaterThanOrEqualTo(6);
            assertThat(log.get(0).get("requestContent").isNull()).isTrue();
            assertThat(log.get(0).get("responseContent").isNull()).isTrue();
            // Only administrators read the log and the settings; members cannot change them.
            assertThat(as(manager).get("/api/v1/assist/calls").status()).isEqualTo(403);
            assertThat(as(manager).put("/api/v1/assist/settings", Map.of("enabled", false)).status()).isEqualTo(403);
            var settings = admin().get("/api/v1/assist/settings").expect(200);
            assertThat(settings.json().get("apiKeySet").asBoolean()).isTrue();
            assertThat(settings.body()).doesNotContain(KEY);
            assertThat(jdbc.sql("select api_key from assist_settings").query(String.class).single()).startsWith("tcs1:")
                    .doesNotContain(KEY);

            // With content logging on, the log keeps the redacted request, still without the planted values.
            configure(fake, 1000, 10, true);
            fake.reply("Card payments fail since 14:02; Mara leads; rollback decided.");
            var catchUp = as(manager).post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of()).expect(200).json();
            assertThat(catchUp.get("source").asString()).isEqualTo("MODEL");
            var logged = admin().get("/api/v1/assist/calls?incident=" + key).expect(200).json().get(0);
            assertThat(logged.get("kind").asString()).isEqualTo("CATCH_UP");
            assertThat(logged.get("requestContent").asString()).contains(Redactor.SECRET);
            assertThat(logged.get("responseContent").asString()).contains("rollback decided");
            for (String planted : PLANTED) {
                assertThat(logged.get("requestContent").asString()).doesNotContain(planted);
            }

            // The severity suggestion with its reasons; the severity itself stays as it was.
            fake.reply("{\"severity\": 1, \"reasons\": [\"Card payments fail for all customers\", \"Revenue is lost\"]}");
            var severity = as(manager).post("/api/v1/incidents/" + key + "/assist/severity", Map.of()).expect(200).json();
            assertThat(severity.get("severity").asInt()).isEqualTo(1);
            assertThat(severity.get("currentSeverity").asInt()).isEqualTo(2);
            assertThat(severity.get("reasons")).hasSize(2);
            assertThat(as(manager).get("/api/v1/incidents/" + key).expect(200).json().get("severity").asInt()).isEqualTo(2);
            // Stakeholders are not members: no drafts.
            var stakeholder = createUser(Role.STAKEHOLDER, "Stan Stakeholder");
            assertThat(as(stakeholder).post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of()).status())
                    .isEqualTo(403);
        }
    }

    @Test
    void withoutAnEndpointTheCatchUpIsExtractiveInEnglishAndGerman() {
        var manager = createUser(Role.RESPONDER, "Fiona Fallback");
        configure(null, 100, 10, false);
        var api = as(manager);
        String key = api.post("/api/v1/incidents", Map.of("summary", "Mail delivery is delayed", "severity", 2))
                .expect(201).json().get("key").asString();
        api.post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        api.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "DECISION", "body", "Pause the newsletter"))
                .expect(201);
        var update = new HashMap<String, Object>(Map.of("audience", "INTERNAL", "kind", "INITIAL", "summary",
                "Mail is delayed by about 20 minutes.", "customerImpact", "mail arrives late", "acknowledgeGaps", true,
                "confirmNoRecipients", true));
        api.post("/api/v1/incidents/" + key + "/updates", update).expect(201);

        var en = api.post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of("language", "en")).expect(200).json();
        assertThat(en.get("source").asString()).isEqualTo("EXTRACTIVE");
        assertThat(en.get("text").asString()).contains(key).contains("severity 2").contains("Mail delivery is delayed")
                .contains("Fiona Fallback").contains("Latest update").contains("Mail is delayed by about 20 minutes.")
                .contains("Decision (Fiona Fallback): Pause the newsletter");
        var de = api.post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of("language", "de")).expect(200).json();
        assertThat(de.get("language").asString()).isEqualTo("de");
        assertThat(de.get("text").asString()).contains("Schweregrad 2").contains("Rollen:").contains("Letzte Mitteilung")
                .contains("Entscheidung (Fiona Fallback): Pause the newsletter");
        // Other drafts need a model: a clear problem, not a guess.
        assertProblem(api.post("/api/v1/incidents/" + key + "/assist/update-draft", Map.of()), 409, "assist-no-endpoint");
        assertProblem(api.post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of("language", "fr")), 422,
                "validation");
        assertThat(admin().get("/api/v1/assist/calls?incident=" + key).expect(200).json().get(1).get("outcome").asString())
                .isEqualTo("EXTRACTIVE");
    }

    @Test
    void thePerHourBudgetHoldsAndRefillsTheNextHour() {
        var manager = createUser(Role.RESPONDER, "Bea Budget");
        try (var fake = new FakeOpenAi(KEY)) {
            configure(fake, 2, 10, false);
            clock.advance(Duration.ofHours(1));
            String key = as(manager).post("/api/v1/incidents", Map.of("summary", "Login slow", "severity", 3))
                    .expect(201).json().get("key").asString();
            fake.reply("one").reply("two").reply("three");
            as(manager).post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of()).expect(200);
            as(manager).post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of()).expect(200);
            var over = as(manager).post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of());
            assertProblem(over, 429, "assist-over-budget");
            assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 3600L);
            assertThat(fake.requests()).hasSize(2);
            assertThat(admin().get("/api/v1/assist/settings").expect(200).json().get("callsThisHour").asInt()).isEqualTo(2);

            clock.advance(Duration.ofHours(1));
            assertThat(as(manager).post("/api/v1/incidents/" + key + "/assist/catch-up", Map.of()).expect(200).json()
                    .get("text").asString()).isEqualTo("three");
            assertThat(fake.requests()).hasSize(3);
        }
    }

    @Test
    void theEndpointsErrorsAndTimeoutsAreClearProblems() {
        var manager = createUser(Role.RESPONDER, "Eric Errors");
        try (var fake = new FakeOpenAi(KEY)) {
            configure(fake, 1000, 1, false);
            String key = as(manager).post("/api/v1/incidents", Map.of("summary", "Queue backs up", "severity", 2))
                    .expect(201).json().get("key").asString();
            String path = "/api/v1/incidents/" + key + "/assist/catch-up";

            fake.rateLimited();
            var limited = as(manager).post(path, Map.of());
            assertProblem(limited, 503, "assist-endpoint-rate-limited");
            assertThat(limited.header("Retry-After")).isEqualTo("20");
            fake.serverError();
            var failed = as(manager).post(path, Map.of());
            assertProblem(failed, 502, "assist-endpoint-failed");
            assertThat(failed.json().get("detail").asString()).contains("500")
                    .contains("The server had an error while processing your request");
            fake.hang();
            assertProblem(as(manager).post(path, Map.of()), 504, "assist-endpoint-timeout");
            fake.reply("not json at all");
            assertProblem(as(manager).post("/api/v1/incidents/" + key + "/assist/update-draft", Map.of()), 502,
                    "assist-endpoint-failed");

            var outcomes = admin().get("/api/v1/assist/calls?incident=" + key).expect(200).json().valueStream()
                    .map(c -> c.get("outcome").asString()).toList();
            assertThat(outcomes).containsExactly("OK", "TIMEOUT", "ENDPOINT_FAILED", "RATE_LIMITED");

            // A wrong key: the endpoint's 401 in OpenAI's shape becomes a 502 naming it.
            admin().put("/api/v1/assist/settings", Map.of("apiKey", "sk-wrong")).expect(200);
            var refused = as(manager).post(path, Map.of());
            assertProblem(refused, 502, "assist-endpoint-failed");
            assertThat(refused.json().get("detail").asString()).contains("401").contains("Incorrect API key provided");
        }
    }

    @Test
    void aPostmortemDraftOfEachSectionComesFromItsTimelineAndIsNotSaved() {
        var manager = createUser(Role.RESPONDER, "Paula Postmortem");
        try (var fake = new FakeOpenAi(KEY)) {
            configure(fake, 1000, 10, false);
            var api = as(manager);
            String key = api.post("/api/v1/incidents", Map.of("summary", "Invoices are not generated", "severity", 2))
                    .expect(201).json().get("key").asString();
            api.post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
            api.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "OBSERVATION", "body",
                    "The invoice job crashed; ask jane.planted@example.com")).expect(201);
            clock.advance(Duration.ofMinutes(20));
            api.post("/api/v1/incidents/" + key + "/resolve", Map.of("reason", "job restarted")).expect(200);
            fake.reply("{\"summary\": \"The invoice job crashed for 20 minutes.\", \"root-cause\": \"not known yet\","
                    + " \"no-such-section\": \"dropped\"}");

            var draft = api.post("/api/v1/incidents/" + key + "/assist/postmortem-draft", Map.of()).expect(200).json();
            assertThat(draft.get("sections").get("summary").asString()).isEqualTo("The invoice job crashed for 20 minutes.");
            assertThat(draft.get("sections").get("root-cause").asString()).isEqualTo("not known yet");
            assertThat(draft.get("sections").has("no-such-section")).isFalse();
            String sent = fake.requests().get(0).body();
            assertThat(sent).contains("root-cause").contains("The invoice job crashed").doesNotContain("jane.planted");
            // Nothing was written into the postmortem: its author saves each section.
            var pm = api.get("/api/v1/incidents/" + key + "/postmortem").expect(200).json();
            pm.get("sections").forEach(section -> assertThat(section.path("body").asString(""))
                    .doesNotContain("The invoice job crashed for 20 minutes."));
        }
    }

    @Test
    void settingsRefuseBadInputNamingTheField() {
        var bad = admin().put("/api/v1/assist/settings", Map.of("endpointUrl", "ftp://models.example", "model", "m"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("endpointUrl");
        var budget = admin().put("/api/v1/assist/settings", Map.of("callsPerHour", 0, "timeoutSeconds", 999));
        assertThat(budget.status()).isEqualTo(422);
        assertThat(budget.body()).contains("callsPerHour").contains("timeoutSeconds");
        var credentials = admin().put("/api/v1/assist/settings", Map.of("endpointUrl", "https://u:p@models.example/v1",
                "model", "m"));
        assertThat(credentials.status()).isEqualTo(422);
        assertThat(credentials.body()).contains("endpointUrl");
    }
}
