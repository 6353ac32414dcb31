package io.tocsin.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** A responder takes a colleague's shift in two clicks in a real browser (R9), and sees it in English and German. */
class OnCallBrowserTest extends IntegrationTest {

    @Autowired
    OnCall onCall;

    @Test
    void takeAColleaguesShiftFromTheSchedulePage() {
        String teamId = admin().post("/api/v1/teams", Map.of("name", "Search " + System.nanoTime())).expect(201)
                .json().get("id").asString();
        var anna = createUser(Role.RESPONDER, "Anna Timeline");
        var ben = createUser(Role.RESPONDER, "Ben Browser");
        for (var u : List.of(anna, ben)) {
            admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", u.id().toString(), "lead", false)).expect(200);
        }
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        String name = "Search primary " + System.nanoTime();
        String id = admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", name,
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("name", "Weekly",
                        "participants", List.of(anna.id(), ben.id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", start.toString()))))
                .expect(201).json().get("id").asString();

        String serviceId = admin().post("/api/v1/services", Map.of("name", "search-api-" + System.nanoTime(),
                "owningTeamId", teamId)).expect(201).json().get("id").asString();

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(ben.email(), "password-of-" + "Ben Browser".length() + "-chars");
            browser.open("/schedules");
            browser.click(By.linkText(name));
            browser.waitForText(By.id("on-call-now"), "Anna Timeline");
            assertThat(browser.text(By.cssSelector("#timeline [data-row=final] .oc-bar"))).isEqualTo("Anna Timeline");
            // Bars are placed by the page's script from their data (the CSP allows no style attributes).
            assertThat((String) browser.script("return document.querySelector('#timeline [data-row=final] .oc-bar')"
                    + ".style.width")).endsWith("%").isNotEqualTo("0%");

            browser.click(By.cssSelector("#shifts tr[data-user='" + anna.id() + "'] .take-shift"));
            browser.waitForText(By.id("on-call-now"), "Ben Browser");
            assertThat(browser.text(By.cssSelector(".alert-success"))).isEqualTo("You took over the shift.");
            assertThat(browser.driver().findElements(By.cssSelector("#timeline [data-row=final] .oc-override")))
                    .isNotEmpty();
            browser.screenshot("oncall-shift-taken");

            // The team's service page shows who is on call now and next.
            browser.open("/services/" + serviceId);
            browser.waitForText(By.cssSelector(".oncall-now"), name);
            assertThat(browser.text(By.cssSelector(".oncall-now"))).contains("Ben Browser").contains("Anna Timeline");

            // The language switch takes effect from the next page (the lead's locale resolver reads the cookie).
            browser.open("/my-shifts?lang=de");
            browser.open("/my-shifts");
            browser.screenshot("oncall-my-shifts-de");
            browser.waitForText(By.id("my-shifts"), name);
            assertThat(browser.text(By.cssSelector("h1.page-title"))).isEqualTo("Meine Schichten");
            assertThat(browser.text(By.id("my-shifts"))).contains(name).contains("Vertretung");
            assertThat(browser.text(By.id("my-on-call"))).startsWith("In Bereitschaft bis");
        }

        var now = onCall.whoIsOnCall(UUID.fromString(id), clock.instant()).orElseThrow();
        assertThat(now.userId()).isEqualTo(ben.id());
        assertThat(now.isOverride()).isTrue();
        assertThat(jdbc.sql("select count(*) from oncall_override where schedule_id = ? and user_id = ?"
                + " and created_by = ?").params(UUID.fromString(id), ben.id(), ben.id()).query(Long.class).single())
                .isEqualTo(1);
    }
}
