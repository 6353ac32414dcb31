package io.tocsin.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tocsin.importer.internal.ImporterSettings;
import io.tocsin.importer.internal.SourceData;
import io.tocsin.importer.internal.SourceException;
import io.tocsin.importer.internal.SourceHttp;
import io.tocsin.importer.internal.opsgenie.OpsgenieClient;
import io.tocsin.importer.internal.pagerduty.PagerDutyClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Opsgenie and PagerDuty clients against the fakes (issue 20): authentication headers, pagination, 429 with
 * Retry-After waited out (the waits recorded, never slept in the test), and every error answer turned into a
 * message naming the vendor and the status.
 */
class SourceClientsTest {

    private static final FakeOpsgenie OPSGENIE = new FakeOpsgenie();
    private static final FakePagerDuty PAGERDUTY = new FakePagerDuty();
    private static final Instant AS_OF = ImportFixtures.AS_OF;

    private final List<Duration> waits = new ArrayList<>();
    private final SourceHttp.Pause recording = waits::add;
    private final ImporterSettings settings = new ImporterSettings();

    @BeforeEach
    void pointAtFakes() {
        settings.setOpsgenieUrl(OPSGENIE.url());
        settings.setPagerdutyUrl(PAGERDUTY.url());
        OPSGENIE.forget();
        PAGERDUTY.forget();
        OPSGENIE.fail(null, 0);
        PAGERDUTY.fail(null, 0);
    }

    @AfterAll
    static void stop() {
        OPSGENIE.close();
        PAGERDUTY.close();
    }

