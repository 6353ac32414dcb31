package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * In a real browser (R12, issue 5 point 9): a person without a verified method is warned on their profile, adds an
 * e-mail method, verifies it with the code that arrived by e-mail, adds a rule, and finds the page in the delivery
 * log.
 */
class NotifyProfileBrowserTest extends NotifyTestBase {

    @Test
    void addVerifyAndUseAContactMethodFromTheProfile() throws Exception {
        var user = createUser(Role.RESPONDER, "Nora Notify");
        String password = "password-of-" + "Nora Notify".length() + "-chars";
        String address = uniqueEmail("nora");

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(user.email(), password);
            browser.open("/profile");
            assertThat(browser.text(By.id("unreachable"))).contains("nobody can page you yet");

            new Select(browser.find(By.id("method-type"))).selectByValue("EMAIL");
            browser.type(By.id("method-destination"), address);
            browser.type(By.id("method-name"), "Work mail");
            browser.click(By.id("add-method-button"));
            browser.waitForText(By.id("contact-methods"), "Work mail");
            assertThat(browser.text(By.id("contact-methods"))).contains("not verified");

            worker.deliverDue();
            String code = code(mailTo(address).getLast().getSubject());
            browser.type(By.cssSelector("#contact-methods .verify-code"), code);
            browser.click(By.cssSelector("#contact-methods .verify-button"));
            browser.waitForText(By.id("main"), "Verified.");
            assertThat(browser.text(By.id("contact-methods"))).contains("verified").doesNotContain("not verified");
            assertThat(browser.driver().findElements(By.id("unreachable"))).isEmpty();

            browser.type(By.id("rule-delay"), "0");
            browser.click(By.id("add-rule-button"));
            browser.waitForText(By.id("notification-rules"), "After 0 min: Work mail (E-mail)");

            var subject = subject("Browser page");
            notifications.pageUser(user.id(), subject, "t:" + UUID.randomUUID());
            worker.deliverDue();
            browser.open("/notify/deliveries");
            browser.waitForText(By.id("deliveries"), subject.key());
            assertThat(browser.text(By.id("deliveries"))).contains("SENT").contains(address);
            browser.screenshot("notify-delivery-log");
        }
    }
}
