package io.tocsin.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.Identity;
import io.tocsin.statuspage.internal.Snapshots;
import io.tocsin.support.Api;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Served from memory, up when we are down (issue 11 point 8): two nodes over one database; a change published on
 * one is visible on the other within 2 seconds; public reads (page, JSON, badges, feeds, widget, theme) run no SQL
 * at all (statements counted at the JDBC level); with the database unreachable, all of them still answer from the
 * snapshot byte for byte, the 404 page of an unknown page too (in English and German), and a later rebuild
 * catches up once it is back. Runs on H2 and, with -Dtocsin.test.db=postgresql, on PostgreSQL.
 */
class StatusPageResilienceTest {

    /** The administrator a first start creates (RunningApp's setting). */
    static final String EMAIL = "admin@tocsin.local";
    static final List<String> DOCUMENTS = List.of("summary.json", "status.json", "components.json", "incidents.json",
            "incidents/unresolved.json", "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json",
            "scheduled-maintenances/active.json");

    @Test
    void twoNodesAgreeWithinTwoSecondsReadsRunNoSqlAndPagesOutliveTheDatabase() {
        var db = TestDatabase.create();
        try (var a = RunningApp.start(db, new Class<?>[] {StatementCounting.class});
                var b = RunningApp.start(db)) {
            var identity = a.bean(Identity.class);
            String token = a.bean(ApiTokens.class).create(identity.findByEmail(EMAIL).orElseThrow().id(), "test").token();
            var onA = new Api(a.baseUrl(), token);
            var visitorB = new Api(b.baseUrl(), null);
            String slug = StatusPageTestSupport.unique("nodes");
            String pageId = StatusPageTestSupport.page(onA, slug, Map.of()).get("id").asString();
            String componentId = StatusPageTestSupport.component(onA, pageId, "API", null, List.of()).get("id").asString();

            // Propagation: the change is made on A and read on B.
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> visitorB.send("GET", "/status/" + slug + "/api/v2/components.json", null, null).status() == 200);
            long started = System.nanoTime();
            onA.put("/api/v1/status-pages/" + pageId + "/components/" + componentId + "/status",
                    Map.of("status", "MAJOR_OUTAGE", "cause", "two-node test")).expect(200);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> visitorB
                    .send("GET", "/status/" + slug + "/api/v2/status.json", null, null).body().contains("\"critical\""));
            System.out.println("Status page change visible on the other node after "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");

            // No SQL per public read on A; the counter does count API calls.
            var visitorA = new Api(a.baseUrl(), null);
            var before = new LinkedHashMap<String, String>();
            StatementCounting.reset("/status/");
            for (int round = 0; round < 20; round++) {
                before.put("en", read(visitorA, "/status/" + slug + "?lang=en"));
                before.put("de", read(visitorA, "/status/" + slug + "?lang=de"));
                for (var doc : DOCUMENTS) {
                    before.put(doc, read(visitorA, "/status/" + slug + "/api/v2/" + doc));
                }
                for (var other : others(componentId)) {
                    before.put(other, read(visitorA, "/status/" + slug + other));
                }
            }
            assertThat(StatementCounting.STATEMENTS.get()).as("statements run by public reads").isZero();
            assertThat(StatementCounting.CONNECTIONS.get()).as("connections taken by public reads").isZero();
            StatementCounting.reset("/api/");
            onA.get("/api/v1/status-pages/" + pageId).expect(200);
            assertThat(StatementCounting.STATEMENTS.get()).as("the counter sees an API call's statements").isPositive();

            // The database goes away: A keeps serving the last snapshot, byte for byte.
            StatementCounting.DOWN.set(true);
            try {
                assertThat(a.bean(Snapshots.class).rebuild()).as("a rebuild without a database fails").isFalse();
                assertThat(read(visitorA, "/status/" + slug + "?lang=en")).isEqualTo(before.get("en"));
                assertThat(read(visitorA, "/status/" + slug + "?lang=de")).isEqualTo(before.get("de"));
                for (var doc : DOCUMENTS) {
                    assertThat(read(visitorA, "/status/" + slug + "/api/v2/" + doc)).as(doc).isEqualTo(before.get(doc));
                }
                for (var other : others(componentId)) {
                    assertThat(read(visitorA, "/status/" + slug + other)).as(other).isEqualTo(before.get(other));
                }
                // The 404 page of an unknown page, in the visitor's language, needs no database either.
                String unknown = a.baseUrl() + "/status/" + StatusPageTestSupport.unique("gone");
                var german = StatusPageTestSupport.getWith(unknown, "Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
                assertThat(german.statusCode()).isEqualTo(404);
                assertThat(german.body()).contains(StatusPageNotFoundTest.GERMAN);
                assertThat(StatusPageTestSupport.getWith(unknown + "?lang=de").body())
                        .contains(StatusPageNotFoundTest.GERMAN);
                var english = StatusPageTestSupport.getWith(unknown);
                assertThat(english.statusCode()).isEqualTo(404);
                assertThat(english.body()).contains(StatusPageNotFoundTest.ENGLISH);
                assertThat(onA.get("/api/v1/status-pages/" + pageId).status()).as("the API needs the database")
                        .isGreaterThanOrEqualTo(500);
            } finally {
                StatementCounting.DOWN.set(false);
            }
            assertThat(a.bean(Snapshots.class).rebuild()).isTrue();
            assertThat(read(visitorA, "/status/" + slug + "/api/v2/status.json")).contains("\"critical\"");
        }
    }

    /** The public reads besides the page and the JSON: badges, feeds (each in both languages), widget, theme. */
    private static List<String> others(String componentId) {
        return List.of("/badge.svg", "/badge.svg?lang=de", "/components/" + componentId + "/badge.svg",
                "/components/" + componentId + "/badge.svg?lang=de", "/history.rss", "/history.rss?lang=de",
                "/history.atom", "/history.atom?lang=de", "/widget.js", "/theme.css");
    }

    private static String read(Api visitor, String path) {
        var r = visitor.send("GET", path, null, null);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.body();
    }
}
