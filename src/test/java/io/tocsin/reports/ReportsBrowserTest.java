package io.tocsin.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The Reports page in headless Chromium, in English and German (issue 16 "Shown by"; R26, R30): filter by team,
 * see the chart (server-side SVG with its text alternative) and the table, download the CSV of the filtered table
 * with the browser's session; no CSP violation (the browser fails the test on one).
 */
class ReportsBrowserTest extends IntegrationTest {

    private String team;
    private String teamName;

    private void incidentOfANewTeam() {
        String suffix = Long.toString(System.nanoTime());
        teamName = "Browser reports " + suffix;
        team = admin().post("/api/v1/teams", Map.of("name", teamName)).expect(201).json().get("id").asString();
        String service = admin().post("/api/v1/services", Map.of("name", "browser-reports-" + suffix, "owningTeamId",
                team)).expect(201).json().get("id").asString();
        admin().post("/api/v1/incidents", Map.of("summary", "Search slow " + suffix, "severity", 1, "serviceId", service,
                "impactStartedAt", clock.instant().minus(Duration.ofMinutes(9)).toString(),
                "detectedAt", clock.instant().minus(Duration.ofMinutes(4)).toString())).expect(201);
        String path = "/api/v1/reports/incidents?team=" + team;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin().get(path).json().get("figures").get("total").asLong()).isEqualTo(1));
    }

    @Test
    void filterChartAndCsvInEnglish() throws Exception {
        run("en", "Incidents by severity", "Severity 1", "Severity,Incidents\r\n", "Severity 1,1\r\n");
    }

    @Test
    void filterChartAndCsvInGerman() throws Exception {
        run("de", "Incidents nach Schweregrad", "Schweregrad 1", "Schweregrad,Incidents\r\n", "Schweregrad 1,1\r\n");
    }

    private void run(String language, String chartTitle, String severityLabel, String csvHeader, String csvRow)
            throws Exception {
        incidentOfANewTeam();
        String email = "reports." + language + "." + System.nanoTime() + "@test.local";
        identity.createUser(new Identity.NewUser("Report Reader " + language, email, "Europe/Berlin", language,
                Role.RESPONDER, "reports-browser-password"));
        try (var browser = new Browser(baseUrl(), language)) {
            browser.login(email, "reports-browser-password");
            browser.open("/");
            assertThat(browser.driver().findElements(By.cssSelector("a[href='/reports']"))).isNotEmpty();
            browser.open("/reports");
            new Select(browser.find(By.id("team"))).selectByVisibleText(teamName);
            browser.click(By.id("apply-filters"));
            browser.waitFor(d -> d.getCurrentUrl().contains("team=" + team));
            var chart = browser.find(By.cssSelector("#chart-by-severity"));
            assertThat(chart.isDisplayed()).isTrue();
            assertThat(chart.getSize().getHeight()).isPositive();
            assertThat(browser.find(By.id("chart-by-severity-title")).getAttribute("textContent")).isEqualTo(chartTitle);
            assertThat(browser.find(By.id("chart-by-severity-desc")).getAttribute("textContent"))
                    .contains(severityLabel + ": 1");
            assertThat(browser.text(By.id("table-incidents-by-severity"))).contains(severityLabel);
            assertThat(browser.text(By.id("table-incident-durations"))).contains("5 min");

            String csvUrl = browser.find(By.id("csv-incidents-by-severity")).getAttribute("href");
            assertThat(csvUrl).contains("team=" + team);
            String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
            var csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvUrl))
                    .header("Cookie", "JSESSIONID=" + session).header("Accept-Language", language).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).startsWith(csvHeader).contains(csvRow);
            assertThat(browser.cspViolations()).isEmpty();
        }
    }
}
