package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.support.Api;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * An installation upgrades (issue 17 point 7): a database made and used by the previous release (schema V1..V500,
 * data captured from it in test resources) is migrated to the current schema when the new release starts, and
 * everything in it is still there and still works: people log in, incidents keep their timelines, integration keys
 * still accept events and deduplicate onto the open alerts, schedules and policies still page.
 */
class UpgradeFromPreviousReleaseTest {

    private static final String DUMP = "upgrade/previous-release.sql";
    private static final String ADMIN_PASSWORD = "previous-release-admin";
    private static final String ADMIN_TOKEN = "tcs_ierkrFsnjP8jYHr4ivcrIjnzUIh7UHmbuf5_IIGBP8w";
    private static final String PAGERDUTY_KEY = "007ab7f811e7232413c8c3d89822d1a4";

    /**
     * Each module owns a range of versions, so a release may add V332 (notify) to a database that already has V1610
     * (assist). Flyway refuses such a "resolved but not applied" migration unless out of order is allowed.
     */
    @Test
    void aMigrationAddedBelowTheAppliedOnesIsAppliedOnUpgrade() {
        var db = TestDatabase.create();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration").load()
                .migrate();
        try (var app = RunningApp.start(db, "--spring.flyway.locations=classpath:db/migration,classpath:db/upgrade-probe")) {
            var jdbc = app.bean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from upgrade_probe").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from flyway_schema_history where version = '98' and success")
                    .query(Long.class).single()).isOne();
        }
    }

    @Test
    void aDatabaseOfThePreviousReleaseMigratesWithItsDataIntact() throws Exception {
        var db = TestDatabase.create();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .target("500").load().migrate();
        var statements = statements(new String(new ClassPathResource(DUMP).getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
        var before = new LinkedHashMap<String, Long>();
        try (var connection = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            // The previous release had Spring Modulith create its event publication table at start, as this one does.
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("org/springframework/modulith/events/jdbc/schemas/v2/schema-"
                    + (TestDatabase.postgres() ? "postgresql" : "h2") + ".sql"));
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
            for (String table : tables(statements)) {
                try (var rs = connection.createStatement().executeQuery("select count(*) from " + table)) {
                    rs.next();
                    before.put(table, rs.getLong(1));
                }
            }
        }
        assertThat(before).as("the dump loaded").containsEntry("incident", 4L).containsEntry("alert", 3L);

        try (var app = RunningApp.start(db)) {
            var jdbc = app.bean(JdbcClient.class);
            for (var table : before.entrySet()) {
                long now = jdbc.sql("select count(*) from " + table.getKey()).query(Long.class).single();
                // Timers, outbox rows and audit entries may grow when the new release starts; nothing may shrink.
                assertThat(now).as(table.getKey()).isGreaterThanOrEqualTo(table.getValue());
            }
            assertThat(app.formLogin("admin@tocsin.local", ADMIN_PASSWORD)).as("passwords still verify").isTrue();
            var api = new Api(app.baseUrl(), ADMIN_TOKEN);
            assertThat(api.get("/api/v1/incidents").expect(200).json().get("total").asInt()).isEqualTo(4);
            var timeline = api.get("/api/v1/incidents/INC-3/timeline").expect(200).json();
            assertThat(timeline.valueStream().map(e -> e.get("text").asString()))
                    .contains("Clock skew between token nodes")
                    .anyMatch(t -> t.startsWith("Status changed from New to Fixing"));
            assertThat(api.get("/api/v1/incidents/INC-3/updates").expect(200).json().get("items").get(0).get("body").asString())
                    .contains("Sessions expire early after the token service change.");

            var alerts = api.get("/api/v1/alerts").expect(200).json();
            var disk = alerts.valueStream().filter(a -> a.get("summary").asString().equals("Disk 95% full on db1"))
                    .findFirst().orElseThrow();
            assertThat(disk.get("eventCount").asInt()).isEqualTo(3);
            var repeat = new Api(app.baseUrl(), null).post("/v2/enqueue", Map.of("routing_key", PAGERDUTY_KEY,
                    "event_action", "trigger", "dedup_key", "disk-full-db1", "payload", Map.of("summary",
                            "Disk 96% full on db1", "source", "db1", "severity", "warning")));
            assertThat(repeat.status()).as("the integration key made by the old release still works").isEqualTo(202);
            var after = api.get("/api/v1/alerts/" + disk.get("id").asString()).expect(200).json();
            assertThat(after.get("alert").get("eventCount").asInt()).as("a repeat of the open alert, not a new one")
                    .isEqualTo(4);
            assertThat(after.get("history").valueStream().map(h -> h.get("kind").asString()))
                    .as("the old release's history reads with today's kinds").contains("TRIGGERED");

            var schedules = api.get("/api/v1/schedules").expect(200).json();
            assertThat(schedules.valueStream().map(s -> s.get("name").asString())).contains("Payments primary");
            var policies = api.get("/api/v1/escalation-policies").expect(200).json();
            var policy = policies.valueStream().filter(p -> p.get("name").asString().equals("Payments critical"))
                    .findFirst().orElseThrow();
            var preview = api.get("/api/v1/escalation-policies/" + policy.get("id").asString() + "/preview").expect(200)
                    .json();
            assertThat(preview.size()).as("the policy still reaches the schedule's and the team's people").isPositive();
        }
    }

    /** The dump's statements: split at semicolons that end a line outside a quoted string. */
    static List<String> statements(String script) {
        var out = new ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (String line : script.split("\n", -1)) {
            if (!quoted && (line.startsWith("--") || line.isBlank())) {
                continue;
            }
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '\'') {
                    quoted = !quoted;
                }
            }
            current.append(line).append('\n');
            if (!quoted && line.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return out;
    }

    private static List<String> tables(List<String> statements) {
        return statements.stream().filter(s -> s.startsWith("INSERT INTO public."))
                .map(s -> s.substring("INSERT INTO public.".length(), s.indexOf(' ', "INSERT INTO public.".length())))
                .distinct().toList();
    }
}
