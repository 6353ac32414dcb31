package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.tocsin.identity.Role;
import io.tocsin.shared.NavigationItem;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The top bar in a real browser: it fits a 1280 and a 1024 px wide window (no sideways scrolling, the Declare
 * button whole), in English and German and with the on-call badge; every navigation entry is in it, directly or
 * in its menu, and leads to its page; the menus work from the keyboard; on a phone the entries fold away behind
 * the menu button.
 */
class NavigationBrowserTest extends IntegrationTest {

    private static final int[][] DESKTOP = {{1280, 800}, {1024, 768}};

    /** The widths of the top bar's parts, to tell what grew when it no longer fits. */
    private static final String TOP_BAR_WIDTHS = """
            var w = e => e ? Math.round(e.getBoundingClientRect().width) : 0;
            var bar = document.querySelector('header.navbar .container-xl');
            return 'bar ' + w(bar) + ', ' + Array.from(bar.children).map(c => (c.id || c.className.split(' ')[0])
                + ' ' + w(c) + (c.id === 'navbar-menu' ? ' (' + Array.from(c.querySelectorAll('.nav-link, input'))
                .map(w).join(' ') + ')' : '') + (c.classList.contains('order-lg-last') ? ' ('
                + Array.from(c.children).map(w).join(' ') + ')' : '')).join(', ');
            """;

    @Autowired
    List<NavigationItem> items;

