package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import io.tocsin.support.Browser;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What a visitor does with the demo (issue 13, R1, R12, R26): start Tocsin with {@code --demo}, log in with the
 * English login the start-up banner suggests first, open a service, send a test alert, find the page in the
 * outbox, follow its acknowledge link and watch the incident page record the acknowledgement without a reload.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoBrowserTest {

    @Test
    void aTestAlertPagesSomeoneWhoseAcknowledgementTheIncidentPageShowsLive(CapturedOutput output, @TempDir Path dir) {
        // The test classpath configures a mail server for the other tests; a visitor's machine has none.
        var db = TestDatabase.postgres() ? TestDatabase.create() : TestDatabase.h2File(dir);
        try (var app = RunningApp.startReachable(db, "--demo", "--spring.mail.host="); var browser = new Browser(app.baseUrl(), "en")) {
            String out = output.getOut();
            var login = Pattern.compile("every demo person logs in with this password\\s+password: (\\S+)\\s+(\\S+@\\S+)")
                    .matcher(out);
            assertThat(login.find()).as("the banner names the password and a login").isTrue();
            assertThat(login.group(2)).isEqualTo("sam.carter@demo.tocsin.local");
            assertThat(out).contains("Demo integration keys (shown only this once", "checkout (Datadog)",
                    "Messages stay inside Tocsin", "/notify/outbox");

            browser.login(login.group(2), login.group(1));
            assertThat(browser.text(By.tagName("html"))).as("an English reader gets an English UI")
                    .contains("Declare incident");
            browser.open("/services");
            browser.click(By.linkText("email-sender"));
            browser.find(By.id("service-policy"));
            browser.click(By.id("send-test-alert"));
            browser.waitFor(d -> d.getCurrentUrl().matches(".*/incidents/INC-\\d+$") ? true : null);
            String incidentWindow = browser.driver().getWindowHandle();
            browser.waitForText(By.id("timeline"), "Paged ");

            browser.driver().switchTo().newWindow(WindowType.TAB);
            browser.open("/notify/outbox");
            // The delivery worker sends within a second or two; the outbox page shows what is there when loaded.
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(500)).until(d -> {
                d.navigate().refresh();
                return !d.findElements(By.xpath("//article[@data-channel='EMAIL'][contains(., 'Test alert sent by Sam Carter')]"))
                        .isEmpty();
            });
            var page = browser.find(By.xpath("//article[@data-channel='EMAIL'][contains(., 'Test alert sent by Sam Carter')]"));
            assertThat(page.getText()).as("a page in its recipient's language, with links").contains("[INC-", "/notify/answer/");
            page.findElement(By.cssSelector("a.outbox-link[href*='/notify/answer/']")).click();
            browser.click(By.id("answer-button"));
            assertThat(browser.find(By.id("outcome")).getText()).as("the answer page speaks the recipient's language")
                    .isNotBlank();

            browser.driver().switchTo().window(incidentWindow);
            browser.waitForText(By.id("timeline"), "acknowledged by e-mail: all further pages stopped");
            browser.screenshot("demo-acknowledged-live");
        }
    }
}
