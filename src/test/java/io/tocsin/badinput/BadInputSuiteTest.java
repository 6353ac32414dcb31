package io.tocsin.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tocsin.identity.Role;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.Subject;
import io.tocsin.notify.internal.AnswerTokens;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.notify.SubjectType;
import io.tocsin.support.Api;
import io.tocsin.support.FakeTwilio;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bad-input suite (issue 17, R4, R14): every operation of the served OpenAPI document and every
 * compatibility endpoint, called as an administrator with a corpus of bad input (malformed JSON, wrong types,
 * deep nesting, huge bodies, bad ids and enums, NUL characters in JSON and in query parameters, lone UTF-16
 * surrogates, extreme numbers, dates out of range, odd content types, malformed form bodies, the error page).
 * <p>
 * It fails on any 5xx, on any 4xx that wrote a row anywhere (row counts of every table compared around each
 * refused request), and where the API promises more (a 400 naming the field at fault, a 415, a 413, TwiML for
 * Twilio). Cases are generated from the document, so a new operation is covered without touching this class;
 * all of it runs in the shared application context, request after request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteTest extends IntegrationTest {

    @Autowired
    private DeliveryWorker deliveries;

    @Autowired
    private FakeTwilio twilio;

    @Autowired
    private AnswerTokens answerTokens;

    private Fixture fixture;
    private String token;
    private RowCounts counts;
    private OpenApiOperations operations;
    private String imocBefore;
    private String templateBefore;

    @BeforeAll
    void createFixtures() throws IOException {
        long started = System.nanoTime();
        var admin = createUser(Role.ADMIN, "Bad Input Admin");
        token = tokenFor(admin.id());
        var api = new Api(baseUrl(), token);
        imocBefore = jdbc.sql("select schedule_id from oncall_imoc").query(String.class).optional().orElse(null);
        templateBefore = api.get("/api/v1/comms/templates/INTERNAL/INITIAL/en").expect(200).body();
        fixture = new Fixture(api, anonymous(), clock, userId -> new Api(baseUrl(), tokenFor(UUID.fromString(userId))),
                address -> {
                    deliveries.deliverDue();
                    return Fixture.code(TestMailServer.subject(TestMailServer.mailTo(address).getLast()));
                });
        fixture.answerToken = answerTokens.issue(UUID.fromString(fixture.ids.get("delivery")), admin.id(),
                new Subject(SubjectType.ALERT, fixture.ids.get("alert"), null, 3, "Fixture alert", null), AnswerAction.ACKNOWLEDGE,
                clock.instant().plus(Duration.ofDays(1)));
        counts = new RowCounts(jdbc);
        // The first request for the document builds it, which takes a while on a loaded machine.
        try (var http = new RawHttp("localhost", port)) {
            var doc = http.send("GET", "/v3/api-docs", Map.of("Accept", "application/json"), null);
            assertThat(doc.status()).isEqualTo(200);
            operations = new OpenApiOperations(Api.JSON.readTree(doc.body()));
        }
        System.out.println("Bad-input fixtures made in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** The operations change the incident-manager schedule and a message template for everyone: put them back. */
    @AfterAll
    void restoreSharedSettings() {
        jdbc.sql("delete from oncall_imoc").update();
        if (imocBefore != null) {
            jdbc.sql("insert into oncall_imoc (singleton, schedule_id) values (1, ?)").param(UUID.fromString(imocBefore))
                    .update();
        }
        var api = new Api(baseUrl(), token);
        var before = Api.JSON.readTree(templateBefore);
        if (before.get("custom").asBoolean()) {
            api.put("/api/v1/comms/templates/INTERNAL/INITIAL/en", Map.of("title",
                    before.get("title").asString(), "body", before.get("body").asString())).expect(200);
        } else {
            api.delete("/api/v1/comms/templates/INTERNAL/INITIAL/en");
        }
    }

    @Test
    void everyRestOperationRefusesBadInputWithAProblemAndWritesNothing() {
        var corpus = new RestCorpus(operations, fixture);
        var all = operations.all().stream().filter(op -> op.path().startsWith("/api/")).toList();
        var cases = new ArrayList<Case>();
        int samplesAccepted = 0;
        var runner = runner();
        for (var op : all) {
            if (op.hasBody()) {
                // The plausible body itself, so the summary shows how deep the spoilt ones reach.
                var answer = runner.run(Case.of(op.key(), "baseline", "plausible body", op.method(),
                        corpus.existingPath(op), "application/json", Api.JSON.writeValueAsString(corpus.sample(op))));
                samplesAccepted += answer.status() < 300 ? 1 : 0;
            }
            cases.addAll(corpus.cases(op));
        }
        runner.runAll(cases);
        report(runner, "REST API (" + all.size() + " operations, plausible bodies accepted: " + samplesAccepted + ")");
        assertThat(all).as("operations in the OpenAPI document").hasSizeGreaterThan(140);
    }

    /** The document also describes the compatibility endpoints: each of them is in one of the corpora. */
    @Test
    void everyDocumentedCompatibilityEndpointIsCovered() {
        var documented = operations.all().stream().filter(op -> !op.path().startsWith("/api/"))
                .map(OpenApiOperations.Operation::key).collect(Collectors.toCollection(TreeSet::new));
        var corpus = new CallbackCorpus(fixture, baseUrl(), twilio.authToken());
        var covered = new TreeSet<String>();
        Stream.of(new IngestCorpus(fixture).cases(), corpus.twilio(), corpus.answerLinks())
                .flatMap(List::stream).forEach(c -> covered.add(c.target()));
        assertThat(documented).as("compatibility endpoints in the OpenAPI document").contains("POST /v2/enqueue",
                "POST /hooks/twilio/sms");
        assertThat(covered).containsAll(documented);
    }

    @Test
    void twilioCallbacksAnswerMalformedFormsInTwilioShape() {
        var runner = runner();
        runner.runAll(new CallbackCorpus(fixture, baseUrl(), twilio.authToken()).twilio());
        report(runner, "Twilio callbacks");
    }

    @Test
    void answerLinksAndTheErrorPageNeverFail() {
        var runner = runner();
        var corpus = new CallbackCorpus(fixture, baseUrl(), twilio.authToken());
        runner.runAll(corpus.answerLinks());
        runner.runAll(corpus.errorPage());
        report(runner, "Answer links and error page");
    }

    /**
     * The ingest endpoints, whose formats normalise what they can store (NUL replaced, long text cut, dates
     * clamped) and refuse the rest in the sender's own shape (issue 17 point 1): their answers are the senders'
     * formats, so only "no 5xx, nothing half-written" is checked.
     */
    @Nested
    class IngestEndpoints {

        @Test
        void everyIngestEndpointAnswersBadInputWithoutA5xxOrAHalfWrite() {
            var runner = runner();
            runner.runAll(new IngestCorpus(fixture).cases());
            report(runner, "Ingest endpoints");
        }
    }

    private CaseRunner runner() {
        return new CaseRunner(port, token, counts);
    }

    private static void report(CaseRunner runner, String title) {
        runner.close();
        System.out.println(runner.summary(title));
        List<String> failures = runner.failures();
        failures.forEach(f -> System.out.println("  FAIL " + f));
        assertThat(runner.cases()).isPositive();
        assertThat(failures.subList(0, Math.min(40, failures.size())))
                .as(title + ": " + failures.size() + " bad answers, the first 40").isEmpty();
    }
}
