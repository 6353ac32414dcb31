package io.tocsin.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for UI tests: Debian's chromium, headless, driven by Debian's chromedriver. Closes itself;
 * use in try-with-resources.
 */
public class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("tocsin.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("tocsin.test.chromedriver", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final String base;
    private final Path profile;
    private final List<String> violations = new ArrayList<>();

    public Browser(String base, String language) {
        this(base, language, List.of());
    }

    /** With extra Chromium switches, e.g. {@code --host-resolver-rules} to reach the app under another host name. */
    public Browser(String base, String language, List<String> arguments) {
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("tocsin-chromium");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000", "--lang=" + language,
                "--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(arguments);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        // The console log carries the browser's Content-Security-Policy reports: a page that breaks the policy
        // (an inline script or style) fails the test when the browser is closed.
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    public Browser login(String email, String password) {
        open("/login");
        type(By.id("username"), email);
        type(By.id("password"), password);
        click(By.id("login-submit"));
        waitFor(d -> !d.getCurrentUrl().contains("/login"));
        return this;
    }

    public WebElement find(By by) {
        return waitFor(d -> {
            var found = d.findElements(by);
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    public Browser type(By by, String text) {
        var element = find(by);
        element.clear();
        element.sendKeys(text);
        return this;
    }

    public Browser click(By by) {
        var element = find(by);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.click();
        return this;
    }

    public String text(By by) {
        return find(by).getText();
    }

    /** Waits up to 10 s until the page contains the text (live updates arrive asynchronously). */
    public Browser waitForText(By by, String text) {
        waitFor(d -> {
            var found = d.findElements(by);
            return !found.isEmpty() && found.getFirst().getText().contains(text) ? true : null;
        });
        return this;
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(condition, Duration.ofSeconds(10));
    }

    /** As {@link #waitFor(Function)}, for something the browser does in the background (a service worker). */
    public <T> T waitFor(Function<WebDriver, T> condition, Duration atMost) {
        // htmx swaps regions while we read them: a stale element means "look again", not failure.
        return new WebDriverWait(driver, atMost)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    /** Resizes the window so that the page's viewport is {@code width} by {@code height} CSS pixels. */
    public Browser viewport(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        // Headless windows have no browser chrome, but do not rely on it: make up for any difference once.
        var inner = (java.util.List<?>) script("return [window.innerWidth, window.innerHeight];");
        int dw = width - ((Number) inner.get(0)).intValue();
        int dh = height - ((Number) inner.get(1)).intValue();
        if (dw != 0 || dh != 0) {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(width + dw, height + dh));
        }
        return this;
    }

    /** Runs JavaScript in the page; {@code arguments[i]} are the given arguments. */
    public Object script(String script, Object... arguments) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, arguments);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Saves a PNG of the page (for looking at a page by hand, and for failed tests). */
    public Path screenshot(String name) {
        try {
            var target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Content-Security-Policy violations the browser reported since the last call (each a console message),
     * collected for {@link #close()}.
     */
    public List<String> cspViolations() {
        driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).forEach(violations::add);
        var reported = List.copyOf(violations);
        violations.clear();
        return reported;
    }

    /** Closes the browser; fails if a page broke the Content-Security-Policy. */
    @Override
    public void close() {
        List<String> reported;
        try {
            reported = cspViolations();
        } finally {
            quit();
        }
        if (!reported.isEmpty()) {
            throw new AssertionError("the browser reported Content-Security-Policy violations: " + reported);
        }
    }

    private void quit() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
