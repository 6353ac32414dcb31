package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.Identity;
import io.tocsin.shared.Timers;
import io.tocsin.support.Api;
import io.tocsin.support.RecordingTimerHandler;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tocsin as a user runs it: the first start on an empty database creates the administrator and prints the
 * generated password once; data written before a stop is there after a start (H2 file mode, or PostgreSQL);
 * a timer that came due while the server was down fires right after it starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartAndRestartTest {

    /** The generated administrator password as the start-up banner shows it (20 letters and digits). */
    private static final Pattern PASSWORD = Pattern.compile("password: ([A-Za-z0-9]{20})\\n");

    @Test
    void firstStartPrintsTheAdminPasswordAndDataSurvivesARestart(CapturedOutput output, @TempDir Path dir) {
        var db = TestDatabase.postgres() ? TestDatabase.create() : TestDatabase.h2File(dir);
        String key;
        String timerKey = "restart-" + System.nanoTime();
        String token;
        try (var app = RunningApp.start(db)) {
            var banner = lastBanner(output);
            assertThat(banner).as("the banner says where Tocsin answers").contains("Tocsin is ready: " + app.baseUrl())
                    .contains("Administrator (created now)", "e-mail:   admin@tocsin.local", "shown only this once",
                            app.baseUrl() + "/swagger-ui.html", "Stop with Ctrl-C.");
            var matcher = PASSWORD.matcher(banner);
            assertThat(matcher.find()).as("the generated password is in the banner").isTrue();
            String password = matcher.group(1);
            assertThat(app.formLogin("admin@tocsin.local", password)).isTrue();
            assertThat(app.formLogin("admin@tocsin.local", password + "x")).isFalse();

            var admin = app.bean(Identity.class).findByEmail("admin@tocsin.local").orElseThrow();
            token = app.bean(ApiTokens.class).create(admin.id(), "restart test").token();
            var api = new Api(app.baseUrl(), token);
            key = api.post("/api/v1/incidents", Map.of("summary", "Survives a restart", "severity", 2)).expect(201)
                    .json().get("key").asString();
            api.post("/api/v1/incidents/" + key + "/assign", null).expect(200);
            api.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "NOTE", "body", "written before the stop"))
                    .expect(201);
            var timers = app.bean(Timers.class);
            var due = app.bean(Clock.class).instant().plusMillis(500);
            app.bean(TransactionTemplate.class).executeWithoutResult(s ->
                    timers.schedule(RecordingTimerHandler.KIND, timerKey, due, "from before the restart"));
        }

        try (var app = RunningApp.start(db)) {
            assertThat(PASSWORD.matcher(output.getOut()).results().count()).as("printed only once").isEqualTo(1);
            assertThat(lastBanner(output)).contains("e-mail:   admin@tocsin.local",
                    "password: the one printed at the first start");
            assertThat(app.bean(Identity.class).users()).hasSize(1);
            var api = new Api(app.baseUrl(), token);
            var incident = api.get("/api/v1/incidents/" + key).expect(200).json();
            assertThat(incident.get("status").asString()).isEqualTo("FIXING");
            assertThat(incident.get("incidentManager").get("name").asString()).isEqualTo("Administrator");
            var timeline = api.get("/api/v1/incidents/" + key + "/timeline").expect(200).json();
            assertThat(timeline.valueStream().map(e -> e.get("text").asString())).contains("written before the stop");

            var handler = app.bean(RecordingTimerHandler.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(handler.firedKeys(timerKey)).containsExactly(timerKey));
            String next = api.post("/api/v1/incidents", Map.of("summary", "After the restart", "severity", 3))
                    .expect(201).json().get("key").asString();
            assertThat(Integer.parseInt(next.substring(4))).isGreaterThan(Integer.parseInt(key.substring(4)));
        }
    }

    @Test
    void theDemoSwitchLoadsALivingOrganisationOnce(CapturedOutput output, @TempDir Path dir) {
        // R1, issue 13: teams, follow-the-sun schedules, policies, integrations, reachable people, history.
        var db = TestDatabase.postgres() ? TestDatabase.create() : TestDatabase.h2File(dir);
        try (var app = RunningApp.start(db, "--demo")) {
            var banner = lastBanner(output);
            var matcher = Pattern.compile("every demo person logs in with this password\\s+password: (\\S+)").matcher(banner);
            assertThat(matcher.find()).isTrue();
            assertThat(banner.indexOf("Administrator")).as("the administrator comes first").isLessThan(banner.indexOf("Demo"));
            assertThat(banner.indexOf("sam.carter")).as("an English demo login is suggested first")
                    .isLessThan(banner.indexOf("mia.schneider"));
            assertThat(app.formLogin("mia.schneider@demo.tocsin.local", matcher.group(1))).isTrue();
            var mia = app.bean(Identity.class).findByEmail("mia.schneider@demo.tocsin.local").orElseThrow();
            var api = new Api(app.baseUrl(), app.bean(ApiTokens.class).create(mia.id(), "demo").token());
            assertThat(api.get("/api/v1/teams").json().size()).isGreaterThanOrEqualTo(3);
            var services = api.get("/api/v1/services").json().valueStream()
                    .filter(s -> !s.get("name").asString().equalsIgnoreCase("unknown")).toList();
            assertThat(services).hasSizeGreaterThanOrEqualTo(6);
            assertThat(api.get("/api/v1/products").json().size()).isEqualTo(3);
            // Issue 13: a company that really works. Every service has a policy and an integration ...
            for (var service : services) {
                String id = service.get("id").asString();
                assertThat(api.get("/api/v1/services/" + id + "/escalation-policy").expect(200).json()
                        .get("levels").size()).as("policy of " + service.get("name")).isEqualTo(3);
                assertThat(api.get("/api/v1/services/" + id + "/integrations").expect(200).json().size()).isEqualTo(1);
            }
            assertThat(banner).contains("Demo integration keys (shown only this once", "payments-api (Prometheus Alertmanager)");
            // ... follow-the-sun schedules have someone on call at any hour of the day ...
            var now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            for (int hour = 0; hour < 24; hour++) {
                var onCall = api.get("/api/v1/on-call/now?at=" + now.plus(Duration.ofHours(hour))).expect(200).json();
                assertThat(onCall.valueStream().filter(s -> s.get("scheduleName").asString().endsWith("follow-the-sun")))
                        .as("hour +" + hour).hasSize(3).allSatisfy(s -> assertThat(s.get("onCall").isNull()).isFalse());
            }
            assertThat(api.get("/api/v1/on-call/imoc").expect(200).json().get("name").asString()).isEqualTo("Incident managers");
            // ... every demo person can be reached (only the administrator has no verified method) ...
            // (By id: Mia, a member, is not shown the administrator's e-mail address, issue 15 point 3.)
            var administrator = app.bean(Identity.class).findByEmail("admin@tocsin.local").orElseThrow();
            assertThat(api.get("/api/v1/notify/unreachable-users").expect(200).json().valueStream()
                    .map(u -> u.get("id").asString())).containsExactly(administrator.id().toString());
            // ... there are open alerts, and incidents over the last 90 days.
            assertThat(api.get("/api/v1/alerts?status=TRIGGERED").expect(200).json().toString())
                    .contains("Image CDN answers 5xx", "Nightly search index build failed twice");
            var all = api.get("/api/v1/incidents?limit=100").json();
            assertThat(all.get("total").asInt()).isEqualTo(10);
            var statuses = all.get("items").valueStream().map(i -> i.get("status").asString()).toList();
            assertThat(statuses).contains("NEW", "FIXING", "RESOLVED", "CLOSED");
            var declared = all.get("items").valueStream().map(i -> java.time.Instant.parse(i.get("declaredAt").asString()))
                    .toList();
            assertThat(declared).allSatisfy(at -> assertThat(at).isAfter(now.minus(Duration.ofDays(91))))
                    .anySatisfy(at -> assertThat(at).isBefore(now.minus(Duration.ofDays(80))));
            var payments = all.get("items").valueStream().filter(i -> i.get("summary").asString().startsWith("Card payments fail"))
                    .findFirst().orElseThrow();
            var full = api.get("/api/v1/incidents/" + payments.get("key").asString()).json();
            assertThat(full.get("metrics").get("timeToDetect").asString()).isEqualTo("PT14M");
            assertThat(full.get("metrics").get("timeToRecover").asString()).isEqualTo("PT52M");
            assertThat(full.get("supportTicketCount").asInt()).isEqualTo(2);
        }
        try (var app = RunningApp.start(db, "--demo")) {
            assertThat(app.bean(Identity.class).teams()).hasSize(3);
            assertThat(lastBanner(output)).contains("Demo organisation (loaded at an earlier start)");
        }
    }

    /** The start-up banner printed last: the lines between its two rules. */
    private static String lastBanner(CapturedOutput output) {
        String out = output.getOut();
        String rule = "=".repeat(72);
        int end = out.lastIndexOf(rule);
        int start = out.lastIndexOf(rule, end - 1);
        assertThat(start).as("a start-up banner was printed").isGreaterThanOrEqualTo(0);
        return out.substring(start, end + rule.length());
    }
}
