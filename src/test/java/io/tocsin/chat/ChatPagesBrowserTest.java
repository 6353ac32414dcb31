package io.tocsin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import io.tocsin.web.AccessibilityBrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 14 (R12, R21), in a real browser: an administrator connects Mattermost on {@code /admin/chat} (the secrets go in and are
 * never shown back, a wrong team id is refused naming the field), a responder links their Mattermost account from
 * their profile, German pages included, no inline scripts (CSP) and no serious or critical axe-core violations.
 */
class ChatPagesBrowserTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    FakeMattermost mattermost;

    @AfterEach
    void disconnect() {
        admin().put("/api/v1/chat/mattermost/settings", Map.of("botToken", "", "commandToken", "", "teamId", "",
                "apiUrl", "", "callbackUrl", "")).expect(200);
    }

    @Test
    void anAdministratorConnectsMattermostAndAResponderLinksTheirAccount() throws Exception {
        String axe = Files.readString(AccessibilityBrowserTest.installAxe().resolve("node_modules/axe-core/axe.min.js"));
        var problems = new ArrayList<String>();
        var admin = createUser(Role.ADMIN, "Ada Chat");
        var rita = createUser(Role.RESPONDER, "Rita Chat");
        String ritaAccount = mattermost.addUser("Rita Chat", rita.email());
        disconnect();

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(admin.email(), "password-of-" + "Ada Chat".length() + "-chars");
            browser.open("/admin/chat");
            assertThat(browser.text(By.id("status-mattermost"))).isEqualTo("Not connected");
            assertThat(browser.text(By.id("chat-mattermost"))).contains("Slash command token").contains("Not set.");

            // A team id Mattermost cannot have: refused, naming the field; nothing is stored.
            browser.type(By.id("mattermost-apiUrl"), mattermost.serverUrl());
            browser.type(By.id("mattermost-teamId"), "not a team");
            browser.type(By.id("mattermost-botToken"), FakeMattermost.TOKEN);
            browser.click(By.id("save-mattermost"));
            browser.waitForText(By.id("chat-mattermost"), "must be a Mattermost team id");
            assertThat(admin().get("/api/v1/chat/mattermost/settings").expect(200).json().path("botTokenSet").asBoolean())
                    .isFalse();

            browser.type(By.id("mattermost-apiUrl"), mattermost.serverUrl());
            browser.find(By.id("mattermost-teamId")).clear();
            browser.type(By.id("mattermost-teamId"), mattermost.teamId());
            browser.type(By.id("mattermost-botToken"), FakeMattermost.TOKEN);
            browser.type(By.id("mattermost-commandToken"), FakeMattermost.COMMAND_TOKEN);
            browser.find(By.id("mattermost-callbackUrl")).clear();
            browser.type(By.id("mattermost-callbackUrl"), baseUrl());
            browser.click(By.id("save-mattermost"));
            browser.waitForText(By.id("main"), "Chat settings saved.");
            assertThat(browser.text(By.id("status-mattermost"))).isEqualTo("Connected");
            assertThat(browser.find(By.id("mattermost-botToken")).getDomAttribute("value")).isNullOrEmpty();
            assertThat(browser.driver().getPageSource()).doesNotContain(FakeMattermost.TOKEN)
                    .doesNotContain(FakeMattermost.COMMAND_TOKEN);
            assertThat(browser.find(By.id("mattermost-botToken-hint")).getText()).contains("Set. Leave empty to keep it.");
            assertThat(browser.find(By.id("mattermost-teamId")).getDomProperty("value")).isEqualTo(mattermost.teamId());
            var stored = admin().get("/api/v1/chat/mattermost/settings").expect(200).json();
            assertThat(stored.path("configured").asBoolean()).isTrue();
            assertThat(stored.path("archiveOnClose").asBoolean()).isTrue();
            // Stored sealed: the database holds no secret in the clear.
            assertThat(jdbc.sql("select setting_value from chat_setting where setting_name = 'mattermost.bot-token'")
                    .query(String.class).single()).doesNotContain(FakeMattermost.TOKEN);

            // Saving again with the secrets left empty keeps them.
            browser.click(By.id("save-mattermost"));
            browser.waitForText(By.id("main"), "Chat settings saved.");
            assertThat(browser.text(By.id("status-mattermost"))).isEqualTo("Connected");
            problems.addAll(AccessibilityBrowserTest.violations(browser, axe, "/admin/chat"));
            assertThat(browser.cspViolations()).isEmpty();
        }

        try (var browser = new Browser(baseUrl(), "de")) {
            browser.login(rita.email(), "password-of-" + "Rita Chat".length() + "-chars");
            browser.open("/profile?lang=de");
            assertThat(browser.text(By.id("chat-accounts"))).contains("Chat-Konten").contains("Mattermost")
                    .contains("nicht verknüpft");
            browser.click(By.id("link-mattermost"));
            browser.waitForText(By.id("main"), "Verknüpft: " + ritaAccount);
            assertThat(browser.text(By.id("chat-accounts"))).contains("verknüpft als " + ritaAccount);
            assertThat(browser.text(By.id("contact-methods"))).contains("mattermost:" + ritaAccount);
            problems.addAll(AccessibilityBrowserTest.violations(browser, axe, "de /profile"));
            assertThat(browser.cspViolations()).isEmpty();
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
        assertThat(jdbc.sql("select account_id from chat_account where tool = 'mattermost' and user_id = ?")
                .param(rita.id()).query(String.class).single()).isEqualTo(ritaAccount);
    }
}
