package io.tocsin.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 12's "Shown by" in a real browser (R28, R29): resolve a severity-2 incident; the postmortem draft appears
 * with the imported timeline, including the deployment before the impact started; edit sections, tag a key moment,
 * add an action item created in a fake Jira, request review, approve as the reviewer, publish, export the PDF; then
 * link the incident and a second one to a new problem with a workaround, declare a third incident on the service and
 * see the workaround on its page.
 */
class PostmortemBrowserTest extends LearningTestSupport {

    @Test
    void fromResolutionThroughReviewAndExportToAKnownErrorOnTheNextIncident() throws Exception {
        var s = openIncident(2, "Checkout");
        var reviewer = createUser(Role.RESPONDER, "Rita Reviewer " + System.nanoTime());
        String second = s.managerApi().post("/api/v1/incidents", Map.of("summary", "Checkout slow", "severity", 3,
                "serviceId", s.serviceId())).expect(201).json().get("key").asString();
        var jira = fakeJira();
        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(s.manager().email(), password(s.manager()));
            browser.open("/incidents/" + s.key());
            browser.click(By.id("resolve-incident"));
            browser.waitForText(By.id("postmortem-status"), "Draft");
            browser.click(By.id("open-postmortem"));
            browser.waitForText(By.id("postmortem-status"), "Draft");

            var entries = browser.driver().findElements(By.cssSelector("#postmortem-timeline .pm-entry"));
            int change = indexOf(entries, "Deployed Checkout 4.3.0");
            int impact = indexOf(entries, "Impact started");
            assertThat(entries.get(change).getAttribute("data-source")).isEqualTo("change");
            assertThat(change).isLessThan(impact);

            for (var code : new String[] {"summary", "impact", "detection", "root-cause"}) {
                browser.type(By.id("body-" + code), "Written in the browser: " + code);
                browser.click(By.id("save-" + code));
                browser.waitForText(By.id("postmortem-status"), "Draft");
            }
            assertThat(browser.find(By.id("body-summary")).getAttribute("value")).isEqualTo("Written in the browser: summary");

            String resolved = "#" + entry(browser, "to Resolved").getAttribute("id");
            new Select(browser.find(By.cssSelector(resolved + " select[name='keyMoment']"))).selectByValue("REPAIR");
            browser.click(By.cssSelector(resolved + " button[type='submit']"));
            browser.waitForText(By.id("postmortem-status"), "Draft");
            assertThat(entry(browser, "to Resolved").getAttribute("data-moment")).isEqualTo("REPAIR");

            new Select(browser.find(By.id("plan-reviewers"))).selectByVisibleText(reviewer.name());
            browser.click(By.id("save-plan"));
            browser.waitForText(By.id("reviewers"), reviewer.name());

            browser.type(By.id("item-title"), "Add a canary stage to checkout deploys");
            browser.click(By.id("item-jira"));
            browser.click(By.id("add-action-item"));
            browser.waitForText(By.cssSelector("#action-items .action-item"), "OPS-");
            assertThat(browser.find(By.cssSelector("#action-items .action-item")).getAttribute("data-sync"))
                    .isEqualTo("SYNCED");
            assertThat(jira.issues()).hasSize(1);

            browser.click(By.id("request-review"));
            browser.waitForText(By.id("postmortem-status"), "In review");

            browser.driver().manage().deleteAllCookies();
            browser.login(reviewer.email(), password(reviewer));
            browser.open("/incidents/" + s.key() + "/postmortem");
            browser.click(By.id("approve"));
            browser.waitForText(By.id("reviewers"), "approved");

            browser.driver().manage().deleteAllCookies();
            browser.login(s.manager().email(), password(s.manager()));
            browser.open("/incidents/" + s.key() + "/postmortem");
            browser.click(By.id("publish"));
            browser.waitForText(By.id("postmortem-status"), "Published");

            String pdfUrl = browser.find(By.id("export-pdf")).getAttribute("href");
            String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
            var pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdfUrl))
                    .header("Cookie", "JSESSIONID=" + session).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            try (var doc = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(doc)).contains("Written in the browser: summary",
                        "Root cause analysis", "Add a canary stage to checkout deploys");
            }

            browser.click(By.id("open-problem"));
            browser.type(By.id("problem-title"), "Checkout deploys without a canary");
            browser.type(By.id("problem-incidents"), s.key() + ", " + second);
            browser.type(By.id("problem-workaround"), "Roll back with: deploy checkout --previous");
            new Select(browser.find(By.id("problem-status"))).selectByValue("KNOWN_ERROR");
            browser.click(By.id("create-problem"));
            browser.waitForText(By.id("problem-incidents"), second);
            assertThat(browser.text(By.id("problem-incidents"))).contains(s.key());
            assertThat(browser.text(By.id("problem-status"))).isEqualTo("Known error");

            browser.open("/incidents/new");
            browser.type(By.id("summary"), "Checkout fails again");
            browser.click(By.id("severity-2"));
            new Select(browser.find(By.id("serviceId"))).selectByValue(s.serviceId());
            browser.click(By.id("declare-submit"));
            browser.waitForText(By.id("known-errors"), "Roll back with: deploy checkout --previous");
            assertThat(browser.text(By.id("known-errors"))).contains("Known error on this service");
        } finally {
            noJira(jira);
        }
    }

    private static int indexOf(java.util.List<WebElement> entries, String text) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getText().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no entry with " + text);
    }

    private static WebElement entry(Browser browser, String text) {
        var entries = browser.driver().findElements(By.cssSelector("#postmortem-timeline .pm-entry"));
        for (var e : entries) {
            if (e.findElement(By.cssSelector(".entry-text")).getText().contains(text)) {
                return e;
            }
        }
        throw new AssertionError("no entry with " + text);
    }
}