    @Test
    void opsgenieReadsEverythingPageByPageWithItsKey() {
        var data = new OpsgenieClient(FakeOpsgenie.KEY, settings, recording).fetch(AS_OF);

        assertThat(data.users()).hasSize(9).extracting(u -> u.email()).contains("aiko@import.example",
                "ivan@import.example");
        assertThat(data.users().getFirst().timeZone()).isEqualTo("Australia/Sydney");
        assertThat(data.teams()).extracting(t -> t.name()).containsExactly("Platform", "Payments");
        assertThat(data.teams().get(1).memberIds()).containsExactly("og-dana", "og-emil", "og-gus", "og-hana");
        assertThat(data.schedules()).hasSize(4);
        assertThat(data.schedules().getFirst().get("rotations")).hasSize(3);
        assertThat(data.overrides().get("og-sched-fts")).hasSize(2);
        assertThat(data.policies()).hasSize(2);
        var users = OPSGENIE.seen().stream().filter(s -> s.path().equals("/v2/users")).toList();
        assertThat(users).extracting(FakeVendorApi.Seen::query).containsExactly(
                "limit=100&offset=0&sort=username&order=asc", "limit=4&offset=4", "limit=4&offset=8");
        assertThat(OPSGENIE.seen()).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("GenieKey "
                + FakeOpsgenie.KEY));
        assertThat(waits).isEmpty();
    }

    @Test
    void pagerDutyReadsEverythingPageByPageWithItsKey() {
        var data = new PagerDutyClient(FakePagerDuty.KEY, settings, recording).fetch(AS_OF);

        assertThat(data.users()).hasSize(9).extracting(u -> u.email()).contains("dana@import.example");
        assertThat(data.teams()).extracting(t -> t.name()).containsExactly("Platform", "Payments");
        assertThat(data.teams().get(1).memberIds()).containsExactly("PDDANA", "PDEMIL", "PDFRIEDA", "PDGUS",
                "PDHANA", "PDIVAN");
        assertThat(data.schedules()).hasSize(4).allSatisfy(s -> assertThat(s.has("schedule_layers")).isTrue());
        assertThat(data.overrides().get("PSPAY")).extracting(o -> o.get("id").asString()).containsExactly("POEU");
        assertThat(data.policies()).extracting(p -> p.get("name").asString()).containsExactly("Platform (PD)",
                "Payments (PD)");
        var users = PAGERDUTY.seen().stream().filter(s -> s.path().equals("/users")).toList();
        assertThat(users).extracting(FakeVendorApi.Seen::query).containsExactly("limit=100&offset=0",
                "limit=100&offset=4", "limit=100&offset=8");
        assertThat(PAGERDUTY.seen()).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Token token="
                + FakePagerDuty.KEY));
    }

    /** Issue 20 point 2: services (paged), integrations and heartbeats; PagerDuty's v2 keys read one by one. */
    @Test
    void servicesIntegrationsAndHeartbeatsAreReadPageByPage() {
        var og = new OpsgenieClient(FakeOpsgenie.KEY, settings, recording).fetch(AS_OF);
        assertThat(og.services()).hasSize(5).extracting(SourceData.Service::teamId).contains("og-team-platform",
                "og-team-payments");
        assertThat(OPSGENIE.seen().stream().filter(r -> r.path().equals("/v1/services")))
                .extracting(FakeVendorApi.Seen::query).containsExactly("limit=100&offset=0", "limit=4&offset=4");
        assertThat(og.integrations()).hasSize(6).filteredOn(i -> i.id().equals("og-int-off")).singleElement()
                .satisfies(i -> assertThat(i.enabled()).isFalse());
        assertThat(og.integrations()).allSatisfy(i -> assertThat(i.key()).isNull());
        assertThat(og.heartbeats()).extracting(h -> h.name() + " " + h.interval()).containsExactly(
                "nightly-backup PT24H", "queue-consumer PT10M", "old-cron PT5M");

        var pd = new PagerDutyClient(FakePagerDuty.KEY, settings, recording).fetch(AS_OF);
        assertThat(pd.services()).hasSize(5).extracting(s -> s.id() + " " + s.policyId() + " " + s.teamId())
                .contains("PSVCCHK PEPAY PTPAY", "PSVCSTAT PEPLAT null");
        assertThat(PAGERDUTY.seen().stream().filter(r -> r.path().equals("/services")))
                .extracting(FakeVendorApi.Seen::query).containsExactly("limit=100&offset=0", "limit=100&offset=4");
        assertThat(pd.integrations()).extracting(i -> i.serviceId() + "/" + i.id() + " " + i.type() + " " + i.key())
                .contains("PSVCAPI/PIAPIAM events_api_v2_inbound_integration 5c0d2e8f1a7b4c3d9e6f0a1b2c3d4e5f",
                        "PSVCCHK/PICHKV1 generic_events_api_inbound_integration null",
                        "PSVCAPI/PIAPIML generic_email_inbound_integration null");
        assertThat(PAGERDUTY.seen()).extracting(FakeVendorApi.Seen::path).contains(
                "/services/PSVCAPI/integrations/PIAPIAM", "/services/PSVCSRCH/integrations/PISRCDD")
                .doesNotContain("/services/PSVCCHK/integrations/PICHKV1");
        assertThat(pd.heartbeats()).isEmpty();

        PAGERDUTY.fail("/services/PSVCCHK/integrations", 500);
        assertThatThrownBy(() -> new PagerDutyClient(FakePagerDuty.KEY, settings, recording).fetch(AS_OF))
                .hasMessage("PagerDuty answered 500 to GET /services/PSVCCHK/integrations/PICHKGF: Internal error");
        OPSGENIE.fail("/v2/heartbeats", 503);
        assertThatThrownBy(() -> new OpsgenieClient(FakeOpsgenie.KEY, settings, recording).fetch(AS_OF))
                .hasMessage("Opsgenie answered 503 to GET /v2/heartbeats: Internal error");
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() {
        OPSGENIE.rateLimitNext(2, 7);
        PAGERDUTY.rateLimitNext(1, 3);
        assertThat(new OpsgenieClient(FakeOpsgenie.KEY, settings, recording).fetch(AS_OF).users()).hasSize(9);
        assertThat(new PagerDutyClient(FakePagerDuty.KEY, settings, recording).fetch(AS_OF).users()).hasSize(9);
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(3));
    }

    @Test
    void aRateLimitThatDoesNotEndStopsTheImport() {
        OPSGENIE.rateLimitNext(50, 1);
        try {
            assertThatThrownBy(() -> new OpsgenieClient(FakeOpsgenie.KEY, settings, recording).fetch(AS_OF))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("Opsgenie kept limiting the request rate (429, Retry-After 1 s); try again later");
            assertThat(waits).hasSize(settings.getRateLimitRetries());
        } finally {
            OPSGENIE.rateLimitNext(0, 1);
        }
        PAGERDUTY.rateLimitNext(1, 3600);
        assertThatThrownBy(() -> new PagerDutyClient(FakePagerDuty.KEY, settings, recording).fetch(AS_OF))
                .hasMessageContaining("Retry-After 3600 s");
    }

    @Test
    void aRefusedKeyNamesTheKey() {
        assertThatThrownBy(() -> new OpsgenieClient("wrong", settings, recording).fetch(AS_OF))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.field()).isEqualTo("apiKey");
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo("Opsgenie refused the API key (401: Could not authenticate)");
                });
        assertThatThrownBy(() -> new PagerDutyClient("wrong", settings, recording).fetch(AS_OF))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "PagerDuty refused the API key (401: Could not authenticate)"));
    }

    @Test
    void anErrorHalfWayIsReportedWithTheVendorsMessage() {
        OPSGENIE.fail("/v2/escalations", 500);
        assertThatThrownBy(() -> new OpsgenieClient(FakeOpsgenie.KEY, settings, recording).fetch(AS_OF))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.field()).isNull();
                    assertThat(e.getMessage()).isEqualTo("Opsgenie answered 500 to GET /v2/escalations: Internal error");
                });
        PAGERDUTY.fail("/schedules/PSSEC", 503);
        assertThatThrownBy(() -> new PagerDutyClient(FakePagerDuty.KEY, settings, recording).fetch(AS_OF))
                .hasMessage("PagerDuty answered 503 to GET /schedules/PSSEC: Internal error");
    }

    @Test
    void anUnreachableSourceIsNamed() {
        settings.setPagerdutyUrl("http://127.0.0.1:1");
        assertThatThrownBy(() -> new PagerDutyClient(FakePagerDuty.KEY, settings, recording).fetch(AS_OF))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).startsWith("PagerDuty could not be reached at http://127.0.0.1:1/");
                });
    }

    @Test
    void theSourcesOwnFinalScheduleIsRead() {
        var from = ImportFixtures.CHECK_FROM;
        var to = ImportFixtures.CHECK_TO;
        var og = new OpsgenieClient(FakeOpsgenie.KEY, settings, recording).onCall("og-sched-fts", from, to);
        assertThat(og).isNotEmpty().allSatisfy(e -> assertThat(e.who()).startsWith("og-"));
        assertThat(og).anySatisfy(e -> assertThat(e.who()).isEqualTo("og-dana"));
        var pd = new PagerDutyClient(FakePagerDuty.KEY, settings, recording).onCall("PSPAY", from, to);
        assertThat(pd).isNotEmpty().anySatisfy(e -> {
            assertThat(e.who()).isEqualTo("PDFRIEDA");
            assertThat(e.start()).isEqualTo(Instant.parse("2027-03-27T17:00:00Z"));
        });
    }
}
