package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 5, point 9 (R10) in a real browser: an administrator builds a policy of two levels (people, then a schedule)
 * in the editor, whose add and move buttons swap the form in place with htmx; reads the preview that warns about a
 * person nobody can reach; reorders the levels; and assigns the policy to a service on the service page.
 */
class EscalationPolicyBrowserTest extends EscalationTestSupport {

    @Test
    void r10BuildAPolicyPreviewItAndAssignItToAService() {
        var cast = cast("Anna Browserlevel", "Nils Noreach", "Bert Onschedule");
        var anna = cast.reachable();
        var nils = cast.unverified();
        var bert = cast.onCall();
        String scheduleName = cast.scheduleName();
        String serviceId = service(cast.teamId());
        String name = "Browser policy " + System.nanoTime();

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            browser.click(By.id("nav-more")); // the top bar's "More" menu
            browser.click(By.linkText("Escalation policies"));
            browser.click(By.id("new-policy"));
            browser.type(By.id("policy-name"), name);
            new Select(browser.find(By.id("level-0-target-new"))).selectByVisibleText(anna.name());
            browser.click(By.cssSelector("[data-level='1'] .target-add"));
            browser.find(By.id("level-0-target-0"));
            // htmx swapped the form in place: still on the editor's address, the name as typed.
            assertThat(browser.url()).endsWith("/escalation-policies/new");
            assertThat(browser.find(By.id("policy-name")).getDomProperty("value")).isEqualTo(name);
            new Select(browser.find(By.id("level-0-target-new"))).selectByVisibleText(nils.name());
            browser.click(By.id("add-level"));
            browser.find(By.id("level-1-timeout"));
            new Select(browser.find(By.id("level-1-target-new"))).selectByVisibleText(scheduleName);
            browser.type(By.id("level-1-timeout"), "10");
            browser.screenshot("escalation-policy-editor");
            browser.click(By.id("policy-save"));

            browser.waitForText(By.cssSelector(".alert-success"), "Escalation policy saved.");
            assertThat(browser.text(By.cssSelector("h1.page-title"))).isEqualTo(name);
            assertThat(browser.text(By.id("levels"))).contains(anna.name()).contains(nils.name())
                    .contains(scheduleName).doesNotContain("Unknown target");
            String preview = browser.text(By.id("preview"));
            assertThat(preview).contains("If this fired now").contains(anna.name()).contains(nils.name())
                    .contains(bert.name()).contains("on call for " + scheduleName);
            assertThat(preview.indexOf(anna.name())).isLessThan(preview.indexOf(bert.name()));
            assertThat(browser.text(By.id("unreachable-warning")))
                    .isEqualTo("1 person has no verified contact method and would not be reached.");
            assertThat(browser.text(By.cssSelector("tr[data-person='" + nils.name() + "'] .unreachable")))
                    .contains("No verified contact method");
            browser.screenshot("escalation-policy-preview");

            // Move the schedule's level first: the preview then starts with whoever is on call.
            browser.click(By.id("edit-policy"));
            browser.click(By.cssSelector("[data-level='2'] .level-up"));
            browser.waitFor(d -> new Select(d.findElement(By.id("level-0-target-0"))).getFirstSelectedOption()
                    .getText().equals(scheduleName));
            browser.click(By.id("policy-save"));
            browser.waitForText(By.cssSelector(".alert-success"), "Escalation policy saved.");
            String reordered = browser.text(By.id("preview"));
            assertThat(reordered.indexOf(bert.name())).isLessThan(reordered.indexOf(anna.name()));

            browser.open("/services/" + serviceId);
            assertThat(browser.text(By.id("service-policy-none"))).contains("alerts page the owning team");
            new Select(browser.find(By.id("assign-policy-id"))).selectByVisibleText(name);
            browser.click(By.id("assign-policy-submit"));
            browser.waitForText(By.cssSelector(".alert-success"), "Escalation policy assigned.");
            assertThat(browser.text(By.id("service-policy"))).isEqualTo(name);
            browser.screenshot("escalation-service-panel");
        }

        var assigned = admin().get("/api/v1/services/" + serviceId + "/escalation-policy").expect(200).json();
        assertThat(assigned.get("name").asString()).isEqualTo(name);
        assertThat(assigned.get("levels").get(0).get("timeoutMinutes").asInt()).isEqualTo(10);
        assertThat(assigned.get("levels").get(0).get("targets").get(0).get("type").asString()).isEqualTo("SCHEDULE");
        assertThat(assigned.get("levels").get(1).get("targets")).hasSize(2);
    }
}