    @Test
    void theTopBarFitsAndEveryEntryLeadsToItsPage() {
        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            for (int[] size : DESKTOP) {
                browser.viewport(size[0], size[1]);
                browser.open("/");
                browser.screenshot("navigation-" + size[0]);
                assertFits(browser, "dashboard at " + size[0]);
                assertSearchUsable(browser, "at " + size[0]);
                assertThat(browser.driver().findElements(By.cssSelector("[data-nav]")).stream()
                        .map(e -> e.getDomAttribute("data-nav")))
                        .as("an administrator sees every entry")
                        .containsExactlyInAnyOrderElementsOf(items.stream().map(NavigationItem::labelKey).toList());
                for (var item : items) {
                    browser.open("/");
                    reveal(browser, item).click();
                    browser.waitFor(d -> URI.create(d.getCurrentUrl()).getPath().equals(item.path()));
                    assertThat(browser.driver().findElements(By.cssSelector(".empty-header")))
                            .as("%s is a page, not an error", item.path()).isEmpty();
                    browser.find(By.cssSelector("h1.page-title"));
                    assertThat(browser.driver().findElements(
                            By.cssSelector("[data-nav='" + item.labelKey() + "'][aria-current='page']")))
                            .as("%s is marked as the current page", item.labelKey()).hasSize(1);
                    assertFits(browser, item.path() + " at " + size[0]);
                }
            }
            browser.open("/?lang=de");
            for (int[] size : DESKTOP) {
                browser.viewport(size[0], size[1]);
                browser.open("/");
                assertThat(browser.text(By.id("declare-button"))).isEqualTo("Vorfall melden");
                browser.click(By.id("nav-more"));
                browser.screenshot("navigation-" + size[0] + "-de-more");
                assertThat(browser.find(By.cssSelector("#navbar-menu .dropdown-menu")).getDomProperty("textContent"))
                        .contains("Konfiguration").contains("Eskalationsrichtlinien");
                assertFits(browser, "German at " + size[0]);
                assertSearchUsable(browser, "German at " + size[0]);
            }
        }
    }

    @Test
    void theMenusWorkFromTheKeyboard() {
        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            browser.viewport(1024, 768);
            browser.open("/");
            var more = browser.find(By.id("nav-more"));
            var driver = browser.driver();
            browser.script("arguments[0].focus();", more);
            driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.waitFor(d -> "true".equals(more.getDomAttribute("aria-expanded")) ? true : null);
            driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
            var first = browser.waitFor(d -> {
                var focused = d.switchTo().activeElement();
                return focused.getDomAttribute("data-nav") != null ? focused : null;
            });
            assertThat(first.getDomAttribute("class")).contains("dropdown-item");
            String target = first.getDomAttribute("href");
            first.sendKeys(Keys.ENTER);
            browser.waitFor(d -> d.getCurrentUrl().endsWith(target));

            // Escape closes the menu again.
            browser.script("arguments[0].focus();", browser.find(By.id("nav-more")));
            driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.find(By.cssSelector("#navbar-menu .dropdown-menu.show"));
            driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            browser.waitFor(d -> d.findElements(By.cssSelector("#navbar-menu .dropdown-menu.show")).isEmpty());

            browser.click(By.id("user-menu"));
            browser.find(By.cssSelector("[data-nav='nav.my-shifts']"));
            browser.screenshot("navigation-user-menu");
        }
    }

    @Test
    void aGermanResponderOnCallStillFitsAndOnAPhoneTheEntriesFoldAway() {
        var user = onCallResponder();
        try (var browser = new Browser(baseUrl(), "de")) {
            browser.login(user.email(), "password-of-" + user.name().length() + "-chars");
            browser.open("/?lang=de");
            for (int[] size : DESKTOP) {
                browser.viewport(size[0], size[1]);
                browser.open("/");
                browser.screenshot("navigation-" + size[0] + "-de-on-call");
                assertThat(browser.find(By.id("my-on-call")).getDomAttribute("aria-label"))
                        .startsWith("In Bereitschaft bis");
                assertFits(browser, "on call, German, at " + size[0]);
                assertSearchUsable(browser, "on call, German, at " + size[0]);
            }

            browser.viewport(390, 844);
            browser.open("/");
            browser.screenshot("navigation-phone");
            assertFits(browser, "phone");
            var dashboard = By.cssSelector("#navbar-menu [data-nav='nav.dashboard']");
            assertThat(browser.driver().findElement(dashboard).isDisplayed()).isFalse();
            browser.click(By.cssSelector(".navbar-toggler"));
            browser.find(dashboard);
            browser.click(By.id("nav-more"));
            browser.find(By.cssSelector("#navbar-menu [data-nav='nav.escalation-policies']"));
            browser.screenshot("navigation-phone-open");
            assertFits(browser, "phone, menu open");
            browser.click(By.cssSelector("#navbar-menu [data-nav='nav.escalation-policies']"));
            browser.waitFor(d -> URI.create(d.getCurrentUrl()).getPath().equals("/escalation-policies"));
        }
    }

    /** The entry's link, made visible: its menu opened when it is in one. */
    private static WebElement reveal(Browser browser, NavigationItem item) {
        var link = browser.driver().findElement(By.cssSelector("[data-nav='" + item.labelKey() + "']"));
        if (!link.isDisplayed()) {
            var toggle = (WebElement) browser.script(
                    "return arguments[0].closest('.dropdown').querySelector('[data-bs-toggle=dropdown]');", link);
            assertThat(toggle.isDisplayed()).as("the menu of %s", item.labelKey()).isTrue();
            toggle.click();
            browser.waitFor(d -> link.isDisplayed() ? true : null);
        }
        assertInView(browser, link, item.labelKey());
        return link;
    }

    /**
     * No sideways scrolling, nothing of the top bar sticking out of its container, and the Declare button whole in
     * the window and not covered.
     */
    private static void assertFits(Browser browser, String where) {
        var widths = (List<?>) browser.script("""
                var bar = document.querySelector('header.navbar .container-xl');
                var end = bar.getBoundingClientRect().right - parseFloat(getComputedStyle(bar).paddingRight);
                var used = Math.max(...Array.from(bar.children).map(c => c.getBoundingClientRect().right));
                return [document.documentElement.scrollWidth, window.innerWidth, used, end + 0.5];
                """);
        Supplier<String> parts = () -> where + "; top bar parts: " + browser.script(TOP_BAR_WIDTHS);
        assertThat(num(widths.get(0))).as(() -> "document width, " + parts.get()).isLessThanOrEqualTo(num(widths.get(1)));
        assertThat(num(widths.get(2))).as(() -> "top bar width, " + parts.get()).isLessThanOrEqualTo(num(widths.get(3)));
        var declare = browser.find(By.id("declare-button"));
        assertInView(browser, declare, "Declare, " + where);
        assertThat(browser.script("var r = arguments[0].getBoundingClientRect();"
                + " return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === arguments[0];",
                declare)).as("Declare not covered, %s", where).isEqualTo(true);
    }

    /** The search box keeps room to type (it is the part of the bar that gives way). */
    private static void assertSearchUsable(Browser browser, String where) {
        assertThat(browser.find(By.cssSelector("#navbar-menu input[type=search]")).getRect().getWidth())
                .as(() -> "search box, " + where + "; top bar parts: " + browser.script(TOP_BAR_WIDTHS))
                .isGreaterThanOrEqualTo(128);
    }

    private static void assertInView(Browser browser, WebElement element, String what) {
        var box = (List<?>) browser.script("var r = arguments[0].getBoundingClientRect();"
                + " return [r.left, r.top, r.right, r.bottom, window.innerWidth, window.innerHeight];", element);
        double left = num(box.get(0));
        double top = num(box.get(1));
        double right = num(box.get(2));
        double bottom = num(box.get(3));
        assertThat(left).as("left edge of %s", what).isGreaterThanOrEqualTo(0);
        assertThat(top).as("top edge of %s", what).isGreaterThanOrEqualTo(0);
        assertThat(right).as("right edge of %s", what).isLessThanOrEqualTo(num(box.get(4)));
        assertThat(bottom).as("bottom edge of %s", what).isLessThanOrEqualTo(num(box.get(5)));
    }

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }

    /** A responder on call right now, so that the top bar shows the on-call badge. */
    private io.tocsin.identity.User onCallResponder() {
        var user = createUser(Role.RESPONDER, "Bereitschaft Breit");
        String teamId = admin().post("/api/v1/teams", Map.of("name", "Nav " + System.nanoTime())).expect(201)
                .json().get("id").asString();
        admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", user.id().toString(), "lead", false))
                .expect(200);
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", "Nav " + System.nanoTime(),
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("name", "Weekly",
                        "participants", List.of(user.id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", start.toString()))))
                .expect(201);
        return user;
    }
}
