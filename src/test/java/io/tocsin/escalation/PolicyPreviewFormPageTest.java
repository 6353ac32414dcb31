package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tocsin.support.Browser;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The policy page's "what if" form (issue 10, R10, R13), over HTTP with a signed-in session: an instant, a severity
 * and one of the policy's services; the page says whether the owning team or the policy is paged, how long paging
 * waits for business hours, and lists who is paged when, with whoever is on call then; bad values are named next
 * to their field; German viewers get German text; and the same in a real browser (headless Chromium).
 */
class PolicyPreviewFormPageTest extends EscalationTestSupport {

    private static final Pattern PERSON = Pattern.compile("data-person=\"([^\"]+)\"");

    @Test
    void aMinorAlertFridayFivePmBerlinWaitsForMondayAndPagesWhoIsOnCallThen() {
        var anna = emailResponder("Anna Weekday");
        var ben = emailResponder("Ben Weekday");
        String teamId = team(anna, ben);
        String scheduleId = weeklyFromMarch2027(teamId, anna, ben);
        var policy = policy(0, level(5, Map.of("type", "SCHEDULE", "id", scheduleId)));
        String policyId = policy.get("id").asString();
        String teamless = service(null);
        var tina = emailResponder("Tina Teamowner");
        String owned = service(team(tina));
        for (String s : List.of(teamless, owned)) {
            assign(s, policy);
            berlinOfficeHours(s);
        }
        // The viewer's zone is Europe/Berlin: the form's times are Berlin wall-clock times.
        var viewer = responder("Vic Viewer");
        var session = new WebSession(baseUrl(), identity.user(viewer.id()).email(),
                "password-of-" + "Vic Viewer".length() + "-chars");

        var now = session.get("/escalation-policies/" + policyId);
        assertThat(now.statusCode()).isEqualTo(200);
        assertThat(now.body()).contains("id=\"preview-form\"").contains("If this fired now")
                .contains("value=\"" + teamless + "\"").doesNotContain("id=\"preview-answer\"");

        var minor = session.get(page(policyId, "2027-03-05T17:00", "3", teamless));
        assertThat(minor.statusCode()).isEqualTo(200);
        assertThat(minor.body()).contains("If this fired at Fri 5 Mar 2027 17:00 CET")
                .contains("Outside business hours (Europe/Berlin): paging waits 2 d 16 h, until")
                .contains("Mon 8 Mar 2027 09:00 CET").doesNotContain("id=\"preview-team\"");
        assertThat(people(minor.body())).containsOnly("Ben Weekday").isNotEmpty();

        var critical = session.get(page(policyId, "2027-03-05T17:00", "1", teamless)).body();
        assertThat(critical).contains("id=\"preview-no-wait\"").doesNotContain("id=\"preview-wait\"");
        assertThat(people(critical)).containsOnly("Anna Weekday").isNotEmpty();

        // On a service with an owning team a warning reaches the team, not the policy, after the same wait.
        var team = session.get(page(policyId, "2027-03-05T17:00", "3", owned)).body();
        assertThat(team).contains("id=\"preview-team\"").contains("pages its owning team team-")
                .contains("id=\"preview-wait\"");
        assertThat(people(team)).containsOnly("Tina Teamowner").isNotEmpty();

        // Without a service the instant alone counts: whoever is on call then.
        assertThat(people(session.get(page(policyId, "2027-03-08T10:00", "3", "")).body()))
                .containsOnly("Ben Weekday").isNotEmpty();

        session.get("/escalation-policies/" + policyId + "?lang=de");
        var german = session.get(page(policyId, "2027-03-05T17:00", "3", teamless)).body();
        assertThat(german).contains("Au\u00dferhalb der Gesch\u00e4ftszeiten (Europe/Berlin): die Alarmierung"
                + " wartet 2 T 16 h, bis").contains("Eingang am").contains("3 \u00b7 Warnung");
    }

    @Test
    void aResponderAsksWhatIfInARealBrowser() {
        var anna = emailResponder("Anna Browserweek");
        var ben = emailResponder("Ben Browserweek");
        String teamId = team(anna, ben);
        var policy = policy(0, level(5, Map.of("type", "SCHEDULE", "id", weeklyFromMarch2027(teamId, anna, ben))));
        String serviceName = "checkout-" + System.nanoTime();
        String serviceId = admin().post("/api/v1/services", Map.of("name", serviceName)).expect(201).json().get("id")
                .asString();
        assign(serviceId, policy);
        berlinOfficeHours(serviceId);
        var viewer = responder("Rita Realbrowser");

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(identity.user(viewer.id()).email(), "password-of-" + "Rita Realbrowser".length() + "-chars");
            browser.open("/escalation-policies/" + policy.get("id").asString());
            // A datetime-local input's typing order depends on the browser's locale: set its value as a picker would.
            browser.script("arguments[0].value = arguments[1]", browser.find(By.id("preview-at")), "2027-03-05T17:00");
            new Select(browser.find(By.id("preview-severity"))).selectByValue("3");
            new Select(browser.find(By.id("preview-service"))).selectByVisibleText(serviceName);
            browser.click(By.id("preview-submit"));

            browser.waitForText(By.id("preview-wait"), "paging waits 2 d 16 h");
            assertThat(browser.text(By.id("preview-title"))).isEqualTo("If this fired at Fri 5 Mar 2027 17:00 CET");
            assertThat(browser.text(By.id("preview"))).contains(ben.name()).doesNotContain(anna.name())
                    .contains("Level 1 \u00b7 starts first").doesNotContain("starts now");
            assertThat(new Select(browser.find(By.id("preview-severity"))).getFirstSelectedOption().getText())
                    .isEqualTo("3 \u00b7 Warning");
            browser.screenshot("escalation-policy-what-if");
        }
    }

    @Test
    void badValuesAreNamedNextToTheirFieldAndThePreviewFallsBackToNow() {
        var policy = policy(0, level(5, user(emailResponder("Olga Once"))));
        String policyId = policy.get("id").asString();
        assign(service(null), policy);
        var viewer = responder("Bad Viewer");
        var session = new WebSession(baseUrl(), identity.user(viewer.id()).email(),
                "password-of-" + "Bad Viewer".length() + "-chars");

        var refused = session.get(page(policyId, "next friday", "9", java.util.UUID.randomUUID().toString()));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Give a date and a time, such as 2027-03-05 17:00.")
                .contains("Choose a severity from 1 (critical) to 4 (info).")
                .contains("Choose one of the services that use this policy.")
                .contains("value=\"next friday\"").contains("If this fired now");
        assertThat(people(refused.body())).containsOnly("Olga Once").isNotEmpty();
    }

    static String page(String policyId, String at, String severity, String service) {
        return "/escalation-policies/" + policyId + "?at=" + URLEncoder.encode(at, StandardCharsets.UTF_8)
                + "&severity=" + severity + "&service=" + service;
    }

    static List<String> people(String html) {
        var names = new ArrayList<String>();
        var m = PERSON.matcher(html);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
