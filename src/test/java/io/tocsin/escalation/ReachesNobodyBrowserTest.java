package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.tocsin.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 15 point 2 (R15, R16) in a real browser: on the people and teams page, making a team's last responder an
 * observer or removing its last member, where an assigned policy targets the team, does not just happen: the API's
 * 409 {@code reaches-nobody} becomes a confirmation naming the services and policies (in English and German);
 * cancelling changes nothing, "Change anyway" sends it again with {@code confirm=true}, and the audit log names the
 * services left reaching nobody. No page breaks the Content-Security-Policy (the behaviour lives in tocsin.js).
 */
class ReachesNobodyBrowserTest extends EscalationTestSupport {

    @Test
    void aChangeThatLeavesAServiceReachingNobodyAsksFirstAndIsAuditedWhenConfirmed() {
        var olaf = responder("Olaf Browserobserver " + System.nanoTime());
        var tina = responder("Tina Browserlast " + System.nanoTime());
        String teamA = team(olaf);
        String teamB = team(tina);
        var policyA = policy(0, level(5, Map.of("type", "TEAM", "id", teamA)));
        var policyB = policy(0, level(5, Map.of("type", "TEAM", "id", teamB)));
        String serviceA = service(null);
        String serviceB = service(null);
        assign(serviceA, policyA);
        assign(serviceB, policyB);
        String serviceAName = serviceName(serviceA);
        String olafRow = member(teamA, olaf.name());

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            browser.open("/admin/users");
            new Select(browser.find(By.cssSelector(olafRow + " select[name='role']"))).selectByValue("OBSERVER");
            browser.click(By.cssSelector(olafRow + " .member-role button"));
            browser.waitForText(By.id("reach-prompt"), "Nobody would be paged for these services any more");
            assertThat(browser.text(By.cssSelector("#reach-prompt .reach-services"))).isEqualTo(serviceAName);
            assertThat(browser.text(By.cssSelector("#reach-prompt .reach-policies")))
                    .isEqualTo(policyA.get("name").asString());
            browser.screenshot("reaches-nobody-prompt");

            // Cancel: nothing changed, nothing audited.
            browser.click(By.cssSelector("#reach-prompt .reach-cancel"));
            browser.waitFor(d -> !d.findElement(By.id("reach-prompt")).isDisplayed());
            assertThat(role(teamA, olaf.id())).isEqualTo("RESPONDER");
            assertThat(audits(teamA)).isEmpty();

            // Again, and this time make it anyway.
            new Select(browser.find(By.cssSelector(olafRow + " select[name='role']"))).selectByValue("OBSERVER");
            browser.click(By.cssSelector(olafRow + " .member-role button"));
            browser.waitForText(By.id("reach-prompt"), serviceAName);
            browser.click(By.cssSelector("#reach-prompt .reach-confirm"));
            browser.waitFor(d -> "OBSERVER".equals(role(teamA, olaf.id())) ? true : null);
            browser.waitFor(d -> new Select(d.findElement(By.cssSelector(olafRow + " select[name='role']")))
                    .getFirstSelectedOption().getDomAttribute("value").equals("OBSERVER") ? true : null);
            assertThat(audits(teamA)).singleElement().asString().contains(serviceAName)
                    .contains(policyA.get("name").asString()).contains("observer");
            assertThat(browser.cspViolations()).isEmpty();
        }

        String serviceBName = serviceName(serviceB);
        String tinaRow = member(teamB, tina.name());
        try (var browser = new Browser(baseUrl(), "de")) {
            browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            browser.open("/admin/users?lang=de");
            browser.click(By.cssSelector(tinaRow + " .member-remove button"));
            browser.waitForText(By.id("reach-prompt"), "Für diese Services würde niemand mehr alarmiert");
            assertThat(browser.text(By.cssSelector("#reach-prompt .reach-services"))).isEqualTo(serviceBName);
            assertThat(browser.text(By.cssSelector("#reach-prompt .reach-confirm"))).isEqualTo("Trotzdem ändern");
            assertThat(admin().get("/api/v1/teams/" + teamB).json().get("members").size()).isEqualTo(1);
            browser.click(By.cssSelector("#reach-prompt .reach-confirm"));
            browser.waitFor(d -> admin().get("/api/v1/teams/" + teamB).json().get("members").isEmpty() ? true : null);
            assertThat(audits(teamB)).singleElement().asString().contains(serviceBName);
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    private String member(String teamId, String name) {
        String team = admin().get("/api/v1/teams/" + teamId).expect(200).json().get("name").asString();
        return "ul[data-team='" + team + "'] li[data-member='" + name + "']";
    }

    private String serviceName(String serviceId) {
        return admin().get("/api/v1/services/" + serviceId).expect(200).json().get("name").asString();
    }

    private String role(String teamId, UUID userId) {
        for (var m : admin().get("/api/v1/teams/" + teamId).expect(200).json().get("members")) {
            if (m.get("userId").asString().equals(userId.toString())) {
                return m.get("role").asString();
            }
        }
        return null;
    }

    private java.util.List<String> audits(String teamId) {
        return jdbc.sql("select detail from audit_log where action = 'identity.reaches-nobody-confirmed'"
                + " and entity_id = ?").param(teamId).query(String.class).list();
    }
}
